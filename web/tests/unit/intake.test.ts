// 接案申请: the API's paths, bodies and paging, the screen's helpers (times as ISO strings, the day asked for, the actions
// offered, what a 409 means, the units a new client may be registered in, the accept and decline
// bodies); and — against a fake server — the queue page (its rows and tags, the row actions under
// their data-test names, declining, a stale request reloading the list) and the accept dialog.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Me } from '@/api/auth'
import {
  acceptIntakeRequest,
  assignIntakeRequest,
  declineIntakeRequest,
  getIntakeRequest,
  getIntakeRequestPage,
  revealIntakePhone,
  type IntakeRequest,
} from '@/api/intake'
import { ApiError, endpoints, setCsrfToken } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import { useUserStore } from '@/stores/user'
import {
  acceptInput,
  acceptIssues,
  declineInput,
  declineIssues,
  defaultAcceptForm,
  formatMillis,
  orderedActions,
  orgsWithin,
  preferredText,
  staleKey,
  stateTagType,
  truncate,
} from '@/views/intake/intake'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string

/** 2026-12-07 09:30 in Shanghai. */
const RECEIVED = '2026-12-07T09:30:00+08:00'

function request(fields: Partial<IntakeRequest> = {}): IntakeRequest {
  return {
    id: 31,
    reference: 'K7QX3M9P',
    org: { id: 2, name: '阳光社工站' },
    channel: 'web',
    name: '王阿姨',
    phone: '138****5833',
    need_category: 'elderly',
    need: '老伴住院，需要有人陪护',
    preferred_date: '2026-12-10',
    preferred_slot: 'morning',
    state: 'new',
    received_at: RECEIVED,
    known_clients: [],
    other_requests: 0,
    handled_by: null,
    handled_at: null,
    case_id: null,
    client_id: null,
    decline_reason: null,
    decline_note: '',
    version: 3,
    actions: ['accept', 'decline', 'reveal'],
    ...fields,
  }
}

afterEach(() => setLocale('zh-CN'))

describe('the intake API', () => {
  it('pages by page and page_size, as every list does', async () => {
    const { requests } = mockFetch([{ body: { items: [request()], total: 21, page: 2, page_size: 20 } }])
    const page = await getIntakeRequestPage({ state: 'new', city: true, from: '2026-12-01', sort: 'preferred_date', page: 2, page_size: 20 })
    expect(page).toMatchObject({ total: 21, page: 2, page_size: 20 })
    expect(page.items[0].reference).toBe('K7QX3M9P')
    expect(requests[0].url).toBe('/api/v1/intake-requests?state=new&city=true&from=2026-12-01&sort=preferred_date&page=2&page_size=20')
  })

  it('calls the routes with their bodies, outside the OpenAPI check until the server lands', async () => {
    const { requests } = mockFetch([
      { body: request() },
      { body: { request: request({ state: 'accepted' }), case_id: 77, client_id: 12 } },
      { body: request({ state: 'declined' }) },
      { body: request({ org: { id: 3, name: '彩虹社工中心' } }) },
      { body: { phone: '13812345833' } },
    ])
    setCsrfToken('t-1')
    await getIntakeRequest(31)
    expect((await acceptIntakeRequest(31, { version: 3, org_id: 5, primary_worker_id: 8 })).case_id).toBe(77)
    await declineIntakeRequest(31, { version: 3, reason: 'other', note: '已转介医院' })
    await assignIntakeRequest(31, { version: 3, org_id: 3 })
    expect(await revealIntakePhone(31)).toBe('13812345833')
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/intake-requests/31',
      'POST /api/v1/intake-requests/31/accept',
      'POST /api/v1/intake-requests/31/decline',
      'POST /api/v1/intake-requests/31/assign',
      'POST /api/v1/intake-requests/31/reveal',
    ])
    expect(requests[1].body).toEqual({ version: 3, org_id: 5, primary_worker_id: 8 })
    expect(requests[2].body).toEqual({ version: 3, reason: 'other', note: '已转介医院' })
    expect(requests[3].body).toEqual({ version: 3, org_id: 3 })
    expect(requests[4].headers['X-CSRF-Token']).toBe('t-1')
    expect(endpoints.some((e) => e.path.startsWith('/api/v1/intake-requests') || e.path.startsWith('/api/v1/public/bookings'))).toBe(false)
  })
})

describe('a request on the screen', () => {
  it('shows times from epoch milliseconds in Shanghai time', () => {
    expect(formatMillis(RECEIVED)).toBe('2026-12-07 09:30')
    expect(formatMillis(Date.parse('2026-12-31T16:05:00Z'))).toBe('2027-01-01 00:05')
    expect(formatMillis('2026-12-07T09:30:00+08:00')).toBe('2026-12-07 09:30')
    expect(formatMillis(null)).toBe('')
    expect(formatMillis('garbage')).toBe('')
  })

  it('says the day and time of day asked for', () => {
    expect(preferredText(request(), t)).toBe('2026-12-10 上午')
    expect(preferredText(request({ preferred_slot: 'any' }), t)).toBe('2026-12-10')
    expect(preferredText(request({ preferred_date: null, preferred_slot: 'evening' }), t)).toBe('晚上')
    expect(preferredText(request({ preferred_date: null, preferred_slot: 'any' }), t)).toBe('未指定')
    setLocale('en')
    expect(preferredText(request({ preferred_slot: 'afternoon' }), t)).toBe('2026-12-10 Afternoon')
  })

  it('counts other requests in both languages', () => {
    const tc = i18n.global.t as (key: string, values: Record<string, unknown>, plural: number) => string
    expect(tc('intake.otherRequests', { n: 2 }, 2)).toBe('另有 2 条申请')
    setLocale('en')
    expect(tc('intake.otherRequests', { n: 1 }, 1)).toBe('1 other request')
    expect(tc('intake.otherRequests', { n: 3 }, 3)).toBe('3 other requests')
  })

  it('shortens the need to one line, tags the state and orders the actions', () => {
    expect(truncate('老伴住院\n需要  有人陪护', 40)).toBe('老伴住院 需要 有人陪护')
    expect(truncate('一二三四五六', 4)).toBe('一二三…')
    expect(stateTagType('new')).toBe('warning')
    expect(stateTagType('accepted')).toBe('success')
    expect(orderedActions(['reveal', 'explode', 'accept', 'decline'])).toEqual(['accept', 'decline', 'reveal'])
  })

  it('knows a request that moved on meanwhile from other errors', () => {
    expect(staleKey(new ApiError(409, 'intake.changed', 'x'))).toBe('intake.stale.changed')
    expect(staleKey(new ApiError(409, 'intake.handled', 'x'))).toBe('intake.stale.handled')
    expect(staleKey(new ApiError(409, 'intake.unassigned', 'x'))).toBe('intake.stale.unassigned')
    expect(staleKey(new ApiError(404, 'intake.not_found', 'x'))).toBe('intake.stale.notFound')
    expect(staleKey(new ApiError(409, 'cases.client_has_open_case', 'x'))).toBeNull()
    expect(staleKey(new ApiError(400, 'validation.failed', 'x'))).toBeNull()
    expect(staleKey(new Error('x'))).toBeNull()
  })

  it('finds the units below an agency, leaving out inactive ones', () => {
    const orgs = [
      { id: 1, parent_id: null, active: true },
      { id: 2, parent_id: 1, active: true },
      { id: 5, parent_id: 2, active: true },
      { id: 6, parent_id: 5, active: true },
      { id: 7, parent_id: 2, active: false },
      { id: 8, parent_id: 7, active: true },
      { id: 3, parent_id: 1, active: true },
    ]
    expect(orgsWithin(2, orgs).map((o) => o.id)).toEqual([2, 5, 6])
    expect(orgsWithin(9, orgs)).toEqual([])
  })
})

describe('the accept and decline bodies', () => {
  it('starts with the first known client, else a new client in the agency', () => {
    const known = request({ known_clients: [{ id: 12, name: '王秀英', org_name: '阳光社工站' }, { id: 14, name: '王阿姨', org_name: '彩虹' }] })
    expect(defaultAcceptForm(known)).toEqual({ choice: 12, pickedId: null, orgId: 2, workerId: null })
    expect(defaultAcceptForm(request())).toEqual({ choice: 'new', pickedId: null, orgId: 2, workerId: null })
  })

  it('sends the client chosen, or where to register a new one', () => {
    expect(acceptInput({ choice: 12, pickedId: null, orgId: 2, workerId: 8 }, 3)).toEqual({ version: 3, client_id: 12 })
    expect(acceptInput({ choice: 'pick', pickedId: 40, orgId: 2, workerId: null }, 3)).toEqual({ version: 3, client_id: 40 })
    expect(acceptInput({ choice: 'new', pickedId: 40, orgId: 5, workerId: 8 }, 3)).toEqual({ version: 3, org_id: 5, primary_worker_id: 8 })
    expect(acceptInput({ choice: 'new', pickedId: null, orgId: null, workerId: null }, 3)).toEqual({ version: 3 })
    expect(acceptIssues({ choice: 'pick', pickedId: null, orgId: 2, workerId: null })).toEqual({ client_id: 'intake.accept.pickRequired' })
    expect(acceptIssues({ choice: 'new', pickedId: null, orgId: 2, workerId: null })).toEqual({})
  })

  it('asks for a reason, and a note for 其他', () => {
    expect(declineIssues('', '')).toEqual({ reason: 'intake.decline.reasonRequired' })
    expect(declineIssues('other', '  ')).toEqual({ note: 'intake.decline.noteRequired' })
    expect(declineIssues('duplicate', '')).toEqual({})
    expect(declineIssues('spam', 'x'.repeat(501))).toEqual({ note: 'intake.decline.noteTooLong' })
    expect(declineInput(3, 'duplicate', '  ')).toEqual({ version: 3, reason: 'duplicate' })
    expect(declineInput(3, 'other', ' 已转介医院 ')).toEqual({ version: 3, reason: 'other', note: '已转介医院' })
  })
})

const Empty = defineComponent({ template: '<div />' })

function signIn(permissions: Me['permissions']): void {
  useUserStore().me = {
    id: 4,
    username: 'chenzy',
    display_name: '陈志远',
    memberships: [{ org_id: 2, role: 'supervisor' }],
    permissions,
    via_token: false,
  }
}

describe('the intake page', { timeout: 30_000 }, () => {
  async function show(answer: (r: RecordedRequest) => Reply) {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(['clients.read', 'clients.write', 'cases.write'])
    const fetch = mockFetch(answer)
    const { default: IntakeList } = await import('@/views/intake/list/index.vue')
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/intake', name: 'intake', component: IntakeList },
        { path: '/cases/:id', name: 'case-detail', component: Empty },
      ],
    })
    await router.push('/intake')
    const wrapper = mount(IntakeList, { global: { plugins: [i18n, ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    return { wrapper, router, ...fetch }
  }

  const rows = [
    request({ known_clients: [{ id: 12, name: '王秀英', org_name: '阳光社工站' }], other_requests: 2 }),
    request({ id: 32, reference: 'Q2W3E4R5', org: null, preferred_date: null, preferred_slot: 'any', actions: ['assign', 'decline'] }),
  ]

  it('lists the new requests with their tags and the actions the server allows', async () => {
    const { wrapper, requests, router } = await show(() => ({ body: { items: rows, total: 2, page: 1, page_size: 20 } }))
    expect(requests[0].url).toBe('/api/v1/intake-requests?state=new&sort=-received_at&page=1&page_size=20')
    const listed = wrapper.findAll('[data-test="intake-reference"]')
    expect(listed.map((r) => r.text())).toEqual(['K7QX3M9P', 'Q2W3E4R5'])
    const text = wrapper.find('[data-test="intake-table"]').text()
    expect(text).toContain('2026-12-07 09:30')
    expect(text).toContain('138****5833')
    expect(text).toContain('老年人')
    expect(text).toContain('2026-12-10 上午')
    expect(wrapper.find('[data-test="intake-known"]').text()).toBe('已有档案')
    expect(wrapper.find('[data-test="intake-other-requests"]').text()).toBe('另有 2 条申请')
    expect(wrapper.find('[data-test="intake-city-tag"]').text()).toBe('市级待分派')
    expect(wrapper.findAll('[data-test="intake-state"]').map((s) => s.text())).toEqual(['待处理', '待处理'])
    expect(wrapper.findAll('[data-test="intake-accept"]')).toHaveLength(1)
    expect(wrapper.findAll('[data-test="intake-decline"]')).toHaveLength(2)
    expect(wrapper.findAll('[data-test="intake-assign"]')).toHaveLength(1)
    expect(wrapper.findAll('[data-test="intake-reveal"]')).toHaveLength(1)

    // The city's queue: its own query, in the URL too.
    await wrapper.find('[data-test="intake-city"]').trigger('click')
    await flushPromises()
    expect(requests.at(-1)?.url).toBe('/api/v1/intake-requests?state=new&city=true&sort=-received_at&page=1&page_size=20')
    expect(router.currentRoute.value.query).toEqual({ city: 'true' })
    wrapper.unmount()
  })

  it('declines with a reason, and reloads with a message when the request moved on', async () => {
    const decline: Reply = { status: 409, body: errorBody('intake.handled', '该申请已被处理') }
    const { wrapper, requests } = await show((r) => (r.method === 'POST' ? decline : { body: { items: rows, total: 2, page: 1, page_size: 20 } }))
    const warn = vi.spyOn(await import('element-plus').then((m) => m.ElMessage), 'warning')
    await wrapper.findAll('[data-test="intake-decline"]')[0].trigger('click')
    await flushPromises()
    const confirm = () => (document.querySelector('[data-test="intake-decline-confirm"]') as HTMLElement).click()
    confirm()
    await flushPromises()
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0)
    await vi.waitFor(() => expect(document.querySelector('[data-test="intake-decline-dialog"]')?.textContent).toContain('请选择原因'))

    ;(document.querySelector('[data-test="intake-decline-reason-other"]') as HTMLElement).click()
    await flushPromises()
    confirm()
    await flushPromises()
    await vi.waitFor(() => expect(document.querySelector('[data-test="intake-decline-dialog"]')?.textContent).toContain('选择“其他”时请填写说明'))
    const note = document.querySelector('textarea[data-test="intake-decline-note"]') as HTMLTextAreaElement
    note.value = '已转介医院'
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    const before = requests.length
    confirm()
    await flushPromises()
    const posted = requests.filter((r) => r.method === 'POST')
    expect(posted.map((r) => r.url)).toEqual(['/api/v1/intake-requests/31/decline'])
    expect(posted[0].body).toEqual({ version: 3, reason: 'other', note: '已转介医院' })
    // Someone else handled it first: said, and the list asked again.
    expect(warn).toHaveBeenCalledWith('该申请已被他人处理，列表已刷新。')
    expect(requests.slice(before).some((r) => r.method === 'GET' && r.url.startsWith('/api/v1/intake-requests?'))).toBe(true)
    wrapper.unmount()
  })
})

describe('the accept dialog', { timeout: 30_000 }, () => {
  it('opens the case for a known client and goes to it', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(['clients.read', 'clients.write', 'cases.write'])
    const { requests } = mockFetch((r) => {
      if (r.url.startsWith('/api/v1/orgs')) return { body: { items: [], total: 0, page: 1, page_size: 200 } }
      if (r.url.startsWith('/api/v1/users')) return { status: 403, body: errorBody('auth.forbidden', '无权限') }
      return { body: { request: request({ state: 'accepted' }), case_id: 77, client_id: 12 } }
    })
    const { default: AcceptDialog } = await import('@/views/intake/AcceptDialog.vue')
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/intake', component: Empty },
        { path: '/cases/:id', name: 'case-detail', component: Empty },
      ],
    })
    await router.push('/intake')
    const known = request({ known_clients: [{ id: 12, name: '王秀英', org_name: '阳光社工站' }] })
    const wrapper = mount(AcceptDialog, {
      props: { modelValue: false, request: known },
      global: { plugins: [i18n, ElementPlus, router] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    const dialog = document.querySelector('[data-test="intake-accept-dialog"]') as HTMLElement
    expect(dialog.textContent).toContain('已有档案：王秀英（阳光社工站）')
    expect(dialog.textContent).toContain('老伴住院，需要有人陪护')
    // The known client is chosen; the new client's fields are not asked.
    expect(dialog.querySelector('[data-test="intake-accept-org"]')).toBeNull()
    ;(document.querySelector('[data-test="intake-accept-confirm"]') as HTMLElement).click()
    await flushPromises()
    const accepted = requests.find((r) => r.method === 'POST')
    expect(accepted?.url).toBe('/api/v1/intake-requests/31/accept')
    expect(accepted?.body).toEqual({ version: 3, client_id: 12 })
    expect(wrapper.emitted('accepted')).toHaveLength(1)
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/cases/77')
    wrapper.unmount()
  })
})
