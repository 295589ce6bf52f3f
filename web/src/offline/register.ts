// Registers the service worker (sw/sw.ts) in the built app, and keeps the offline data in step with
// who is signed in: the worker's outbox opens for them, the service worker caches their reads, and
// another user's data left on the phone is deleted. Signing out deletes it all (stores/user.ts).
import type { Pinia } from 'pinia'
import { watch } from 'vue'
import { useOutboxStore } from '@/stores/outbox'
import { useUserStore } from '@/stores/user'
import { deleteOfflineData, tellServiceWorker } from './offlineData'

export function setupOffline(pinia: Pinia): void {
  if (import.meta.env.PROD && typeof navigator !== 'undefined' && 'serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (plain http on another host, a private window): the app works online.
    })
  }
  const user = useUserStore(pinia)
  const outbox = useOutboxStore(pinia)
  watch(
    () => user.me?.id ?? null,
    async (id) => {
      if (id === null) {
        outbox.stop()
        return
      }
      tellServiceWorker(id)
      await deleteOfflineData(id)
      await outbox.start(id)
    },
    { immediate: true },
  )
}
