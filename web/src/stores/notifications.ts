// The signed-in user's notifications: the unread count the bell shows, the newest page of them, and
// one live event stream per tab (GET /api/v1/events) that says when another has arrived.
//
// The stream is opened when someone is signed in (and needs no second-factor set-up first) and
// closed when they sign out or their session ends (a 401 anywhere clears the user store). The
// browser's EventSource reconnects by itself after a dropped connection; when it gives up (an HTTP
// error such as 401, 429 or 502) the store asks the API once — a 401 there ends the session — and
// otherwise opens a new stream after a pause that doubles up to a minute. On "notification" the
// store reloads the newest page and shows what is new in a toast; on "resync" (the server may have
// missed some) and on every reconnect it reloads without a toast.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import {
  EVENTS_PATH,
  getNotificationList,
  markAllNotificationsRead,
  markNotificationRead,
  type AppNotification,
} from '@/api/notifications'
import { notificationTarget } from '@/views/notifications/notificationText'
import { liveDeps, STREAM_CLOSED, type LiveStream } from './liveEvents'
import { useUserStore } from './user'

/** How many of the newest notifications the bell lists. */
export const LATEST_SIZE = 10
/** The first pause before a new stream after the browser gave up, doubled each time up to the maximum. */
export const FIRST_RETRY_MS = 5_000
export const MAX_RETRY_MS = 60_000

export type ConnectionState = 'closed' | 'connecting' | 'open'

export const useNotificationsStore = defineStore('notifications', () => {
  const user = useUserStore()

  const unread = ref(0)
  const latest = shallowRef<AppNotification[]>([])
  /** Whether the newest page has been read since sign-in. */
  const loaded = ref(false)
  const connection = ref<ConnectionState>('closed')

  let stream: LiveStream | null = null
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  let retryDelay = FIRST_RETRY_MS
  /** The newest id seen: what is newer and unread on the next load is new. */
  let newestId = 0
  /** Bumped on sign-out, so that a load begun before it is thrown away. */
  let generation = 0

  // --- loading the newest page; at most one load in flight and one waiting ------------------------

  let inFlight: Promise<void> | null = null
  let waiting: { toast: boolean; done: Promise<void> } | null = null

  async function load(toast: boolean): Promise<void> {
    const mine = generation
    try {
      // silent: the bell says nothing of a failed load (the count stays); a 401 still ends the session.
      const page = await getNotificationList({ page: 1, page_size: LATEST_SIZE }, { silent: true })
      if (mine !== generation) return
      const fresh = loaded.value ? page.items.filter((n) => n.id > newestId && n.read_at === null) : []
      latest.value = page.items
      unread.value = page.unread
      loaded.value = true
      for (const n of page.items) newestId = Math.max(newestId, n.id)
      if (toast && fresh.length > 0) liveDeps().toast(fresh, (n) => void open(n))
    } catch {
      // Shown nowhere: the next event or reconnect loads again.
    }
  }

  function startLoad(toast: boolean): Promise<void> {
    const running = load(toast).finally(() => {
      if (inFlight === running) inFlight = null
    })
    inFlight = running
    return running
  }

  /** Reloads the unread count and the newest page; `toast` shows what arrived since the last load.
   *  Calls during a load are folded into one more load after it. */
  function refresh(toast = false): Promise<void> {
    if (!inFlight) return startLoad(toast)
    if (waiting) {
      waiting.toast = waiting.toast || toast
      return waiting.done
    }
    const next = { toast, done: Promise.resolve() }
    next.done = inFlight.then(() => {
      waiting = null
      return startLoad(next.toast)
    })
    waiting = next
    return next.done
  }

  // --- marking read ------------------------------------------------------------------------------

  function replace(n: AppNotification): void {
    latest.value = latest.value.map((item) => (item.id === n.id ? n : item))
  }

  /** Marks one read (when it is not yet) and answers it as the server now has it. */
  async function markRead(n: AppNotification): Promise<AppNotification> {
    if (n.read_at !== null) return n
    const marked = await markNotificationRead(n.id)
    unread.value = Math.max(0, unread.value - 1)
    replace(marked)
    return marked
  }

  /** Marks them all read; answers how many were unread. */
  async function markAllRead(): Promise<number> {
    const marked = await markAllNotificationsRead()
    unread.value = 0
    await refresh()
    return marked
  }

  /** Marks it read and goes to its case. */
  async function open(n: AppNotification): Promise<void> {
    try {
      await markRead(n)
    } finally {
      const target = notificationTarget(n)
      if (target) liveDeps().navigate(target)
    }
  }

  // --- the live stream ---------------------------------------------------------------------------

  const wanted = computed(() => user.isSignedIn && !user.needsTotpSetup)

  function clearRetry(): void {
    if (retryTimer !== null) clearTimeout(retryTimer)
    retryTimer = null
  }

  function scheduleRetry(): void {
    clearRetry()
    const delay = retryDelay
    retryDelay = Math.min(retryDelay * 2, MAX_RETRY_MS)
    retryTimer = setTimeout(() => {
      retryTimer = null
      connect()
    }, delay)
  }

  function onError(source: LiveStream): void {
    if (source !== stream) return
    if (source.readyState !== STREAM_CLOSED) {
      // Dropped: the browser reconnects by itself after the server's retry (5 s).
      connection.value = 'connecting'
      return
    }
    // The browser gave up (an HTTP error). Ask the API: a 401 there ends the session, and with it
    // this stream; anything else, try again later.
    source.close()
    stream = null
    connection.value = 'closed'
    const mine = generation
    void refresh().then(() => {
      if (mine === generation && wanted.value && stream === null) scheduleRetry()
    })
  }

  /** Opens the stream (once) and loads the newest page. */
  function connect(): void {
    if (stream || !wanted.value) return
    clearRetry()
    connection.value = 'connecting'
    let source: LiveStream
    try {
      source = liveDeps().openStream(EVENTS_PATH)
    } catch {
      connection.value = 'closed'
      scheduleRetry()
      return
    }
    stream = source
    let readies = 0
    source.addEventListener('ready', () => {
      if (source !== stream) return
      connection.value = 'open'
      retryDelay = FIRST_RETRY_MS
      // A second "ready" on the same stream is the browser's reconnect: something may have come meanwhile.
      if (readies++ > 0) void refresh()
    })
    source.addEventListener('notification', () => {
      if (source === stream) void refresh(true)
    })
    source.addEventListener('resync', () => {
      if (source === stream) void refresh()
    })
    source.addEventListener('error', () => onError(source))
    void refresh()
  }

  /** Closes the stream and forgets the notifications (sign-out). */
  function disconnect(): void {
    generation++
    clearRetry()
    retryDelay = FIRST_RETRY_MS
    stream?.close()
    stream = null
    connection.value = 'closed'
    unread.value = 0
    latest.value = []
    loaded.value = false
    newestId = 0
  }

  watch(wanted, (on) => (on ? connect() : disconnect()), { immediate: true })

  return { unread, latest, loaded, connection, refresh, markRead, markAllRead, open, connect, disconnect }
})
