import { describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  buildUrl,
  configureClient,
  endpoint,
  parseRetryAfter,
  reportError,
  request,
  setCsrfToken,
} from '@/api/request'
import { errorBody, mockFetch } from './fetchMock'

describe('request client', () => {
  it('sends X-CSRF-Token on state-changing requests only', async () => {
    const { requests } = mockFetch([{ body: { ok: true } }, { body: { ok: true } }, { body: { ok: true } }])
    setCsrfToken('csrf-123')
    await request('GET', '/api/v1/me')
    await request('POST', '/api/v1/orgs', { body: { name: 'x' } })
    await request('PATCH', '/api/v1/orgs/1', { body: { name: 'y' } })
    expect(requests[0].headers['X-CSRF-Token']).toBeUndefined()
    expect(requests[1].headers['X-CSRF-Token']).toBe('csrf-123')
    expect(requests[2].headers['X-CSRF-Token']).toBe('csrf-123')
    expect(requests[1].headers['Content-Type']).toBe('application/json')
    expect(requests[1].body).toEqual({ name: 'x' })
  })

  it('sends the UI language as Accept-Language on every request', async () => {
    const { requests } = mockFetch([{ body: {} }, { body: {} }])
    let lang = 'zh-CN'
    configureClient({ language: () => lang })
    await request('GET', '/api/v1/orgs')
    lang = 'en'
    await request('POST', '/api/v1/auth/logout')
    expect(requests.map((r) => r.headers['Accept-Language'])).toEqual(['zh-CN', 'en'])
  })

  it('turns an error body into a typed ApiError with code, message and details', async () => {
    mockFetch([
      {
        status: 400,
        body: errorBody('validation.failed', '提交的数据有误，请检查标出的字段。', [
          { field: 'name', code: 'required', message: '必填。' },
          { field: 'memberships[0].role', code: 'invalid_choice', message: '取值无效' },
        ]),
      },
    ])
    const error = await request('POST', '/api/v1/orgs', { body: {}, silent: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(400)
    expect(apiError.code).toBe('validation.failed')
    expect(apiError.message).toBe('提交的数据有误，请检查标出的字段。')
    expect(apiError.requestId).toBe('req-1')
    expect(apiError.fieldErrors()).toEqual({ name: '必填。', 'memberships[0].role': '取值无效' })
  })

  it('carries the seconds a 429 asks to wait (Retry-After), as seconds or a date', async () => {
    mockFetch([
      { status: 429, body: errorBody('public.rate_limited', '提交太频繁'), headers: { 'Retry-After': '30' } },
      { status: 409, body: errorBody('orgs.changed', '已被修改') },
    ])
    const limited = (await request('POST', '/api/v1/public/bookings', { body: {}, silent: true }).catch((e: unknown) => e)) as ApiError
    expect(limited.retryAfter).toBe(30)
    const other = (await request('POST', '/api/v1/orgs', { body: {}, silent: true }).catch((e: unknown) => e)) as ApiError
    expect(other.retryAfter).toBeNull()
    expect(parseRetryAfter(' 5 ')).toBe(5)
    expect(parseRetryAfter(null)).toBeNull()
    expect(parseRetryAfter('soon')).toBeNull()
    const now = Date.parse('2026-12-07T02:00:00Z')
    expect(parseRetryAfter('Mon, 07 Dec 2026 02:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('Mon, 07 Dec 2026 01:00:00 GMT', now)).toBe(0)
  })

  it('keeps the values behind a conflict\'s message (params), none when the body has none', async () => {
    mockFetch([
      {
        status: 409,
        body: { error: { code: 'cases.client_has_open_case', message: '已有未结案的个案（编号 42）', details: [], params: { existing_id: '42' } } },
      },
      { status: 409, body: { error: { code: 'orgs.changed', message: '已被修改', details: [], params: ['x'] } } },
      { status: 409, body: errorBody('orgs.changed', '已被修改') },
    ])
    const conflict = (await request('POST', '/api/v1/cases', { body: {}, silent: true }).catch((e: unknown) => e)) as ApiError
    expect(conflict.params).toEqual({ existing_id: '42' })
    const odd = (await request('POST', '/api/v1/orgs', { body: {}, silent: true }).catch((e: unknown) => e)) as ApiError
    expect(odd.params).toEqual({})
    const plain = (await request('POST', '/api/v1/orgs', { body: {}, silent: true }).catch((e: unknown) => e)) as ApiError
    expect(plain.params).toEqual({})
  })

  it('shows an error once, and not at all when the caller is silent', async () => {
    const notify = vi.fn()
    configureClient({ notify })
    mockFetch([{ status: 403, body: errorBody('auth.forbidden', '您没有执行此操作的权限。') }, { status: 404, body: errorBody('orgs.not_found', '未找到该组织。') }])
    const shown = await request('GET', '/api/v1/audit').catch((e: unknown) => e)
    reportError(shown)
    expect(notify).toHaveBeenCalledTimes(1)
    expect(notify).toHaveBeenCalledWith('您没有执行此操作的权限。')
    const silent = await request('GET', '/api/v1/orgs/9', { silent: true }).catch((e: unknown) => e)
    expect(notify).toHaveBeenCalledTimes(1)
    reportError(silent)
    expect(notify).toHaveBeenLastCalledWith('未找到该组织。')
  })

  it('names each field of a validation error, and the issues left unlisted', async () => {
    const notify = vi.fn()
    configureClient({ notify })
    mockFetch([
      {
        status: 400,
        body: errorBody('validation.failed', '提交的数据有误，请检查标出的字段。', [
          { field: 'goals[0].title', code: 'required', message: '必填。' },
          { field: '', code: 'more_issues', message: '另有 4900 处问题未列出。' },
        ]),
      },
    ])
    reportError(await request('PUT', '/api/v1/cases/1/stages/planning', { body: {} }).catch((e: unknown) => e))
    expect(notify).toHaveBeenCalledWith('提交的数据有误，请检查标出的字段。（goals[0].title: 必填。；另有 4900 处问题未列出。）')
  })

  it('hands an expired session and a required TOTP set-up to their hooks', async () => {
    const onSessionEnded = vi.fn()
    const onTotpSetupRequired = vi.fn()
    const notify = vi.fn()
    configureClient({ onSessionEnded, onTotpSetupRequired, notify })
    mockFetch([
      { status: 401, body: errorBody('auth.session_expired', '登录已超时，请重新登录。') },
      { status: 403, body: errorBody('auth.totp_setup_required', '请先设置动态验证码。') },
      { status: 401, body: errorBody('auth.invalid_credentials', '用户名或密码错误。') },
    ])
    await request('GET', '/api/v1/orgs').catch(() => {})
    await request('GET', '/api/v1/users').catch(() => {})
    await request('POST', '/api/v1/auth/login', { body: {}, handleAuth: false, silent: true }).catch(() => {})
    expect(onSessionEnded).toHaveBeenCalledTimes(1)
    expect(onTotpSetupRequired).toHaveBeenCalledTimes(1)
    expect(notify).not.toHaveBeenCalled()
  })

  it('reports a body-less failure with the fallback message', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('<html>bad gateway</html>', { status: 502 })))
    configureClient({ fallbackMessage: (status) => `failed ${status}` })
    const error = (await request('GET', '/api/v1/orgs', { silent: true }).catch((e: unknown) => e)) as ApiError
    expect(error.code).toBe('http.failed')
    expect(error.message).toBe('failed 502')
  })

  it('fills path parameters and leaves empty query values out', async () => {
    const { requests } = mockFetch([{ body: {} }])
    const call = endpoint('GET', '/api/v1/orgs/{id}')
    await call({ params: { id: 42 }, query: { q: '阳光', kind: '', active: false, page: 2, org_id: undefined } })
    expect(requests[0].url).toBe('/api/v1/orgs/42?q=%E9%98%B3%E5%85%89&active=false&page=2')
    expect(buildUrl('/x', {})).toBe('/x')
  })
})
