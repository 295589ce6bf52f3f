// Vitest set-up: a clean localStorage and client state before every test.
import { afterEach, beforeEach, vi } from 'vitest'
import { configureClient, setCsrfToken } from '@/api/request'

beforeEach(() => {
  localStorage.clear()
  setCsrfToken('')
  configureClient({
    language: () => 'zh-CN',
    notify: () => {},
    onSessionEnded: () => {},
    onTotpSetupRequired: () => {},
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})
