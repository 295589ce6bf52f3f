// Moving a case on saves what is on the screen first. A field the worker cleared is not saved as a
// draft when the move fails: what the worker changed is saved in full, so the server refuses it at
// its fields, nothing is stored and no move is asked for; the missing field is listed.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import type { Case, StageForm } from '@/api/cases'
import { i18n, setLocale } from '@/locales'
import StagePanel from '@/views/cases/detail/StagePanel.vue'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

const kase = {
  id: 7,
  org_id: 4,
  org_name: '个案服务部',
  client_id: 1,
  client_name: '欧阳春花',
  stage: 'assessment',
  risk: 'low',
  crisis: false,
  problem: '',
  primary_worker: { id: 5, name: '王芳' },
  co_worker: null,
  supervisor: null,
  opened_at: '2026-03-01T09:00:00+08:00',
  stage_started_at: { assessment: null, planning: null, intervention: null, evaluation: null, closed: null },
  first_contact_at: null,
  due_at: null,
  overdue: false,
  days_overdue: 0,
  closure_reason: null,
  reopen_count: 0,
  service_count: 0,
  crisis_interventions: 0,
  last_crisis_at: null,
  pending_approval: null,
  risk_review: null,
  replanned_at: null,
  updated_at: '',
} satisfies Case

const FORM: StageForm = {
  stage: 'assessment',
  schema: {
    type: 'object',
    properties: { needs: { type: 'string', title: '需求' }, notes: { type: 'string', title: '备注' } },
    required: ['needs'],
  },
  data: { needs: '经济困难', notes: '' },
  saved: true,
  editable: true,
  missing: [],
  withheld: [],
  updated_at: '2026-03-02T09:00:00+08:00',
  plan: null,
}

function server(request: RecordedRequest): Reply {
  if (request.method === 'GET') return { body: FORM }
  if (request.method === 'PUT') {
    const body = request.body as { data: Record<string, unknown>; draft: boolean }
    if (!body.draft && !body.data.needs) {
      return { status: 400, body: errorBody('validation.failed', '有字段未通过校验', [{ field: 'needs', code: 'required', message: '必填' }]) }
    }
    return { body: { ...FORM, data: body.data } }
  }
  return { status: 200, body: { case: kase, approval: null } }
}

async function panel() {
  setLocale('zh-CN')
  const fetched = mockFetch(server)
  const wrapper = mount(StagePanel, {
    props: { kase, stage: 'assessment', canWork: true },
    global: { plugins: [createPinia(), i18n, ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, ...fetched }
}

describe('moving a case on', () => {
  beforeAll(() => {
    // jsdom does not scroll.
    Element.prototype.scrollIntoView = vi.fn()
  })

  it('does not save a cleared field as a draft when the move fails', async () => {
    const { wrapper, requests } = await panel()
    await wrapper.find('[data-path="needs"] textarea, [data-path="needs"] input').setValue('')
    await wrapper.find('[data-test="stage-move"]').trigger('click')
    await flushPromises()
    const writes = requests.filter((r) => r.method !== 'GET')
    expect(writes).toHaveLength(1)
    expect(writes[0].method).toBe('PUT')
    expect((writes[0].body as { draft: boolean }).draft).toBe(false)
    expect(requests.some((r) => r.url.endsWith('/transitions'))).toBe(false)
    expect(wrapper.find('[data-test="stage-incomplete"]').text()).toContain('需求')
    expect(wrapper.find('[data-test="stage-dirty"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('saves an unchanged form as a draft and lets the move say what is missing', async () => {
    const { wrapper, requests } = await panel()
    await wrapper.find('[data-test="stage-move"]').trigger('click')
    await flushPromises()
    const writes = requests.filter((r) => r.method !== 'GET')
    expect((writes[0].body as { draft: boolean }).draft).toBe(true)
    expect(writes[1].url).toContain('/transitions')
    wrapper.unmount()
  })
})
