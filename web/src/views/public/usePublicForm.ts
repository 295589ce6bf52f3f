// The state the citizens' public forms share: issues under their fields, the general messages above
// the button, the honeypot, sending, and the reference the server answered (the thank-you state);
// and the agencies a citizen may choose. Every call is silent and leaves the session alone
// ({ silent: true, handleAuth: false }): the pages are public and show their errors themselves.
import { nextTick, reactive, ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { getPublicAgencies, type PublicAgency, type PublicReceipt } from '@/api/public'
import type { CallOptions } from '@/api/request'
import { describeFailure, type Issues } from './publicForm'

export const PUBLIC_CALL: CallOptions = { silent: true, handleAuth: false }

export function usePublicForm(fields: readonly string[]) {
  const { t } = useI18n()
  const issues = reactive<Issues>({})
  const general = ref<string[]>([])
  const sending = ref(false)
  /** The honeypot: people never see it, so it stays empty; a bot filling every field gives itself away. */
  const website = ref('')
  /** Set once the server took the form: the page shows its thank-you with this reference. */
  const reference = ref('')

  function clear(field?: string): void {
    if (field !== undefined) {
      delete issues[field]
      return
    }
    for (const key of Object.keys(issues)) delete issues[key]
    general.value = []
  }

  /** Brings the first field with an issue into view (a long form on a phone). */
  function scrollToIssue(): void {
    void nextTick(() => document.querySelector('.public-page .is-error')?.scrollIntoView?.({ behavior: 'smooth', block: 'center' }))
  }

  /** Shows our own checks (field → i18n key); answers whether there were none. */
  function passes(checks: Issues): boolean {
    clear()
    for (const [field, key] of Object.entries(checks)) issues[field] = t(key)
    if (Object.keys(checks).length === 0) return true
    general.value = [t('citizen.fixFields')]
    scrollToIssue()
    return false
  }

  /** Sends the form; on success the page turns to its thank-you. */
  async function send(call: () => Promise<PublicReceipt>): Promise<boolean> {
    if (sending.value) return false
    clear()
    sending.value = true
    try {
      reference.value = (await call()).reference
      document.querySelector('.public-page')?.scrollIntoView?.({ block: 'start' })
      return true
    } catch (error) {
      const failure = describeFailure(error, fields, t)
      Object.assign(issues, failure.byField)
      general.value = failure.general
      if (Object.keys(failure.byField).length > 0) scrollToIssue()
      return false
    } finally {
      sending.value = false
    }
  }

  return { issues, general, sending, website, reference, clear, passes, send }
}

/** The agencies a citizen may choose, loaded once when the page opens. */
export function usePublicAgencies() {
  const agencies = shallowRef<PublicAgency[]>([])
  const loading = ref(false)
  const failed = ref(false)

  async function load(): Promise<void> {
    loading.value = true
    failed.value = false
    try {
      agencies.value = await getPublicAgencies(PUBLIC_CALL)
    } catch {
      failed.value = true
    } finally {
      loading.value = false
    }
  }

  return { agencies, loading, failed, load }
}
