// The case page's service records (issue 12): a crisis intervention is marked red, a record opens
// to where, who, which plan goals, the client's response, next steps and the supervisors'
// comments; a supervisor not on the team gets 督导点评 and the worker does not; a new record sends
// who took part (the client unless changed) and the goals chosen from the saved plan.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import type { Me } from '@/api/auth'
import type { Case, ServiceRecord } from '@/api/cases'
import { i18n, setLocale } from '@/locales'
import { useUserStore } from '@/stores/user'
import ServiceRecords from '@/views/cases/detail/ServiceRecords.vue'
import { mockFetch, type RecordedRequest } from './fetchMock'

function aCase(): Case {
  return {
    id: 7,
    org_id: 4,
    org_name: '个案服务部',
    client_id: 1,
    client_name: '欧阳春花',
    stage: 'intervention',
    risk: 'high',
    crisis: true,
    problem: '',
    primary_worker: { id: 5, name: '王芳' },
    co_worker: null,
    supervisor: { id: 3, name: '张督导' },
    opened_at: '2026-03-01T09:00:00+08:00',
    stage_started_at: {
      assessment: '2026-03-02T09:00:00+08:00',
      planning: '2026-03-05T09:00:00+08:00',
      intervention: '2026-03-10T09:00:00+08:00',
      evaluation: null,
      closed: null,
    },
    first_contact_at: '2026-03-01T12:00:00+08:00',
    due_at: null,
    overdue: false,
    days_overdue: 0,
    closure_reason: null,
    reopen_count: 0,
    service_count: 2,
    crisis_interventions: 1,
    last_crisis_at: '2026-03-01T12:00:00+08:00',
    pending_approval: null,
    risk_review: null,
    replanned_at: null,
    updated_at: '2026-03-12T09:00:00+08:00',
  }
}

function aRecord(overrides: Partial<ServiceRecord>): ServiceRecord {
  return {
    id: 1,
    case_id: 7,
    date: '2026-03-12',
    minutes: 60,
    mode: 'home_visit',
    content: '入户探访',
    technique: '',
    progress_note: '',
    place: '案主家中',
    participants: ['client'],
    participants_note: '',
    goals_addressed: [],
    client_response: '',
    next_steps: '',
    note_hidden: false,
    comments: [],
    corrected_at: null,
    withdrawn: null,
    created_by: { id: 5, name: '王芳' },
    created_at: '2026-03-12T10:00:00+08:00',
    ...overrides,
  }
}

const records = [
  aRecord({ id: 2, date: '2026-03-12', content: '电话跟进', mode: 'phone', place: '电话' }),
  aRecord({
    id: 1,
    date: '2026-03-01',
    mode: 'crisis',
    content: '紧急上门，制定安全计划',
    participants: ['client', 'family', 'other'],
    participants_note: '社区网格员',
    goals_addressed: ['减少跌倒'],
    client_response: '情绪逐渐平复',
    next_steps: '24 小时内回访',
    comments: [{ id: 9, by: { id: 3, name: '张督导' }, at: '2026-03-01T15:00:00+08:00', text: '处置得当' }],
  }),
]

function signIn(id: number, role: 'worker' | 'supervisor'): void {
  const me: Me = {
    id,
    username: role,
    display_name: role,
    memberships: [{ org_id: 4, role }],
    permissions: [],
    via_token: false,
  }
  useUserStore().me = me
}

function answer(request: RecordedRequest) {
  if (request.url.startsWith('/api/v1/cases/7/services') && request.method === 'GET') {
    return { body: { items: records, total: 2, page: 1, page_size: 10 } }
  }
  if (request.url === '/api/v1/cases/7/stages/planning') {
    return { body: { stage: 'planning', schema: {}, data: { goals: [{ name: '减少跌倒' }, { name: '增加社会交往' }] }, saved: true, editable: true, missing: [], withheld: [], updated_at: null } }
  }
  if (request.url === '/api/v1/cases/7/services' && request.method === 'POST') {
    return { status: 201, body: aRecord({ id: 3 }) }
  }
  return { status: 404, body: {} }
}

describe('service records', { timeout: 30_000 }, () => {
  it('marks a crisis intervention and shows a record in full to its supervisor, who may comment', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(3, 'supervisor')
    mockFetch(answer)
    const wrapper = mount(ServiceRecords, { props: { kase: aCase(), canAdd: false }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    const crisis = wrapper.findAll('[data-test="service-crisis"]')
    expect(crisis).toHaveLength(1)
    expect(crisis[0].text()).toBe('危机介入')
    expect(wrapper.findAll('.crisis-row')).toHaveLength(1)
    expect(wrapper.findAll('[data-test="service-comment"]')).toHaveLength(2)

    await wrapper.findAll('.el-table__expand-icon')[1].trigger('click')
    await flushPromises()
    const details = wrapper.find('[data-test="service-details"]').text()
    expect(details).toContain('服务对象、家属、其他人员、社区网格员')
    expect(details).toContain('减少跌倒')
    expect(details).toContain('情绪逐渐平复')
    expect(details).toContain('24 小时内回访')
    expect(wrapper.find('[data-test="service-comments"]').text()).toContain('处置得当')
  })

  it('lets the worker record who took part and the plan goals, but not comment', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(5, 'worker')
    const { requests } = mockFetch(answer)
    const wrapper = mount(ServiceRecords, { props: { kase: aCase(), canAdd: true }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(requests.some((r) => r.url === '/api/v1/cases/7/stages/planning')).toBe(true)
    expect(wrapper.findAll('[data-test="service-comment"]')).toHaveLength(0)
    expect(wrapper.find('[data-test="service-goals"]').classes()).not.toContain('is-disabled')

    await wrapper.find('input[data-test="service-content"]').setValue('陪同就医')
    await wrapper.find('input[data-test="service-place"]').setValue('区人民医院')
    await wrapper.find('[data-test="service-add"]').trigger('click')
    await flushPromises()
    const posted = requests.find((r) => r.method === 'POST')
    expect(posted?.body).toMatchObject({
      content: '陪同就医',
      place: '区人民医院',
      participants: ['client'],
      goals_addressed: [],
      client_response: '',
      next_steps: '',
    })
  })

  it('lets the author correct a record of this week, and strikes a withdrawn one through', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(5, 'worker')
    const fresh = aRecord({ id: 4, content: '本周家访', created_at: new Date().toISOString() })
    const old = aRecord({ id: 5, content: '上月记录' })
    const withdrawn = aRecord({
      id: 6,
      content: '误录的记录',
      created_at: new Date().toISOString(),
      withdrawn: { by: { id: 5, name: '王芳' }, at: '2026-03-13T09:00:00+08:00', reason: '重复录入' },
    })
    mockFetch((request) =>
      request.url.startsWith('/api/v1/cases/7/services') && request.method === 'GET'
        ? { body: { items: [fresh, old, withdrawn], total: 3, page: 1, page_size: 10 } }
        : answer(request),
    )
    const wrapper = mount(ServiceRecords, { props: { kase: aCase(), canAdd: true }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    const rows = wrapper.findAll('[data-test="services-table"] .el-table__body tr.el-table__row')
    expect(rows).toHaveLength(3)
    // This week's record: corrected or withdrawn by its author; last month's is fixed, still withdrawn.
    expect(rows[0].find('[data-test="service-edit"]').exists()).toBe(true)
    expect(rows[0].find('[data-test="service-withdraw"]').exists()).toBe(true)
    expect(rows[1].find('[data-test="service-edit"]').exists()).toBe(false)
    expect(rows[1].find('[data-test="service-withdraw"]').exists()).toBe(true)
    // A withdrawn record stays, struck through, without actions.
    expect(rows[2].classes()).toContain('withdrawn-row')
    expect(rows[2].text()).toContain('已撤回')
    expect(rows[2].find('[data-test="service-edit"]').exists()).toBe(false)
    expect(rows[2].find('[data-test="service-withdraw"]').exists()).toBe(false)
  })
})
