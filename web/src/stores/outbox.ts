// The signed-in worker's outbox (see offline/outboxQueue.ts): the writes waiting for a signal,
// shown as 待同步 where they belong, sent when the browser says it is online again and when the
// app starts; those the server turned down stay, with its message, until the worker discards them.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { addServiceRecord, getStageForm, saveStageForm, type FormData, type ServiceInput, type Stage } from '@/api/cases'
import { ApiError } from '@/api/request'
import { i18n } from '@/locales'
import { indexedDbOutboxStorage } from '@/offline/offlineData'
import {
  flushOutbox,
  inOrder,
  memoryOutboxStorage,
  newOutboxId,
  type OutboxItem,
  type OutboxSender,
  type OutboxStorage,
} from '@/offline/outboxQueue'

/** Sends a write through the API. A draft goes only onto the form version it was written on: when
 *  someone saved the form since, the draft is not sent but kept as failed (cases.changed). */
export const sendThroughApi: OutboxSender = async (item) => {
  if (item.kind === 'service_record') {
    await addServiceRecord(item.caseId, item.body, { silent: true })
    return
  }
  const current = await getStageForm(item.caseId, item.stage, { silent: true })
  if ((current.updated_at ?? null) !== item.baseUpdatedAt) {
    throw new ApiError(409, 'cases.changed', i18n.global.t('offline.formChangedMeanwhile'))
  }
  await saveStageForm(item.caseId, item.stage, item.data, true, { silent: true })
}

function browserOnline(): boolean {
  return typeof navigator === 'undefined' || navigator.onLine !== false
}

export const useOutboxStore = defineStore('outbox', () => {
  const userId = ref<number | null>(null)
  const items = shallowRef<OutboxItem[]>([])
  const syncing = ref(false)
  /** Goes up each time writes reached the server, so that pages showing them reload. */
  const sentRounds = ref(0)
  let storage: OutboxStorage | null = null
  let send: OutboxSender = sendThroughApi

  const pending = computed(() => items.value.filter((i) => i.state === 'pending'))
  const failed = computed(() => items.value.filter((i) => i.state === 'failed'))

  async function refresh(): Promise<void> {
    items.value = storage ? inOrder(await storage.all()) : []
  }

  /** Opens the user's outbox and sends what waits in it. `store`/`sender` are for tests. */
  async function start(id: number, store?: OutboxStorage, sender?: OutboxSender): Promise<void> {
    if (userId.value === id && storage && !store) return
    userId.value = id
    storage = store ?? (typeof indexedDB === 'undefined' ? memoryOutboxStorage() : indexedDbOutboxStorage(id))
    if (sender) send = sender
    await refresh()
    await flush()
  }

  /** Forgets the outbox here (its storage is deleted separately, on sign-out). */
  function stop(): void {
    userId.value = null
    storage = null
    items.value = []
  }

  async function add(item: OutboxItem): Promise<void> {
    if (!storage) throw new Error('outbox: nobody is signed in')
    await storage.put(item)
    await refresh()
  }

  function base(caseId: number, clientName: string) {
    return { id: newOutboxId(), caseId, clientName, createdAt: new Date().toISOString(), state: 'pending' as const }
  }

  function addServiceRecordWrite(caseId: number, clientName: string, body: ServiceInput): Promise<void> {
    return add({ ...base(caseId, clientName), kind: 'service_record', body })
  }

  function addStageDraftWrite(
    caseId: number,
    clientName: string,
    stage: Stage,
    data: FormData,
    baseUpdatedAt: string | null,
  ): Promise<void> {
    return add({ ...base(caseId, clientName), kind: 'stage_draft', stage, data, baseUpdatedAt })
  }

  /** Sends the pending writes, unless a round is already going or the browser knows it is offline. */
  async function flush(): Promise<void> {
    if (!storage || syncing.value || !browserOnline() || pending.value.length === 0) return
    syncing.value = true
    try {
      const result = await flushOutbox(storage, send)
      if (result.sent > 0) sentRounds.value += 1
    } finally {
      syncing.value = false
      await refresh()
    }
  }

  /** The worker has what they need from a failed write: it goes. */
  async function discard(id: string): Promise<void> {
    if (!storage) return
    await storage.remove(id)
    await refresh()
  }

  function forCase(caseId: number): OutboxItem[] {
    return items.value.filter((i) => i.caseId === caseId)
  }

  if (typeof window !== 'undefined') window.addEventListener('online', () => void flush())

  return { userId, items, pending, failed, syncing, sentRounds, start, stop, addServiceRecordWrite, addStageDraftWrite, flush, discard, forCase }
})
