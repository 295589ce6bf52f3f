// The outbox's rules with an in-memory storage: oldest first, sent writes leave, a refused write
// stays with the server's words, a lost connection stops the round with the rest still waiting.
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import type { ServiceInput } from '@/api/cases'
import { ApiError } from '@/api/request'
import { flushOutbox, memoryOutboxStorage, writeText, type OutboxItem, type ServiceRecordWrite } from '@/offline/outboxQueue'
import { sendThroughApi, useOutboxStore } from '@/stores/outbox'
import { mockFetch } from './fetchMock'

function record(id: string, createdAt: string, content = 'visit'): ServiceRecordWrite {
  return {
    id,
    kind: 'service_record',
    caseId: 1,
    clientName: '王某',
    createdAt,
    state: 'pending',
    body: { date: '2026-12-06', minutes: 45, mode: 'face_to_face', content, participants: ['client'] } as ServiceInput,
  }
}

describe('flushOutbox', () => {
  it('sends oldest first and removes what was sent', async () => {
    const storage = memoryOutboxStorage()
    await storage.put(record('b', '2026-12-06T10:00:00Z'))
    await storage.put(record('a', '2026-12-06T09:00:00Z'))
    const sent: string[] = []
    const result = await flushOutbox(storage, async (item) => {
      sent.push(item.id)
    })
    expect(sent).toEqual(['a', 'b'])
    expect(result).toEqual({ sent: 2, failed: 0, offline: false })
    expect(await storage.all()).toEqual([])
  })

  it('keeps a refused write with the server code and message, and goes on with the next', async () => {
    const storage = memoryOutboxStorage()
    await storage.put(record('a', '2026-12-06T09:00:00Z', 'first'))
    await storage.put(record('b', '2026-12-06T10:00:00Z', 'second'))
    const result = await flushOutbox(storage, async (item) => {
      if (item.id === 'a') throw new ApiError(409, 'cases.changed', '个案已被他人修改')
    })
    expect(result).toEqual({ sent: 1, failed: 1, offline: false })
    const [left] = await storage.all()
    expect(left.id).toBe('a')
    expect(left.state).toBe('failed')
    expect(left.error).toEqual({ code: 'cases.changed', message: '个案已被他人修改' })
    expect(writeText(left)).toContain('first')
  })

  it('stops at a lost connection and keeps the rest pending', async () => {
    const storage = memoryOutboxStorage()
    await storage.put(record('a', '2026-12-06T09:00:00Z'))
    await storage.put(record('b', '2026-12-06T10:00:00Z'))
    const send = vi.fn(async () => {
      throw new ApiError(0, 'http.network', 'offline')
    })
    const result = await flushOutbox(storage, send)
    expect(send).toHaveBeenCalledTimes(1)
    expect(result).toEqual({ sent: 0, failed: 0, offline: true })
    expect((await storage.all()).map((i) => i.state)).toEqual(['pending', 'pending'])
  })

  it('keeps writes pending when the session ended while offline', async () => {
    const storage = memoryOutboxStorage()
    await storage.put(record('a', '2026-12-06T09:00:00Z'))
    const result = await flushOutbox(storage, async () => {
      throw new ApiError(401, 'auth.session_expired', '登录已过期')
    })
    expect(result.offline).toBe(true)
    expect((await storage.all())[0].state).toBe('pending')
  })

  it('does not send a write that already failed again', async () => {
    const storage = memoryOutboxStorage()
    await storage.put({ ...record('a', '2026-12-06T09:00:00Z'), state: 'failed', error: { code: 'cases.closed', message: 'closed' } })
    const send = vi.fn(async () => {})
    await flushOutbox(storage, send)
    expect(send).not.toHaveBeenCalled()
    expect(await storage.all()).toHaveLength(1)
  })
})

describe('outbox store', () => {
  it('keeps a write made offline pending and sends it when the browser is online again', async () => {
    setActivePinia(createPinia())
    const online = vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false)
    const send = vi.fn(async () => {})
    const outbox = useOutboxStore()
    await outbox.start(7, memoryOutboxStorage(), send)
    await outbox.addServiceRecordWrite(1, '王某', record('x', '').body as ServiceInput)
    expect(outbox.pending).toHaveLength(1)
    await outbox.flush()
    expect(send).not.toHaveBeenCalled()

    online.mockReturnValue(true)
    window.dispatchEvent(new Event('online'))
    await vi.waitFor(() => expect(outbox.pending).toHaveLength(0))
    expect(send).toHaveBeenCalledTimes(1)
    expect(outbox.sentRounds).toBe(1)
  })

  it('shows a refused write as failed for its case until discarded', async () => {
    setActivePinia(createPinia())
    const outbox = useOutboxStore()
    const storage = memoryOutboxStorage()
    await storage.put(record('a', '2026-12-06T09:00:00Z'))
    await outbox.start(7, storage, async () => {
      throw new ApiError(409, 'cases.closed', '个案已结案')
    })
    expect(outbox.forCase(1).map((i) => i.state)).toEqual(['failed'])
    expect(outbox.failed[0].error?.message).toBe('个案已结案')
    await outbox.discard('a')
    expect(outbox.items).toEqual([])
  })
})

describe('sendThroughApi', () => {
  const draft = (baseUpdatedAt: string | null): OutboxItem => ({
    id: 'd',
    kind: 'stage_draft',
    caseId: 7,
    clientName: '王某',
    createdAt: '2026-12-06T09:00:00Z',
    state: 'pending',
    stage: 'assessment',
    data: { summary: '离线写的预估' },
    baseUpdatedAt,
  })

  it('saves a draft onto the form version it was written on', async () => {
    const { requests } = mockFetch([{ body: { updated_at: '2026-12-06T08:00:00+08:00' } }, { body: {} }])
    await sendThroughApi(draft('2026-12-06T08:00:00+08:00'))
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/cases/7/stages/assessment', 'PUT /api/v1/cases/7/stages/assessment'])
    expect(requests[1].body).toEqual({ data: { summary: '离线写的预估' }, draft: true })
  })

  it('does not overwrite a form saved since: cases.changed, and nothing is sent', async () => {
    const { requests } = mockFetch([{ body: { updated_at: '2026-12-06T11:00:00+08:00' } }])
    await expect(sendThroughApi(draft('2026-12-06T08:00:00+08:00'))).rejects.toMatchObject({ status: 409, code: 'cases.changed' })
    expect(requests).toHaveLength(1)
  })
})
