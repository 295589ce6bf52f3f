// 完成回访 (issue 15): our checks before a follow-up is sent (channel, situation and note required; the
// time neither later than now nor more than 366 days back), the request made of the form (the time
// only when changed, blank new needs left out), what is offered once it is recorded, the case a
// refused 为新需求新建个案 names; and — with fetch mocked — the follow-ups tab: its situation tags,
// new needs and new-case links, the dialog's errors under their fields (ours and the server's), the
// result step with 为新需求新建个案 (to the new case; a refusal offers the client's open case) and
// 发送满意度调查 (left to the page).
import { flushPromises, mount, type DOMWrapper, type VueWrapper } from '@vue/test-utils'
import ElementPlus, { ElMessageBox } from 'element-plus'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { completeFollowUpTask, openCaseFromFollowUp, type FollowUp } from '@/api/cases'
import { ApiError } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import CaseFollowUps from '@/views/cases/detail/CaseFollowUps.vue'
import {
  emptyForm,
  existingCaseId,
  followUpInput,
  followUpIssues,
  isTooOld,
  nextSteps,
  opensCase,
  pointsAtCase,
  situationTagType,
  type FollowUpForm,
} from '@/views/cases/detail/followUps'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

// 2026-12-07 10:30 in Shanghai.
const NOW = new Date('2026-12-07T02:30:00Z')
const OPENED_AT = '2026-12-07T10:30:00'

function filled(fields: Partial<FollowUpForm> = {}): FollowUpForm {
  return { ...emptyForm(OPENED_AT), channel: 'phone', situation: 'better', note: '  生活稳定，已按时复诊  ', ...fields }
}

function followUp(id: number, fields: Partial<FollowUp> = {}): FollowUp {
  return {
    id,
    case_id: 7,
    due_on: '2026-12-01',
    status: 'due',
    done_at: null,
    done_by: null,
    note: '',
    situation: null,
    new_needs: '',
    new_case_id: null,
    ...fields,
  }
}

const DONE = { status: 'done' as const, done_at: '2026-12-02T09:00:00+08:00', done_by: { id: 5, name: '王芳' }, note: '已复诊' }

describe('the follow-up form before it is sent', () => {
  it('asks for the channel, the situation and the note', () => {
    expect(followUpIssues(emptyForm(OPENED_AT), NOW)).toEqual({
      channel: 'channelRequired',
      situation: 'situationRequired',
      note: 'noteRequired',
    })
    expect(followUpIssues(filled({ note: '   ' }), NOW)).toEqual({ note: 'noteRequired' })
    expect(followUpIssues(filled(), NOW)).toEqual({})
  })

  it('takes a time up to now and back to 366 days, not later or earlier', () => {
    expect(followUpIssues(filled({ at: '' }), NOW)).toEqual({ at: 'atRequired' })
    expect(followUpIssues(filled({ at: '2026-12-07T10:31:00' }), NOW)).toEqual({})
    expect(followUpIssues(filled({ at: '2026-12-07T11:00:00' }), NOW)).toEqual({ at: 'atFuture' })
    expect(followUpIssues(filled({ at: '2025-12-06T10:31:00' }), NOW)).toEqual({})
    expect(followUpIssues(filled({ at: '2025-12-06T10:29:00' }), NOW)).toEqual({ at: 'atTooOld' })
    expect(isTooOld('2025-12-06T10:29:00', NOW)).toBe(true)
  })

  it('holds the note and the new needs to 2000 characters', () => {
    expect(followUpIssues(filled({ note: '好'.repeat(2000), newNeeds: '需'.repeat(2000) }), NOW)).toEqual({})
    expect(followUpIssues(filled({ note: '好'.repeat(2001), newNeeds: '需'.repeat(2001) }), NOW)).toEqual({
      note: 'tooLong',
      new_needs: 'tooLong',
    })
  })

  it('sends the trimmed texts, the time only when changed (with Shanghai\'s offset), and no blank new needs', () => {
    expect(followUpInput(filled({ newNeeds: '  ' }), OPENED_AT)).toEqual({ note: '生活稳定，已按时复诊', situation: 'better', channel: 'phone' })
    expect(followUpInput(filled({ channel: 'home_visit', situation: 'worse', at: '2026-12-05T15:00:00', newNeeds: ' 需要康复辅具 ' }), OPENED_AT)).toEqual({
      note: '生活稳定，已按时复诊',
      situation: 'worse',
      channel: 'home_visit',
      at: '2026-12-05T15:00:00+08:00',
      new_needs: '需要康复辅具',
    })
    expect(() => followUpInput(emptyForm(OPENED_AT), OPENED_AT)).toThrow()
  })
})

describe('after a follow-up is recorded', () => {
  it('offers a case for new needs once, and the survey when the page allows it', () => {
    const needs = followUp(1, { ...DONE, new_needs: '孩子需要课业辅导' })
    expect(opensCase(needs)).toBe(true)
    expect(opensCase({ ...needs, new_case_id: 40 })).toBe(false)
    expect(opensCase({ ...needs, new_needs: ' ' })).toBe(false)
    expect(opensCase({ ...needs, status: 'due' })).toBe(false)
    expect(nextSteps(needs, true)).toEqual({ newCase: true, survey: true })
    expect(nextSteps({ ...needs, new_needs: '' }, false)).toEqual({ newCase: false, survey: false })
  })

  it('colours the situation: better green, same grey, worse red', () => {
    expect(situationTagType('better')).toBe('success')
    expect(situationTagType('same')).toBe('info')
    expect(situationTagType('worse')).toBe('danger')
  })

  it('finds the case a refusal names, in its params or a detail\'s', () => {
    const open = new ApiError(409, 'cases.client_has_open_case', '已有未结案的个案（编号 42）', [], '', null, { existing_id: '42' })
    expect(pointsAtCase(open)).toBe(true)
    expect(existingCaseId(open)).toBe(42)
    const opened = new ApiError(409, 'cases.followup_case_opened', '已为此回访新建个案', [
      { field: '', code: 'exists', message: 'x', params: { existing_id: '43' } },
    ])
    expect(pointsAtCase(opened)).toBe(true)
    expect(existingCaseId(opened)).toBe(43)
    expect(existingCaseId(new ApiError(409, 'cases.client_has_open_case', 'x'))).toBeNull()
    expect(existingCaseId(new ApiError(409, 'cases.client_has_open_case', 'x', [], '', null, { existing_id: 'abc' }))).toBeNull()
    expect(pointsAtCase(new ApiError(409, 'cases.followup_no_needs', 'x'))).toBe(false)
    expect(pointsAtCase(new Error('x'))).toBe(false)
  })
})

describe('the follow-up calls', () => {
  it('record a follow-up and open a case for its new needs', async () => {
    const { requests } = mockFetch([{ body: followUp(3, DONE) }, { status: 201, body: { case_id: 88, followup: followUp(3, { ...DONE, new_case_id: 88 }) } }])
    await completeFollowUpTask(3, { note: '已复诊', situation: 'same', channel: 'wechat' })
    const made = await openCaseFromFollowUp(3)
    expect(made.case_id).toBe(88)
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/v1/followups/3/complete', 'POST /api/v1/followups/3/new-case'])
    expect(requests[0].body).toEqual({ note: '已复诊', situation: 'same', channel: 'wechat' })
    expect(requests[1].body).toEqual({})
  })
})

const Empty = defineComponent({ render: () => null })

/** The calls answered, then the errors drawn under their fields. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await nextTick()
}

describe('the follow-ups tab', { timeout: 30_000 }, () => {
  const mounted: VueWrapper[] = []

  afterEach(() => {
    for (const wrapper of mounted.splice(0)) wrapper.unmount()
    document.body.innerHTML = ''
  })

  async function show(reply: (r: RecordedRequest) => Reply, props: { canComplete?: boolean; canSendSurvey?: boolean } = {}) {
    setLocale('zh-CN')
    const fetch = mockFetch(reply)
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/cases/:id', name: 'case-detail', component: Empty }],
    })
    await router.push('/cases/7')
    const wrapper = mount(CaseFollowUps, {
      props: { caseId: 7, version: 0, canComplete: props.canComplete ?? true, canSendSurvey: props.canSendSurvey ?? false },
      global: { plugins: [i18n, ElementPlus, router] },
      attachTo: document.body,
    })
    mounted.push(wrapper)
    await flushPromises()
    return { wrapper, router, ...fetch }
  }

  /** The situation tag's classes (in tests the tag's attributes land on its transition's stub). */
  function situationTag(row: DOMWrapper<Element>): string {
    return row.find('[data-test="followup-situation-tag"]').html()
  }

  function rows(wrapper: VueWrapper) {
    return wrapper.findAll('[data-test="followups-table"] tr.el-table__row')
  }

  async function openDialog(wrapper: VueWrapper) {
    await wrapper.find('[data-test="followup-complete"]').trigger('click')
    await flushPromises()
    return wrapper.find('[data-test="followup-dialog"]')
  }

  /** Chooses the channel and the situation, and writes the note and the new needs. */
  async function fill(wrapper: VueWrapper, needs: string) {
    wrapper.findComponent({ name: 'ElSelect' }).vm.$emit('update:modelValue', 'wechat')
    await wrapper.find('[data-test="followup-situation-worse"] input').setValue(true)
    await wrapper.find('textarea[data-test="followup-note"]').setValue('微信回访：案主情绪低落')
    await wrapper.find('textarea[data-test="followup-new-needs"]').setValue(needs)
    await flushPromises()
  }

  /** The error under the field `label` (Element Plus shows it after a short debounce). */
  function fieldError(wrapper: VueWrapper, label: string): string {
    const item = wrapper.findAll('.el-form-item').find((i) => i.find('.el-form-item__label').text() === label)
    return item?.element.querySelector('.el-form-item__error')?.textContent?.trim() ?? ''
  }

  it('shows each follow-up\'s situation, new needs, the case opened for them or the action to open one', async () => {
    const { wrapper } = await show(() => ({
      body: {
        items: [
          followUp(1, { ...DONE, situation: 'better', new_needs: '想参加社区就业培训', new_case_id: 40 }),
          followUp(2, { ...DONE, situation: 'worse', new_needs: '孩子需要课业辅导' }),
          followUp(3, { ...DONE, situation: 'same' }),
          followUp(4),
        ],
      },
    }))
    const [first, second, third, fourth] = rows(wrapper)
    expect(first.find('[data-test="followup-situation-tag"]').text()).toBe('好转')
    expect(situationTag(first)).toContain('el-tag--success')
    expect(first.find('[data-test="followup-needs"]').text()).toBe('想参加社区就业培训')
    expect(first.find('[data-test="followup-new-case-link"]').text()).toBe('已新建个案 #40')
    expect(first.find('[data-test="followup-row-new-case"]').exists()).toBe(false)
    expect(situationTag(second)).toContain('el-tag--danger')
    expect(second.find('[data-test="followup-row-new-case"]').text()).toBe('为新需求新建个案')
    expect(situationTag(third)).toContain('el-tag--info')
    expect(third.find('[data-test="followup-row-new-case"]').exists()).toBe(false)
    expect(fourth.find('[data-test="followup-situation-tag"]').exists()).toBe(false)
    expect(fourth.find('[data-test="followup-complete"]').exists()).toBe(true)
  })

  it('offers no actions to those who may not work the case', async () => {
    const { wrapper } = await show(() => ({ body: { items: [followUp(2, { ...DONE, new_needs: '课业辅导' }), followUp(4)] } }), { canComplete: false })
    expect(wrapper.find('[data-test="followup-row-new-case"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="followup-complete"]').exists()).toBe(false)
  })

  it('records a follow-up: our checks first, then the result step, and a new case for the new needs', async () => {
    const needs = '孩子需要课业辅导'
    const { wrapper, router, requests } = await show((r) => {
      if (r.method === 'GET') return { body: { items: [followUp(9)] } }
      if (r.url.endsWith('/complete')) return { body: followUp(9, { ...DONE, situation: 'worse', new_needs: needs }) }
      return { status: 201, body: { case_id: 88, followup: followUp(9, { ...DONE, new_needs: needs, new_case_id: 88 }) } }
    })
    const dialog = await openDialog(wrapper)
    await dialog.find('[data-test="followup-save"]').trigger('click')
    await settle()
    await vi.waitFor(() => expect(fieldError(wrapper, '回访方式')).toBe('请选择回访方式'))
    await vi.waitFor(() => expect(fieldError(wrapper, '案主目前情况')).toBe('请选择案主目前情况'))
    await vi.waitFor(() => expect(fieldError(wrapper, '回访记录')).toBe('请填写回访记录'))
    expect(requests.filter((r) => r.method === 'POST')).toEqual([])

    await fill(wrapper, ` ${needs} `)
    await dialog.find('[data-test="followup-save"]').trigger('click')
    await settle()
    const completed = requests.find((r) => r.url.endsWith('/complete'))
    expect(completed?.body).toEqual({ note: '微信回访：案主情绪低落', situation: 'worse', channel: 'wechat', new_needs: needs })
    expect(wrapper.emitted('completed')).toHaveLength(1)
    const recorded = wrapper.find('[data-test="followup-recorded"]')
    expect(recorded.text()).toContain('回访已记录')
    expect(recorded.text()).toContain(needs)
    // The page did not allow the survey.
    expect(wrapper.find('[data-test="followup-send-survey"]').exists()).toBe(false)

    await wrapper.find('[data-test="followup-new-case"]').trigger('click')
    await flushPromises()
    expect(requests.at(-1)?.url).toBe('/api/v1/followups/9/new-case')
    expect(router.currentRoute.value.fullPath).toBe('/cases/88')
  })

  it('shows the server\'s field issues under their fields and keeps the form', async () => {
    const { wrapper } = await show((r) =>
      r.method === 'GET'
        ? { body: { items: [followUp(9)] } }
        : {
            status: 400,
            body: errorBody('validation.failed', '提交的数据有误', [
              { field: 'at', code: 'too_old', message: '不能早于一年前' },
              { field: 'channel', code: 'invalid', message: '取值无效' },
            ]),
          },
    )
    const dialog = await openDialog(wrapper)
    await fill(wrapper, '')
    await dialog.find('[data-test="followup-save"]').trigger('click')
    await settle()
    await vi.waitFor(() => expect(fieldError(wrapper, '回访时间')).toBe('不能早于一年前'))
    await vi.waitFor(() => expect(fieldError(wrapper, '回访方式')).toBe('取值无效'))
    expect(wrapper.find('[data-test="followup-recorded"]').exists()).toBe(false)
    expect((wrapper.find('textarea[data-test="followup-note"]').element as HTMLTextAreaElement).value).toBe('微信回访：案主情绪低落')
  })

  it('offers only the survey when no new needs were raised, and leaves it to the page', async () => {
    const { wrapper } = await show(
      (r) => (r.method === 'GET' ? { body: { items: [followUp(9)] } } : { body: followUp(9, { ...DONE, situation: 'same' }) }),
      { canSendSurvey: true },
    )
    const dialog = await openDialog(wrapper)
    await fill(wrapper, '')
    await dialog.find('[data-test="followup-save"]').trigger('click')
    await settle()
    expect(wrapper.find('[data-test="followup-new-case"]').exists()).toBe(false)
    await wrapper.find('[data-test="followup-send-survey"]').trigger('click')
    expect(wrapper.emitted('survey')).toHaveLength(1)
  })

  it('when the client already has an open case, says so from the row and leads to that case', async () => {
    const message = '该服务对象在本机构已有未结案的个案（编号 42）。'
    const { wrapper, router } = await show((r) =>
      r.method === 'GET'
        ? { body: { items: [followUp(2, { ...DONE, new_needs: '课业辅导' })] } }
        : { status: 409, body: { error: { code: 'cases.client_has_open_case', message, details: [], params: { existing_id: '42' } } } },
    )
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValue('confirm' as never)
    await wrapper.find('[data-test="followup-row-new-case"]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledWith(message, '未能新建个案', expect.objectContaining({ confirmButtonText: '查看个案 #42' }))
    expect(router.currentRoute.value.fullPath).toBe('/cases/42')
  })

  it('a refusal that names no case is said as it is, and the row is read again', async () => {
    const alert = vi.spyOn(ElMessageBox, 'alert').mockResolvedValue('confirm' as never)
    const message = '已为这次回访的新需求建了个案。'
    let gets = 0
    const { wrapper } = await show((r) => {
      if (r.method === 'GET') {
        gets += 1
        return { body: { items: [followUp(2, { ...DONE, new_needs: '课业辅导' })] } }
      }
      return { status: 409, body: { error: { code: 'cases.followup_case_opened', message, details: [] } } }
    })
    const before = gets
    await wrapper.find('[data-test="followup-row-new-case"]').trigger('click')
    await flushPromises()
    expect(alert).toHaveBeenCalledWith(message, '未能新建个案', expect.objectContaining({ type: 'warning' }))
    expect(gets).toBe(before + 1)
  })
})
