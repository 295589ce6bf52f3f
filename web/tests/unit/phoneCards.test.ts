// The phone's cards keep what the tables show that matters on a visit: a case's due date and how
// long it is overdue, a record's content and note; a write the server turned down shows its message
// and its text, with a button to delete it — never silently gone.
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import type { Case, ServiceRecord } from '@/api/cases'
import { i18n } from '@/locales'
import { memoryOutboxStorage } from '@/offline/outboxQueue'
import { useOutboxStore } from '@/stores/outbox'
import CaseCards from '@/views/cases/list/CaseCards.vue'
import OutboxWrites from '@/views/cases/detail/OutboxWrites.vue'
import ServiceRecordCards from '@/views/cases/detail/ServiceRecordCards.vue'

const global = { plugins: [i18n, ElementPlus], stubs: { RouterLink: { template: '<a><slot /></a>' } } }

function aCase(overrides: Partial<Case>): Case {
  return {
    id: 7,
    client_name: '欧阳春花',
    stage: 'intervention',
    risk: 'high',
    crisis: false,
    problem: '独居老人，行动不便',
    primary_worker: { id: 5, name: '王芳' },
    due_at: '2026-03-20T23:59:00+08:00',
    overdue: true,
    days_overdue: 3,
    pending_approval: null,
    ...overrides,
  } as Case
}

describe('phone cards', () => {
  it('a case card keeps the client, the problem, the due date and the days overdue', () => {
    const wrapper = mount(CaseCards, { props: { cases: [aCase({})], loading: false }, global })
    const card = wrapper.get('[data-test="case-card"]')
    expect(card.text()).toContain('欧阳春花')
    expect(card.text()).toContain('独居老人，行动不便')
    expect(card.get('[data-test="case-due"]').text()).toContain('2026-03-20')
    expect(card.get('[data-test="case-due"]').text()).toContain('3')
    card.trigger('click')
    expect(wrapper.emitted('open')).toHaveLength(1)
  })

  it('a service record card shows the content and the progress note in full', () => {
    const record = {
      id: 1,
      date: '2026-03-12',
      minutes: 45,
      mode: 'home_visit',
      content: '入户探访，了解就业意向',
      progress_note: '情绪较上周平稳',
      place: '案主家中',
      participants: ['client'],
      participants_note: '',
      goals_addressed: [],
      client_response: '',
      next_steps: '',
      note_hidden: false,
      comments: [],
      created_by: { id: 5, name: '王芳' },
    } as unknown as ServiceRecord
    const wrapper = mount(ServiceRecordCards, {
      props: { records: [record], loading: false, canComment: false, myId: 5, commenting: null, participantsText: () => '案主' },
      global,
    })
    const text = wrapper.get('[data-test="service-card"]').text()
    expect(text).toContain('2026-03-12')
    expect(text).toContain('入户探访，了解就业意向')
    expect(text).toContain('情绪较上周平稳')
  })

  it('a turned-down write shows the server message and its text', async () => {
    setActivePinia(createPinia())
    const outbox = useOutboxStore()
    const storage = memoryOutboxStorage()
    await storage.put({
      id: 'a',
      kind: 'service_record',
      caseId: 7,
      clientName: '欧阳春花',
      createdAt: '2026-03-12T10:00:00.000Z',
      state: 'failed',
      error: { code: 'cases.closed', message: '个案已结案，不能再添加服务记录' },
      body: { date: '2026-03-12', minutes: 45, mode: 'home_visit', content: '入户探访', participants: ['client'] },
    } as never)
    await outbox.start(5, storage, async () => {})
    const wrapper = mount(OutboxWrites, { props: { caseId: 7, kind: 'service_record' }, global })
    await wrapper.vm.$nextTick()
    expect(wrapper.get('[data-test="outbox-error"]').text()).toBe('个案已结案，不能再添加服务记录')
    expect(wrapper.get('[data-test="outbox-text"]').text()).toContain('入户探访')
    expect(wrapper.find('[data-test="outbox-discard"]').exists()).toBe(true)
  })
})
