// The notifications store against a fake EventSource and a fake server: one stream per signed-in
// tab, the unread count and a toast when a notification arrives, a reload on resync and on a
// reconnect, a new stream after the browser gives up, and the stream closed at sign-out and when
// the session ends (401).
import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppNotification } from '@/api/notifications'
import { configureClient } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import { setLiveDeps, STREAM_CLOSED, STREAM_CONNECTING, STREAM_OPEN, type LiveStream } from '@/stores/liveEvents'
import { FIRST_RETRY_MS, LATEST_SIZE, useNotificationsStore } from '@/stores/notifications'
import { useUserStore } from '@/stores/user'
import { toastContent } from '@/views/notifications/notificationText'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

/** An EventSource stand-in the test drives: `emit` a named event, `drop` or `giveUp` the connection. */
class FakeStream implements LiveStream {
  readyState = STREAM_CONNECTING
  closed = false
  private readonly listeners = new Map<string, ((event: Event) => void)[]>()

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: Event) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }

  close(): void {
    this.closed = true
    this.readyState = STREAM_CLOSED
  }

  emit(type: string, data = '{}'): void {
    if (type === 'ready') this.readyState = STREAM_OPEN
    const event = new MessageEvent(type, { data })
    for (const listener of this.listeners.get(type) ?? []) listener(event)
  }

  /** The connection dropped; the browser will reconnect by itself. */
  drop(): void {
    this.readyState = STREAM_CONNECTING
    for (const listener of this.listeners.get('error') ?? []) listener(new Event('error'))
  }

  /** The browser gave up (an HTTP error such as 401 or 429). */
  giveUp(): void {
    this.readyState = STREAM_CLOSED
    for (const listener of this.listeners.get('error') ?? []) listener(new Event('error'))
  }
}

const workerMe = {
  id: 5,
  username: 'worker',
  display_name: '王芳',
  memberships: [{ org_id: 4, role: 'worker', org_name: '个案服务部', org_kind: 'department' }],
  permissions: ['orgs.read', 'cases.read'],
  via_token: false,
  csrf_token: 'tok-5',
}

function approval(id: number, client: string, read = false): AppNotification {
  return {
    id,
    kind: 'approval_requested',
    org_id: 4,
    subject_type: 'case',
    subject_id: 100 + id,
    params: { client_name: client, from: 'planning', to: 'intervention', approval_id: id, requested_by: '王芳' },
    created_at: '2026-12-03T09:30:00+08:00',
    read_at: read ? '2026-12-03T10:00:00+08:00' : null,
  }
}

/** The server's side: the user's notifications (newest last in `all`), and whether the session holds. */
function fakeServer() {
  const state = { all: [approval(1, '孙桂英', true), approval(2, '李秀兰')], signedIn: true, me: workerMe as object }
  const route = (r: RecordedRequest): Reply => {
    const url = new URL(r.url, 'http://x')
    if (!state.signedIn) return { status: 401, body: errorBody('auth.session_expired', '会话已过期') }
    if (url.pathname === '/api/v1/me') return { body: state.me }
    if (url.pathname === '/api/v1/auth/logout') return { body: { ok: true } }
    if (url.pathname === '/api/v1/notifications') {
      const newest = [...state.all].reverse()
      const rows = url.searchParams.get('unread') === 'true' ? newest.filter((n) => n.read_at === null) : newest
      const size = Number(url.searchParams.get('page_size') ?? 20)
      return {
        body: {
          items: rows.slice(0, size),
          total: rows.length,
          page: 1,
          page_size: size,
          unread: state.all.filter((n) => n.read_at === null).length,
        },
      }
    }
    const one = /^\/api\/v1\/notifications\/(\d+)\/read$/.exec(url.pathname)
    if (one) {
      const n = state.all.find((x) => x.id === Number(one[1]))
      if (!n) return { status: 404, body: errorBody('notifications.not_found', '通知不存在。') }
      n.read_at = '2026-12-03T11:00:00+08:00'
      return { body: n }
    }
    if (url.pathname === '/api/v1/notifications/read-all') {
      const marked = state.all.filter((n) => n.read_at === null).length
      for (const n of state.all) n.read_at ??= '2026-12-03T11:00:00+08:00'
      return { body: { marked } }
    }
    return { status: 404, body: errorBody('http.not_found', 'no route') }
  }
  return { state, ...mockFetch(route) }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flushPromises()
}

function listLoads(requests: RecordedRequest[]): number {
  return requests.filter((r) => r.url.startsWith('/api/v1/notifications?')).length
}

describe('useNotificationsStore', () => {
  let streams: FakeStream[]
  let toasts: AppNotification[][]
  let visited: string[]

  beforeEach(() => {
    setActivePinia(createPinia())
    setLocale('zh-CN')
    streams = []
    toasts = []
    visited = []
    setLiveDeps({
      openStream: (url) => {
        const stream = new FakeStream(url)
        streams.push(stream)
        return stream
      },
      toast: (fresh) => toasts.push(fresh),
      navigate: (path) => visited.push(path),
    })
    // As main.ts does: an ended session clears the user.
    configureClient({ onSessionEnded: () => useUserStore().clear() })
  })

  afterEach(() => {
    vi.useRealTimers()
  })

  async function signedIn() {
    const server = fakeServer()
    const store = useNotificationsStore()
    await settle()
    expect(streams).toHaveLength(0)
    await useUserStore().fetchMe()
    await settle()
    return { server, store }
  }

  it('opens one stream after sign-in and loads the unread count', async () => {
    const { server, store } = await signedIn()
    expect(streams).toHaveLength(1)
    expect(streams[0].url).toBe('/api/v1/events')
    expect(store.unread).toBe(1)
    expect(store.latest.map((n) => n.id)).toEqual([2, 1])
    expect(server.requests.some((r) => r.url === `/api/v1/notifications?page=1&page_size=${LATEST_SIZE}`)).toBe(true)
    streams[0].emit('ready')
    expect(store.connection).toBe('open')
    // Signing in again (a second fetchMe) does not open a second stream.
    await useUserStore().fetchMe()
    await settle()
    expect(streams).toHaveLength(1)
  })

  it('counts and toasts a notification that arrives, in the user\'s language', async () => {
    const { server, store } = await signedIn()
    streams[0].emit('ready')
    server.state.all.push(approval(3, '周建国'))
    streams[0].emit('notification', '{"kind":"approval_requested"}')
    await settle()
    expect(store.unread).toBe(2)
    expect(store.latest[0].id).toBe(3)
    expect(toasts).toHaveLength(1)
    expect(toasts[0].map((n) => n.id)).toEqual([3])
    const { t, te } = i18n.global
    expect(toastContent(toasts[0], t, te)).toEqual({
      title: '督导审批',
      message: '周建国 的服务计划待审批（王芳 提交）',
      type: 'info',
    })
    setLocale('en')
    expect(toastContent(toasts[0], t, te).message).toBe("周建国's service plan awaits your approval (submitted by 王芳)")
  })

  it('folds a burst of events into one more load and one toast', async () => {
    const { server, store } = await signedIn()
    const before = listLoads(server.requests)
    server.state.all.push(approval(3, '周建国'), approval(4, '吴丽华'))
    for (let i = 0; i < 4; i++) streams[0].emit('notification', '{"kind":"approval_requested"}')
    await settle()
    expect(listLoads(server.requests) - before).toBeLessThanOrEqual(2)
    expect(store.unread).toBe(3)
    expect(toasts).toHaveLength(1)
    expect(toasts[0].map((n) => n.id)).toEqual([4, 3])
  })

  it('reloads without a toast on resync and after the browser reconnects', async () => {
    const { server, store } = await signedIn()
    streams[0].emit('ready')
    server.state.all.push(approval(3, '周建国'))
    streams[0].emit('resync')
    await settle()
    expect(store.unread).toBe(2)
    expect(toasts).toHaveLength(0)

    // A dropped connection: the browser reconnects the same stream, and says ready again.
    server.state.all.push(approval(4, '吴丽华'))
    streams[0].drop()
    expect(store.connection).toBe('connecting')
    streams[0].emit('ready')
    await settle()
    expect(store.unread).toBe(3)
    expect(streams).toHaveLength(1)
    expect(toasts).toHaveLength(0)
  })

  it('opens a new stream after a pause when the browser gives up, and the session still holds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { store } = await signedIn()
    streams[0].giveUp()
    await settle()
    expect(streams[0].closed).toBe(true)
    expect(store.connection).toBe('closed')
    vi.advanceTimersByTime(FIRST_RETRY_MS - 1)
    expect(streams).toHaveLength(1)
    vi.advanceTimersByTime(1)
    await settle()
    expect(streams).toHaveLength(2)
    expect(streams[1].closed).toBe(false)
    // Twice in a row: the pause doubles.
    streams[1].giveUp()
    await settle()
    vi.advanceTimersByTime(FIRST_RETRY_MS)
    expect(streams).toHaveLength(2)
    vi.advanceTimersByTime(FIRST_RETRY_MS)
    await settle()
    expect(streams).toHaveLength(3)
  })

  it('closes the stream and forgets the count at sign-out', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { store } = await signedIn()
    await useUserStore().logout()
    await settle()
    expect(streams[0].closed).toBe(true)
    expect(store.unread).toBe(0)
    expect(store.latest).toEqual([])
    expect(store.connection).toBe('closed')
    vi.advanceTimersByTime(10 * FIRST_RETRY_MS)
    await settle()
    expect(streams).toHaveLength(1)
  })

  it('closes the stream for good when the session has ended (401)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const { server, store } = await signedIn()
    server.state.signedIn = false
    streams[0].giveUp()
    await settle()
    expect(useUserStore().isSignedIn).toBe(false)
    expect(streams[0].closed).toBe(true)
    expect(store.unread).toBe(0)
    vi.advanceTimersByTime(10 * FIRST_RETRY_MS)
    await settle()
    expect(streams).toHaveLength(1)
  })

  it('opens no stream while a second factor must be set up', async () => {
    fakeServer()
    useNotificationsStore()
    const user = useUserStore()
    await user.fetchMe()
    user.requireTotpSetup()
    await settle()
    expect(streams.every((s) => s.closed)).toBe(true)
    user.totpEnabled()
    await settle()
    expect(streams.filter((s) => !s.closed)).toHaveLength(1)
  })

  it('marks one read, opening its case, and then all', async () => {
    const { server, store } = await signedIn()
    server.state.all.push(approval(3, '周建国'))
    await store.refresh()
    expect(store.unread).toBe(2)
    await store.open(store.latest[0])
    expect(visited).toEqual(['/cases/103'])
    expect(store.unread).toBe(1)
    expect(store.latest[0].read_at).not.toBeNull()
    const read = server.requests.find((r) => r.url === '/api/v1/notifications/3/read')
    expect(read?.method).toBe('POST')
    expect(read?.headers['X-CSRF-Token']).toBe('tok-5')
    expect(await store.markAllRead()).toBe(1)
    expect(store.unread).toBe(0)
    expect(store.latest.every((n) => n.read_at !== null)).toBe(true)
  })
})
