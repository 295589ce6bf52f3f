// What the notifications store needs from the world around it, behind one small seam so that
// Vitest can drive the store without a browser: how a live event stream is opened (EventSource in
// the browser, a fake in tests), how a new notification is shown (an ElNotification toast) and how
// the app goes to a page (the router). main.ts wires `navigate`; tests replace the rest.
import { ElNotification } from 'element-plus'
import type { AppNotification } from '@/api/notifications'
import { i18n } from '@/locales'
import { toastContent } from '@/views/notifications/notificationText'

/** EventSource's readyState values. */
export const STREAM_CONNECTING = 0
export const STREAM_OPEN = 1
export const STREAM_CLOSED = 2

/** The part of EventSource the store uses. */
export interface LiveStream {
  /** STREAM_CONNECTING while (re)connecting, STREAM_OPEN, STREAM_CLOSED once the browser gave up. */
  readonly readyState: number
  /** Named events ("ready", "notification", "resync") arrive as MessageEvents; "error" as a plain Event. */
  addEventListener(type: string, listener: (event: Event) => void): void
  close(): void
}

export interface LiveDeps {
  /** Opens the stream at `url` (same origin, so the session cookie goes with it). */
  openStream: (url: string) => LiveStream
  /** Shows newly arrived notifications, newest first (never called with none); `open` opens one
   *  (marks it read and goes to its case). */
  toast: (fresh: AppNotification[], open: (n: AppNotification) => void) => void
  /** Goes to an app path ("/cases/7"). */
  navigate: (path: string) => void
}

function browserStream(url: string): LiveStream {
  return new EventSource(url)
}

/** A short toast at the top right, under the top bar, in the user's language; a click opens the newest. */
function elementToast(fresh: AppNotification[], open: (n: AppNotification) => void): void {
  const { t, te } = i18n.global
  const content = toastContent(fresh, t, te)
  const handle = ElNotification({
    ...content,
    duration: 6000,
    // Below the 56 px top bar, so that the bell and the user's menu stay within reach.
    offset: 64,
    customClass: 'live-toast',
    onClick: () => {
      handle.close()
      open(fresh[0])
    },
  })
}

const deps: LiveDeps = {
  openStream: browserStream,
  toast: elementToast,
  navigate: (path) => {
    if (typeof window !== 'undefined') window.location.assign(path)
  },
}

/** Replaces some of the dependencies (main.ts: navigate; tests: openStream, toast). */
export function setLiveDeps(overrides: Partial<LiveDeps>): void {
  Object.assign(deps, overrides)
}

/** The dependencies now in force. */
export function liveDeps(): Readonly<LiveDeps> {
  return deps
}
