import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { getCsrfToken } from '@/api/request'
import { useUserStore } from '@/stores/user'
import { errorBody, mockFetch } from './fetchMock'

const adminReply = {
  id: 1,
  username: 'admin',
  display_name: '系统管理员',
  memberships: [{ org_id: 1, role: 'admin', org_name: '江城市民政局', org_kind: 'bureau' }],
  permissions: ['orgs.read', 'orgs.manage', 'users.manage', 'audit.read', 'settings.manage', 'regions.manage'],
  via_token: false,
  totp_enabled: false,
  csrf_token: 'tok-1',
  needs_totp_setup: false,
}

const workerMe = {
  id: 5,
  username: 'worker',
  display_name: '王芳',
  memberships: [{ org_id: 4, role: 'worker', org_name: '个案服务部', org_kind: 'department' }],
  permissions: ['orgs.read'],
  via_token: false,
  csrf_token: 'tok-5',
}

describe('useUserStore', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('signs in, keeps the CSRF token for the client and answers permissions', async () => {
    const { requests } = mockFetch([{ body: adminReply }])
    const user = useUserStore()
    await user.login({ username: 'admin', password: 'Jieli@2026' })
    expect(requests[0].method).toBe('POST')
    expect(requests[0].url).toBe('/api/v1/auth/login')
    expect(user.isSignedIn).toBe(true)
    expect(user.me?.display_name).toBe('系统管理员')
    expect(getCsrfToken()).toBe('tok-1')
    expect(user.can('orgs.manage')).toBe(true)
    expect(user.can('audit.read')).toBe(true)
    expect(user.me).not.toHaveProperty('csrf_token')
    expect(user.needsTotpSetup).toBe(false)
  })

  it('remembers that a TOTP set-up is needed', async () => {
    mockFetch([{ body: { ...adminReply, needs_totp_setup: true } }])
    const user = useUserStore()
    await user.login({ username: 'admin', password: 'Jieli@2026' })
    expect(user.needsTotpSetup).toBe(true)
    user.totpEnabled()
    expect(user.needsTotpSetup).toBe(false)
    expect(user.me?.totp_enabled).toBe(true)
  })

  it('a worker holds no admin permission', async () => {
    mockFetch([{ body: workerMe }])
    const user = useUserStore()
    await user.fetchMe()
    expect(user.can('orgs.read')).toBe(true)
    expect(user.canAny(['orgs.manage', 'users.manage', 'audit.read', 'settings.manage'])).toBe(false)
    expect(getCsrfToken()).toBe('tok-5')
  })

  it('rejects a wrong password without signing in', async () => {
    mockFetch([{ status: 401, body: errorBody('auth.invalid_credentials', '用户名或密码错误。') }])
    const user = useUserStore()
    await expect(user.login({ username: 'admin', password: 'x' })).rejects.toMatchObject({
      code: 'auth.invalid_credentials',
      status: 401,
    })
    expect(user.isSignedIn).toBe(false)
  })

  it('signs out with the CSRF token and forgets the user', async () => {
    const { requests } = mockFetch([{ body: adminReply }, { body: { ok: true } }])
    const user = useUserStore()
    await user.login({ username: 'admin', password: 'Jieli@2026' })
    await user.logout()
    expect(requests[1].url).toBe('/api/v1/auth/logout')
    expect(requests[1].headers['X-CSRF-Token']).toBe('tok-1')
    expect(user.isSignedIn).toBe(false)
    expect(user.can('orgs.manage')).toBe(false)
    expect(getCsrfToken()).toBe('')
  })

  it('forgets the user even when the server is gone at sign-out', async () => {
    mockFetch([{ body: adminReply }, { status: 500, body: errorBody('internal', '服务器内部错误') }])
    const user = useUserStore()
    await user.login({ username: 'admin', password: 'Jieli@2026' })
    await user.logout().catch(() => {})
    expect(user.isSignedIn).toBe(false)
  })

  it('keeps the chosen organisation only while the user belongs to it', async () => {
    mockFetch([{ body: workerMe }])
    const user = useUserStore()
    await user.fetchMe()
    user.setCurrentOrg(4)
    expect(user.activeOrgId).toBe(4)
    expect(localStorage.getItem('jieli.currentOrg')).toBe('4')
    user.setCurrentOrg(99)
    expect(user.activeOrgId).toBeNull()
  })
})
