// What the phone keeps for one signed-in user, and how it is thrown away. The service worker's
// caches are named after the user (jieli-u<id>-…) and the outbox lives in the IndexedDB database
// jieli-outbox-u<id>; signing out — or another user signing in on the same phone — deletes both, so
// that nothing of one user's cases is left for the next person holding the phone.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { OutboxItem, OutboxStorage } from './outboxQueue'

/** The caches and databases of this app that hold a user's data all start with this. */
export const USER_DATA_PREFIX = 'jieli-'

/** The service worker's caches for a user start with this (see sw/sw.ts). */
export function userCachePrefix(userId: number): string {
  return `${USER_DATA_PREFIX}u${userId}-`
}

export function outboxDbName(userId: number): string {
  return `${USER_DATA_PREFIX}outbox-u${userId}`
}

interface OutboxSchema extends DBSchema {
  writes: { key: string; value: OutboxItem }
}

/** The outbox of one user in IndexedDB. The database is opened on first use and closed when another
 *  tab wants to delete it (sign-out there), so that the deletion is not blocked. */
export function indexedDbOutboxStorage(userId: number): OutboxStorage {
  let db: Promise<IDBPDatabase<OutboxSchema>> | null = null
  const open = (): Promise<IDBPDatabase<OutboxSchema>> => {
    db ??= openDB<OutboxSchema>(outboxDbName(userId), 1, {
      upgrade(database) {
        database.createObjectStore('writes', { keyPath: 'id' })
      },
      blocking(_current, _next, event) {
        ;(event.target as IDBDatabase).close()
        db = null
      },
      terminated() {
        db = null
      },
    })
    return db
  }
  return {
    all: async () => (await open()).getAll('writes'),
    put: async (item) => {
      await (await open()).put('writes', item)
    },
    remove: async (id) => {
      await (await open()).delete('writes', id)
    },
  }
}

/** Tells the service worker whose data it may cache now (null: nobody's). */
export function tellServiceWorker(userId: number | null): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return
  const message = { type: 'jieli-user', userId }
  navigator.serviceWorker.controller?.postMessage(message)
  void navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage(message)).catch(() => {})
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onerror = () => resolve()
    // Another tab still has it open: it closes on versionchange; the delete finishes then.
    request.onblocked = () => {}
  })
}

/**
 * Deletes the offline data of every user but `keepUserId` (everybody's when null): the service
 * worker's caches named after a user and the IndexedDB outboxes. The app shell's precache stays: it
 * holds no one's data.
 */
export async function deleteOfflineData(keepUserId: number | null = null): Promise<void> {
  const keepCaches = keepUserId === null ? null : userCachePrefix(keepUserId)
  const keepDb = keepUserId === null ? null : outboxDbName(keepUserId)
  const tasks: Promise<unknown>[] = []
  if (typeof caches !== 'undefined') {
    const names = await caches.keys().catch(() => [] as string[])
    for (const name of names) {
      if (name.startsWith(USER_DATA_PREFIX) && (keepCaches === null || !name.startsWith(keepCaches))) {
        tasks.push(caches.delete(name))
      }
    }
  }
  if (typeof indexedDB !== 'undefined' && typeof indexedDB.databases === 'function') {
    const dbs = await indexedDB.databases().catch(() => [] as IDBDatabaseInfo[])
    for (const { name } of dbs) {
      if (name && name.startsWith(USER_DATA_PREFIX) && name !== keepDb) tasks.push(deleteDatabase(name))
    }
  }
  await Promise.all(tasks)
}
