// The outbox: writes made without a signal (a service record, a stage-form draft) wait on the phone
// and go to the server, oldest first, when the signal returns. A write the server turns down
// (cases.changed, a closed case, a form changed by someone else meanwhile…) is never dropped: it
// stays, marked failed with the server's words, until the worker has copied what they need and
// discards it. The storage is an interface so that the queue's rules are tested without IndexedDB.
import type { FormData, ServiceInput, Stage } from '@/api/cases'
import { isApiError } from '@/api/request'

interface OutboxBase {
  /** Unique on this phone (time + random). */
  id: string
  caseId: number
  /** The client's name, so that the worker knows which case a waiting write belongs to. */
  clientName: string
  /** When it was written on the phone (ISO). */
  createdAt: string
  state: 'pending' | 'failed'
  /** Why the server turned it down (state failed): its code and message, kept for the worker. */
  error?: { code: string; message: string }
}

export interface ServiceRecordWrite extends OutboxBase {
  kind: 'service_record'
  body: ServiceInput
}

export interface StageDraftWrite extends OutboxBase {
  kind: 'stage_draft'
  stage: Stage
  data: FormData
  /** The form's updated_at when the worker began editing it: the draft only replaces that version. */
  baseUpdatedAt: string | null
}

export type OutboxItem = ServiceRecordWrite | StageDraftWrite

/** Where waiting writes are kept (IndexedDB on the phone, a Map in tests). */
export interface OutboxStorage {
  all(): Promise<OutboxItem[]>
  put(item: OutboxItem): Promise<void>
  remove(id: string): Promise<void>
}

/** Sends one write to the server; throws ApiError (status 0 when there is no connection). */
export type OutboxSender = (item: OutboxItem) => Promise<void>

export interface FlushResult {
  sent: number
  failed: number
  /** True when the connection dropped again or the session has ended: the rest waits for the next try. */
  offline: boolean
}

/** A new id for a write: unique enough on one phone. */
export function newOutboxId(now: Date = new Date()): string {
  return `${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** Oldest first: records are sent in the order they were written. */
export function inOrder(items: OutboxItem[]): OutboxItem[] {
  return [...items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/** Whether an error means "no connection" (try again later) rather than "the server said no". */
export function isOffline(error: unknown): boolean {
  if (isApiError(error)) return error.status === 0
  return error instanceof TypeError // fetch's own network failure
}

/** Whether the write should wait rather than fail: no connection, or the session ended while the
 *  phone was offline (the worker signs in again and the write goes then). */
export function mustWait(error: unknown): boolean {
  return isOffline(error) || (isApiError(error) && error.status === 401)
}

/**
 * Sends the pending writes, oldest first. A sent write leaves the storage; one the server turns down
 * stays, marked failed with the server's code and message; the first connection failure (or an ended
 * session) stops the round with everything after it still pending.
 */
export async function flushOutbox(storage: OutboxStorage, send: OutboxSender): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, failed: 0, offline: false }
  for (const item of inOrder(await storage.all())) {
    if (item.state !== 'pending') continue
    try {
      await send(item)
    } catch (error) {
      if (mustWait(error)) {
        result.offline = true
        break
      }
      const code = isApiError(error) ? error.code : 'http.failed'
      const message = error instanceof Error ? error.message : String(error)
      await storage.put({ ...item, state: 'failed', error: { code, message } })
      result.failed += 1
      continue
    }
    await storage.remove(item.id)
    result.sent += 1
  }
  return result
}

/** The words of a failed write that the worker may want to copy back into the form. */
export function writeText(item: OutboxItem): string {
  if (item.kind === 'service_record') {
    const b = item.body
    return [b.date, b.content, b.progress_note, b.client_response, b.next_steps].filter((s) => s).join('\n')
  }
  return JSON.stringify(item.data, null, 2)
}

/** A Map-backed storage: for tests, and where IndexedDB is missing (the writes then last for the tab). */
export function memoryOutboxStorage(): OutboxStorage {
  const items = new Map<string, OutboxItem>()
  return {
    all: () => Promise.resolve([...items.values()].map((i) => structuredClone(i))),
    put: (item) => {
      items.set(item.id, structuredClone(item))
      return Promise.resolve()
    },
    remove: (id) => {
      items.delete(id)
      return Promise.resolve()
    },
  }
}
