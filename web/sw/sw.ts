/// <reference lib="webworker" />
// The service worker (built by vite-plugin-pwa from this file, injectManifest): the app shell is
// precached, so the app opens with no signal; the worker's reads needed on a home visit (who they
// are, the worklist, their cases, each opened case with its stage forms, service records and
// timeline) are answered from the network when there is one and from a cache when not (NetworkFirst).
// Those caches hold one user's data and are named after them (jieli-u<id>-api); the page says who is
// signed in (a 'jieli-user' message) and deletes the caches on sign-out. With nobody known, API
// reads are not cached at all.
import { CacheableResponsePlugin } from 'workbox-cacheable-response'
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { NetworkFirst, NetworkOnly } from 'workbox-strategies'

declare const self: ServiceWorkerGlobalScope

precacheAndRoute(self.__WB_MANIFEST)
cleanupOutdatedCaches()
void self.skipWaiting()
clientsClaim()

// Client-side routes open the precached index.html; the API and files with an extension do not.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { denylist: [/^\/api\//, /\/[^/]+\.[^/]+$/] }))

const USER_CACHE = /^jieli-u(\d+)-/

/** The reads kept for offline use. The event stream, exports and downloads are not among them. */
const OFFLINE_READS = [
  /^\/api\/v1\/me$/,
  /^\/api\/v1\/worklist$/,
  /^\/api\/v1\/orgs$/,
  /^\/api\/v1\/cases$/,
  /^\/api\/v1\/cases\/\d+$/,
  /^\/api\/v1\/cases\/\d+\/(stages\/[a-z_]+|services|timeline|followups|form-versions|risk-reviews|attachments)$/,
]

let userId: number | null = null
let userKnown = false

/** The signed-in user as the page last said, or — after the worker was stopped — as the one user
 *  whose caches are here. */
async function currentUser(): Promise<number | null> {
  if (userKnown) return userId
  const owners = new Set<number>()
  for (const name of await caches.keys()) {
    const match = USER_CACHE.exec(name)
    if (match) owners.add(Number(match[1]))
  }
  userId = owners.size === 1 ? [...owners][0] : null
  userKnown = true
  return userId
}

const strategies = new Map<number, NetworkFirst>()

function strategyFor(id: number): NetworkFirst {
  let strategy = strategies.get(id)
  if (!strategy) {
    strategy = new NetworkFirst({
      cacheName: `jieli-u${id}-api`,
      networkTimeoutSeconds: 8,
      // The API says Cache-Control: no-store; only complete answers (200) are kept all the same.
      plugins: [new CacheableResponsePlugin({ statuses: [200] })],
    })
    strategies.set(id, strategy)
  }
  return strategy
}

const networkOnly = new NetworkOnly()

registerRoute(
  ({ url, request }) => url.origin === self.location.origin && request.method === 'GET' && OFFLINE_READS.some((r) => r.test(url.pathname)),
  async (options) => {
    const id = await currentUser()
    return id === null ? networkOnly.handle(options) : strategyFor(id).handle(options)
  },
)

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string; userId?: number | null } | null
  if (data?.type !== 'jieli-user') return
  userId = typeof data.userId === 'number' ? data.userId : null
  userKnown = true
})
