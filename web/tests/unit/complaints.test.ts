// 投诉建议: the clock (which deadline runs, its colour and the time left), the escalation and kind
// labels, the actions offered and what each asks for, the policy's range, the monthly chart's
// counts, the API's queries and bodies, and — against a fake server — the action dialog and the
// detail page's buttons (the server's `actions`, 发起改进 once resolved, the link to the cycle).
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, shallowRef } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Me } from '@/api/auth'
import {
  actOnComplaint,
  assignComplaintHandler,
  createComplaint,
  exportComplaints,
  getComplaintList,
  getComplaintPolicy,
  openComplaintImprovement,
  revealComplainantContact,
  updateComplaintPolicy,
  type Complaint,
} from '@/api/complaints'
import { endpoints, setCsrfToken } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import { useUserStore } from '@/stores/user'
import { firstDayOf, kindsChartOption, lastMonths, monthlyByKind } from '@/views/complaints/chart'
import ComplaintActionDialog from '@/views/complaints/ComplaintActionDialog.vue'
import {
  actionInput,
  actionIssues,
  actionNeeds,
  colourTagType,
  complaintPath,
  escalationKey,
  historyTagType,
  kindTagType,
  mayAssign,
  mayOpenImprovement,
  orderedActions,
  policyIssues,
  runningDeadline,
  stateTagType,
  timeLeft,
} from '@/views/complaints/complaints'
import ComplaintDetail from '@/views/complaints/detail/index.vue'
import { notificationTarget, notificationWords } from '@/views/notifications/notificationText'
import { mockFetch, errorBody, type RecordedRequest, type Reply } from './fetchMock'

function complaint(fields: Partial<Complaint> = {}): Complaint {
  return {
    id: 12,
    org: { id: 2, name: '阳光社工站' },
    kind: 'complaint',
    category: 'attitude',
    channel: 'phone',
    severity: 'normal',
    state: 'received',
    subject: '上门服务迟到',
    details: '约好九点，十点半才到。',
    complainant: { name: '李大爷', contact: '138****5678' },
    client: { id: 5, name: '张三' },
    case_id: 7,
    worker_concerned: { id: 3, name: '王芳' },
    handler: { id: 4, name: '陈志远' },
    received_by: { id: 6, name: '林晓燕' },
    received_at: '2026-12-07T10:30:00+08:00',
    acknowledge_due: '2026-12-08T10:30:00+08:00',
    resolve_due: '2026-12-21T10:30:00+08:00',
    acknowledged_at: null,
    resolved_at: null,
    closed_at: null,
    colour: 'green',
    escalation: 'none',
    resolution: '',
    cause: '',
    satisfaction: null,
    improvement_id: null,
    reference: null,
    history: [{ action: 'receive', at: '2026-12-07T10:30:00+08:00', by: { id: 6, name: '林晓燕' }, note: '' }],
    actions: ['acknowledge', 'withdraw'],
    ...fields,
  }
}

// No canvas in jsdom: the page's chart draws nothing here (chart.ts is tested as data).
vi.mock('@/composables/useChart', async (importActual) => {
  const actual = await importActual<typeof import('@/composables/useChart')>()
  return { ...actual, useChart: () => ({ chart: shallowRef(null), resize: () => {} }) }
})

/** A page the tests' routers need but never show. */
const Empty = defineComponent({ template: '<div />' })

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

describe('a complaint\'s clock', () => {
  it('runs the acknowledge deadline, then the resolve deadline, then none', () => {
    expect(runningDeadline(complaint())).toEqual({ stage: 'acknowledge', due: '2026-12-08T10:30:00+08:00' })
    expect(runningDeadline(complaint({ state: 'acknowledged' }))).toEqual({ stage: 'resolve', due: '2026-12-21T10:30:00+08:00' })
    expect(runningDeadline(complaint({ state: 'resolved' }))).toBeNull()
    expect(runningDeadline(complaint({ state: 'withdrawn' }))).toBeNull()
    // Praise runs no clock.
    expect(runningDeadline(complaint({ kind: 'praise', acknowledge_due: null, resolve_due: null }))).toBeNull()
  })

  it('says the time left, or how long overdue', () => {
    setLocale('zh-CN')
    const now = new Date('2026-12-07T10:30:00+08:00')
    expect(timeLeft('2026-12-09T13:30:00+08:00', t, now)).toBe('剩 2 天 3 小时')
    expect(timeLeft('2026-12-07T15:30:00+08:00', t, now)).toBe('剩 5 小时')
    expect(timeLeft('2026-12-07T10:50:00+08:00', t, now)).toBe('剩 20 分钟')
    expect(timeLeft('2026-12-07T05:30:00+08:00', t, now)).toBe('已超时 5 小时')
    setLocale('en')
    expect(timeLeft('2026-12-05T08:30:00+08:00', t, now)).toBe('2 d 2 h overdue')
    setLocale('zh-CN')
  })

  it('colours red, yellow and green, and names the escalation', () => {
    expect(colourTagType('red')).toBe('danger')
    expect(colourTagType('yellow')).toBe('warning')
    expect(colourTagType('green')).toBe('success')
    expect(colourTagType('none')).toBe('info')
    expect(escalationKey('none')).toBeNull()
    expect(t(escalationKey('supervisor') ?? '')).toBe('已上报督导')
    expect(t(escalationKey('leader') ?? '')).toBe('已上报主任')
    expect(kindTagType('praise')).toBe('success')
    expect(stateTagType('received')).toBe('warning')
    expect(historyTagType('resolve')).toBe('success')
    expect(historyTagType('something_new')).toBe('info')
    expect(complaintPath(12)).toBe('/complaints/12')
  })

  it('tells the leader in the notification once it is later still', () => {
    setLocale('zh-CN')
    const n = {
      id: 1,
      kind: 'complaint_overdue',
      org_id: 2,
      subject_type: 'complaint',
      subject_id: 12,
      params: { complaint_id: 12, subject: '上门服务迟到', level: 'leader', due: '2026-12-04T17:30:00+08:00', org: '阳光社工站' },
      created_at: '2026-12-08T09:30:00+08:00',
      read_at: null,
    }
    expect(notificationWords(n, i18n.global.t, i18n.global.te).body).toBe('阳光社工站 的投诉“上门服务迟到”已于 2026-12-04 17:30 超时仍未处理，已上报主任')
    expect(notificationTarget(n)).toBe('/complaints/12')
  })
})

describe('a complaint\'s actions', () => {
  it('are offered in a fixed order, unknown ones dropped', () => {
    expect(orderedActions(['withdraw', 'acknowledge', 'frobnicate'])).toEqual(['acknowledge', 'withdraw'])
    expect(orderedActions(['reopen', 'close'])).toEqual(['close', 'reopen'])
    for (const a of ['acknowledge', 'resolve', 'reopen', 'close', 'withdraw']) {
      expect(t(`complaints.action.${a}`)).not.toContain('complaints.')
    }
  })

  it('ask for what the server needs', () => {
    expect(actionNeeds('resolve', 'complaint')).toEqual({ note: 'optional', resolution: true, cause: true, satisfaction: false })
    expect(actionNeeds('resolve', 'suggestion').cause).toBe(false)
    expect(actionNeeds('close', 'complaint').satisfaction).toBe(true)
    expect(actionNeeds('reopen', 'complaint').note).toBe('required')
    expect(actionNeeds('withdraw', 'praise').note).toBe('required')
    const empty = { note: ' ', resolution: '', cause: '', satisfaction: '' as const }
    expect(actionIssues('acknowledge', 'complaint', empty)).toEqual({})
    expect(Object.keys(actionIssues('resolve', 'complaint', empty))).toEqual(['resolution', 'cause'])
    expect(Object.keys(actionIssues('resolve', 'suggestion', empty))).toEqual(['resolution'])
    expect(Object.keys(actionIssues('close', 'complaint', empty))).toEqual(['satisfaction'])
    expect(Object.keys(actionIssues('reopen', 'complaint', empty))).toEqual(['note'])
  })

  it('send only the fields the action uses, trimmed', () => {
    const form = { note: ' 已电话回访 ', resolution: ' 调整排班 ', cause: ' 交通 ', satisfaction: 'satisfied' as const }
    expect(actionInput('resolve', 'complaint', form)).toEqual({ action: 'resolve', note: '已电话回访', resolution: '调整排班', cause: '交通' })
    expect(actionInput('close', 'complaint', form)).toEqual({ action: 'close', note: '已电话回访', satisfaction: 'satisfied' })
    expect(actionInput('acknowledge', 'complaint', form)).toEqual({ action: 'acknowledge', note: '已电话回访' })
  })

  it('allow an improvement once resolved or closed, once; an assignment while handled', () => {
    expect(mayOpenImprovement(complaint())).toBe(false)
    expect(mayOpenImprovement(complaint({ state: 'resolved' }))).toBe(true)
    expect(mayOpenImprovement(complaint({ state: 'closed', improvement_id: 3 }))).toBe(false)
    expect(mayAssign(complaint({ state: 'acknowledged' }))).toBe(true)
    expect(mayAssign(complaint({ state: 'closed' }))).toBe(false)
  })

  it('keep the policy within 1–60 whole working days', () => {
    expect(policyIssues({ org_id: 2, acknowledge_days: 1, resolve_days: 60, leader_after_days: 5 })).toEqual({})
    expect(Object.keys(policyIssues({ org_id: 2, acknowledge_days: 0, resolve_days: 61, leader_after_days: 2.5 }))).toEqual([
      'acknowledge_days',
      'resolve_days',
      'leader_after_days',
    ])
  })
})

describe('the monthly chart', () => {
  it('counts the last 12 months by kind', () => {
    const months = lastMonths(12, '2026-02-15')
    expect(months[0]).toBe('2025-03')
    expect(months.at(-1)).toBe('2026-02')
    expect(firstDayOf(months)).toBe('2025-03-01')
    const counts = monthlyByKind(
      [
        { kind: 'complaint', received_at: '2026-02-01T09:00:00+08:00' },
        { kind: 'complaint', received_at: '2026-02-10T09:00:00+08:00' },
        { kind: 'praise', received_at: '2025-12-31T23:00:00+08:00' },
        { kind: 'suggestion', received_at: '2024-01-01T09:00:00+08:00' },
      ],
      months,
    )
    expect(counts.complaint.at(-1)).toBe(2)
    expect(counts.praise[9]).toBe(1)
    expect(counts.suggestion.reduce((a, b) => a + b, 0)).toBe(0)
    setLocale('zh-CN')
    const option = kindsChartOption(months, counts, t)
    const series = option.series as { name: string; stack: string }[]
    expect(series.map((s) => s.name)).toEqual(['投诉', '建议', '表扬'])
    expect(new Set(series.map((s) => s.stack)).size).toBe(1)
  })
})

describe('the complaints API', () => {
  it('calls the routes with their queries and bodies, each one declared against the snapshot', async () => {
    const { requests } = mockFetch([
      { body: { items: [], total: 0, page: 1, page_size: 20 } },
      { status: 201, body: complaint() },
      { body: complaint({ state: 'acknowledged' }) },
      { body: complaint({ handler: { id: 8, name: '赵敏' } }) },
      { body: { improvement_id: 31 } },
      { body: { contact: '13907150000' } },
      { body: { org_id: 2, acknowledge_days: 1, resolve_days: 10, leader_after_days: 5, inherited_from: { id: 1, name: '阳光中心' } } },
      { body: { org_id: 2, acknowledge_days: 2, resolve_days: 10, leader_after_days: 5, inherited_from: null } },
      { body: {}, headers: { 'Content-Disposition': 'attachment; filename="complaints.xlsx"' } },
    ])
    setCsrfToken('t-1')
    await getComplaintList({ state: 'received', colour: 'red', mine: true, from: '2026-12-01', sort: 'due', page: 2, page_size: 20 })
    await createComplaint({ org_id: 2, kind: 'complaint', category: 'attitude', channel: 'phone', severity: 'high', subject: 's', details: 'd' })
    await actOnComplaint(12, { action: 'acknowledge', note: '' })
    await assignComplaintHandler(12, 8)
    expect(await openComplaintImprovement(12)).toBe(31)
    expect(await revealComplainantContact(12)).toBe('13907150000')
    expect((await getComplaintPolicy(2)).inherited_from?.name).toBe('阳光中心')
    await updateComplaintPolicy({ org_id: 2, acknowledge_days: 2, resolve_days: 10, leader_after_days: 5 })
    const file = await exportComplaints({ kind: 'praise' })
    expect(file.fileName).toBe('complaints.xlsx')
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/complaints?state=received&colour=red&mine=true&from=2026-12-01&sort=due&page=2&page_size=20',
      'POST /api/v1/complaints',
      'POST /api/v1/complaints/12/actions',
      'PUT /api/v1/complaints/12/handler',
      'POST /api/v1/complaints/12/improvement',
      'POST /api/v1/complaints/12/reveal',
      'GET /api/v1/complaints/policy?org_id=2',
      'PUT /api/v1/complaints/policy',
      'GET /api/v1/complaints/export?kind=praise',
    ])
    expect(requests[1].headers['X-CSRF-Token']).toBe('t-1')
    expect(requests[3].body).toEqual({ handler_id: 8 })
    expect(requests[7].body).toEqual({ org_id: 2, acknowledge_days: 2, resolve_days: 10, leader_after_days: 5 })
    expect(endpoints.filter((e) => e.path.startsWith('/api/v1/complaints')).length).toBe(10)
  })
})

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

function input(selector: string, value: string): void {
  const el = document.querySelector(selector) as HTMLTextAreaElement
  el.value = value
  el.dispatchEvent(new Event('input'))
}

describe('the action dialog', { timeout: 30_000 }, () => {
  it('asks a complaint\'s resolution and cause, then sends them', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    const { requests } = mockFetch(() => ({ body: complaint({ state: 'resolved' }) }))
    const wrapper = mount(ComplaintActionDialog, {
      props: { modelValue: false, complaint: complaint({ state: 'acknowledged' }), action: 'resolve' },
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    const dialog = document.querySelector('[data-test="complaint-action-dialog"]')
    ;(document.querySelector('[data-test="complaint-action-save"]') as HTMLElement).click()
    await flushPromises()
    await vi.waitFor(() => expect(dialog?.textContent).toContain('请填写处理结果'))
    expect(dialog?.textContent).toContain('请填写原因分析')
    expect(requests).toHaveLength(0)
    input('textarea[data-test="complaint-action-resolution"]', '调整排班')
    input('textarea[data-test="complaint-action-cause"]', '交通拥堵')
    await flushPromises()
    ;(document.querySelector('[data-test="complaint-action-save"]') as HTMLElement).click()
    await flushPromises()
    expect(requests[0].url).toBe('/api/v1/complaints/12/actions')
    expect(requests[0].body).toEqual({ action: 'resolve', note: '', resolution: '调整排班', cause: '交通拥堵' })
    expect(wrapper.emitted('done')?.[0][0]).toMatchObject({ state: 'resolved' })
    wrapper.unmount()
  })

  it('closes on a 409 and asks the page to reload', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    mockFetch(() => ({ status: 409, body: errorBody('feedback.transition_invalid', '当前状态不能执行该操作') }))
    const wrapper = mount(ComplaintActionDialog, {
      props: { modelValue: false, complaint: complaint(), action: 'acknowledge' },
      global: { plugins: [i18n, ElementPlus] },
      attachTo: document.body,
    })
    await wrapper.setProps({ modelValue: true })
    await flushPromises()
    ;(document.querySelector('[data-test="complaint-action-save"]') as HTMLElement).click()
    await flushPromises()
    expect(wrapper.emitted('stale')).toHaveLength(1)
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([false])
    wrapper.unmount()
  })
})

describe('the detail page', { timeout: 30_000 }, () => {
  async function show(c: Complaint, permissions: Me['permissions']) {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(permissions)
    const { requests } = mockFetch((r: RecordedRequest): Reply => {
      if (r.url === '/api/v1/complaints/12') return { body: c }
      return { status: 404, body: errorBody('not_found', 'x') }
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/complaints', name: 'complaints', component: Empty },
        { path: '/complaints/:id', name: 'complaint-detail', component: ComplaintDetail },
        { path: '/quality/improvements', name: 'quality-improvements', component: Empty },
        { path: '/clients/:id', name: 'client-profile', component: Empty },
      ],
    })
    await router.push('/complaints/12')
    const wrapper = mount(ComplaintDetail, { global: { plugins: [i18n, ElementPlus, router] } })
    await flushPromises()
    return { wrapper, requests }
  }

  it('offers the server\'s actions, the clock and the history', async () => {
    const { wrapper } = await show(complaint({ colour: 'red', escalation: 'leader' }), ['clients.write'])
    expect(wrapper.find('[data-test="complaint-state"]').text()).toBe('待受理')
    expect(wrapper.find('[data-test="complaint-colour"]').attributes('data-colour')).toBe('red')
    expect(wrapper.find('[data-test="complaint-escalation"]').text()).toBe('已上报主任')
    expect(wrapper.find('[data-test="complaint-action-acknowledge"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="complaint-action-withdraw"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="complaint-action-resolve"]').exists()).toBe(false)
    // Not a quality manager: no assignment, no improvement.
    expect(wrapper.find('[data-test="complaint-assign"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="complaint-improvement"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-test="complaint-history-item"]')).toHaveLength(1)
    wrapper.unmount()
  })

  it('lets a quality manager open an improvement once resolved, then links to it', async () => {
    const resolved = await show(complaint({ state: 'resolved', colour: 'none', actions: ['close', 'reopen'] }), ['quality.read', 'quality.manage'])
    expect(resolved.wrapper.find('button[data-test="complaint-improvement"]').exists()).toBe(true)
    expect(resolved.wrapper.find('[data-test="complaint-action-close"]').exists()).toBe(true)
    resolved.wrapper.unmount()
    const linked = await show(complaint({ state: 'closed', colour: 'none', actions: [], improvement_id: 31 }), ['quality.read', 'quality.manage'])
    const link = linked.wrapper.find('a[data-test="complaint-improvement"]')
    expect(link.attributes('href')).toBe('/quality/improvements?cycle=31')
    linked.wrapper.unmount()
  })
})

describe('the complaints page', { timeout: 30_000 }, () => {
  it('shows the red, yellow and green counts, the rows with their clocks, and filters by a count', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(['clients.write'])
    const totals: Record<string, number> = { red: 2, yellow: 1, green: 4 }
    const { requests } = mockFetch((r: RecordedRequest): Reply => {
      const url = new URL(r.url, 'http://x')
      const colour = url.searchParams.get('colour')
      if (url.searchParams.get('page_size') === '1' && colour) return { body: { items: [], total: totals[colour], page: 1, page_size: 1 } }
      const rows = [complaint({ colour: 'red', escalation: 'supervisor', acknowledge_due: '2020-01-01T10:00:00+08:00' }), complaint({ id: 13, kind: 'praise', colour: 'none', acknowledge_due: null, resolve_due: null, handler: null })]
      return { body: { items: colour ? rows.slice(0, 1) : rows, total: colour ? 1 : 2, page: 1, page_size: 20 } }
    })
    const { default: ComplaintsList } = await import('@/views/complaints/list/index.vue')
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [
        { path: '/complaints', name: 'complaints', component: ComplaintsList },
        { path: '/complaints/:id', name: 'complaint-detail', component: Empty },
      ],
    })
    await router.push('/complaints')
    const wrapper = mount(ComplaintsList, { global: { plugins: [i18n, ElementPlus, router] } })
    await flushPromises()
    expect(wrapper.find('[data-test="complaint-count-red"]').text()).toContain('2')
    expect(wrapper.find('[data-test="complaint-count-green"]').text()).toContain('4')
    const rows = wrapper.findAll('[data-test="complaint-row"]')
    expect(rows).toHaveLength(2)
    const colours = wrapper.findAll('[data-test="complaint-colour"]')
    expect(colours[0].attributes('data-colour')).toBe('red')
    expect(colours[0].text()).toBe('已超时')
    expect(rows[0].text()).toContain('已超时')
    expect(wrapper.find('[data-test="complaint-escalation"]').text()).toBe('已上报督导')
    expect(rows[1].text()).toContain('不计时')
    expect(wrapper.find('[data-test="complaint-add"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="complaint-policy-open"]').exists()).toBe(false)

    await wrapper.find('[data-test="complaint-count-red"]').trigger('click')
    await flushPromises()
    const listed = requests.filter((r) => !r.url.includes('page_size=1&') && !r.url.endsWith('page_size=1') && !r.url.includes('from='))
    expect(listed.at(-1)?.url).toBe('/api/v1/complaints?colour=red&sort=-received_at&page=1&page_size=20')
    expect(router.currentRoute.value.query).toEqual({ colour: 'red' })
    expect(wrapper.findAll('[data-test="complaint-row"]')).toHaveLength(1)
    wrapper.unmount()
  })
})

describe('deadlines as people say them', () => {
  it('shows the end of a working day as its 24:00, other times as they are', async () => {
    const { formatDue } = await import('@/views/complaints/complaints')
    expect(formatDue('2026-12-09T00:00:00+08:00')).toBe('2026-12-08 24:00')
    expect(formatDue('2026-01-01T00:00:00+08:00')).toBe('2025-12-31 24:00')
    expect(formatDue('2026-12-08T17:30:00+08:00')).toBe('2026-12-08 17:30')
  })
})
