// The signed-in user: who they are, their memberships and permissions, the
// organisation they are looking at, and whether they must set up a second factor.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  getMe,
  login as apiLogin,
  logout as apiLogout,
  type LoginInput,
  type LoginReply,
  type Me,
  type Permission,
} from '@/api/auth'
import { setCsrfToken } from '@/api/request'
import { deleteOfflineData, tellServiceWorker } from '@/offline/offlineData'
import { useOrgStore } from './orgs'

const ORG_KEY = 'jieli.currentOrg'

function readStoredOrg(): number | null {
  try {
    const value = Number(localStorage.getItem(ORG_KEY))
    return Number.isInteger(value) && value > 0 ? value : null
  } catch {
    return null
  }
}

function withoutSecrets(me: Me | LoginReply): Me {
  const { csrf_token: _csrf, ...rest } = me
  if ('needs_totp_setup' in rest) {
    const { needs_totp_setup: _setup, ...plain } = rest
    return plain
  }
  return rest
}

export const useUserStore = defineStore('user', () => {
  const me = ref<Me | null>(null)
  /** Whether GET /api/v1/me has been asked since the page loaded. */
  const loaded = ref(false)
  const needsTotpSetup = ref(false)
  const currentOrgId = ref<number | null>(readStoredOrg())

  const isSignedIn = computed(() => me.value !== null)
  const permissions = computed(() => new Set<Permission>(me.value?.permissions ?? []))
  const memberships = computed(() => me.value?.memberships ?? [])
  /** The organisation lists are filtered by, or null for all of the user's. */
  const activeOrgId = computed(() =>
    memberships.value.some((m) => m.org_id === currentOrgId.value) ? currentOrgId.value : null,
  )

  function can(permission: Permission): boolean {
    return permissions.value.has(permission)
  }

  function canAny(list: Permission[]): boolean {
    return list.some((p) => permissions.value.has(p))
  }

  /** Signs in. Throws ApiError (auth.invalid_credentials — also when locked out —, auth.totp_required …). */
  async function login(input: LoginInput): Promise<LoginReply> {
    const reply = await apiLogin(input)
    setCsrfToken(reply.csrf_token)
    me.value = withoutSecrets(reply)
    needsTotpSetup.value = reply.needs_totp_setup
    loaded.value = true
    return reply
  }

  /** Loads the signed-in user from the session cookie; throws ApiError when there is none. */
  async function fetchMe(): Promise<Me> {
    loaded.value = true
    const answer = await getMe({ silent: true, handleAuth: false })
    setCsrfToken(answer.csrf_token ?? '')
    me.value = withoutSecrets(answer)
    return me.value
  }

  /** Ends the session on the server (best effort) and forgets the user here, with everything the
   *  phone kept of theirs for offline use (cached reads, the outbox). */
  async function logout(): Promise<void> {
    tellServiceWorker(null)
    try {
      if (me.value) await apiLogout()
    } finally {
      clear()
      await deleteOfflineData(null)
    }
  }

  function clear(): void {
    me.value = null
    needsTotpSetup.value = false
    setCsrfToken('')
    useOrgStore().reset()
  }

  function requireTotpSetup(): void {
    needsTotpSetup.value = true
  }

  function totpEnabled(): void {
    needsTotpSetup.value = false
    if (me.value) me.value = { ...me.value, totp_enabled: true }
  }

  function setCurrentOrg(orgId: number | null): void {
    currentOrgId.value = orgId
    try {
      if (orgId === null) localStorage.removeItem(ORG_KEY)
      else localStorage.setItem(ORG_KEY, String(orgId))
    } catch {
      // Not persisted in private browsing; the choice still holds for this page.
    }
  }

  return {
    me,
    loaded,
    needsTotpSetup,
    currentOrgId,
    activeOrgId,
    isSignedIn,
    permissions,
    memberships,
    can,
    canAny,
    login,
    fetchMe,
    logout,
    clear,
    requireTotpSetup,
    totpEnabled,
    setCurrentOrg,
  }
})
