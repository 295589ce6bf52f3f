// 发送满意度调查 from a case page: who gets the button and when (clients.write, a case being evaluated
// or closed), the surveys offered (the open ones, the built-in first), and — with the surveys API
// mocked — the dialog: it lists the open surveys with their organisations, sends the case's client
// with the case, shows the printable QR sheet of the link, says when the client withdrew their
// survey consent, shows the server's field issues under their fields, and leads to /surveys when
// no survey is open.
import { flushPromises, mount, RouterLinkStub, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Case } from '@/api/cases'
import { ApiError } from '@/api/request'
import { getSurveyList, sendSurvey, type SendResult, type Survey } from '@/api/surveys'
import { i18n, setLocale } from '@/locales'
import CaseHeader from '@/views/cases/detail/CaseHeader.vue'
import { canSendSurvey } from '@/views/cases/detail/caseAccess'
import SendFromCaseDialog from '@/views/surveys/SendFromCaseDialog.vue'
import { localToday } from '@/views/cases/caseDisplay'
import { addDays, expiryOutOfRange, sendableSurveys } from '@/views/surveys/surveys'

vi.mock('@/api/surveys', async (importActual) => {
  const actual = await importActual<typeof import('@/api/surveys')>()
  return { ...actual, getSurveyList: vi.fn(), sendSurvey: vi.fn() }
})

const listMock = vi.mocked(getSurveyList)
const sendMock = vi.mocked(sendSurvey)

function survey(fields: Partial<Survey> & Pick<Survey, 'id'>): Survey {
  return {
    org: { id: 2, name: '阳光社工站' },
    title_zh: '',
    title_en: '',
    built_in: false,
    named: true,
    state: 'open',
    questionnaire: { title_zh: '服务满意度问卷', title_en: 'Service satisfaction', items: [] },
    anonymous_url: null,
    sent: 0,
    answered: 0,
    responses: 0,
    created_by: { id: 9, name: '陈志远' },
    created_at: '2026-01-05T09:00:00+08:00',
    version: 1,
    ...fields,
  }
}

const OWN = survey({ id: 3, title_zh: '社区活动反馈', org: { id: 4, name: '个案服务部' } })
const BUILT_IN = survey({ id: 8, title_zh: '2026年度服务满意度调查', built_in: true })

function page(items: Survey[]) {
  return { items, total: items.length, page: 1, page_size: 200 }
}

const LINK: SendResult = {
  links: [{ client: { id: 5, name: '欧阳春花' }, token: 'tok-abc', url: '/p/s/tok-abc', expires_on: '2026-08-01', skipped: null }],
}
const SKIPPED: SendResult = {
  links: [{ client: { id: 5, name: '欧阳春花' }, token: null, url: null, expires_on: null, skipped: 'consent_withdrawn' }],
}

function el(test: string): HTMLElement | null {
  return document.querySelector(`[data-test="${test}"]`)
}

const mounted: VueWrapper[] = []

async function open() {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  const wrapper = mount(SendFromCaseDialog, {
    props: { modelValue: false, clientId: 5, clientName: '欧阳春花', caseId: 7 },
    global: { plugins: [i18n, ElementPlus], stubs: { RouterLink: RouterLinkStub } },
    attachTo: document.body,
  })
  mounted.push(wrapper)
  await wrapper.setProps({ modelValue: true })
  await flushPromises()
  return wrapper
}

async function clickSend(): Promise<void> {
  el('case-survey-send')?.click()
  await flushPromises()
}

beforeEach(() => {
  listMock.mockReset()
  sendMock.mockReset()
})

// A failed test leaves no dialog behind for the next one to find.
afterEach(() => {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  document.body.innerHTML = ''
})

describe('who may send the satisfaction survey from a case', () => {
  it('is whoever writes clients, once the case is being evaluated or is closed', () => {
    expect(canSendSurvey({ stage: 'closed' }, true)).toBe(true)
    expect(canSendSurvey({ stage: 'evaluation' }, true)).toBe(true)
    expect(canSendSurvey({ stage: 'intervention' }, true)).toBe(false)
    expect(canSendSurvey({ stage: 'intake' }, true)).toBe(false)
    expect(canSendSurvey({ stage: 'closed' }, false)).toBe(false)
  })

  it('offers the open surveys, the built-in one first, and expiry days from tomorrow to + 180', () => {
    const closed = survey({ id: 1, built_in: true, state: 'closed' })
    expect(sendableSurveys([OWN, closed, BUILT_IN]).map((s) => s.id)).toEqual([8, 3])
    expect(expiryOutOfRange(new Date(2026, 6, 2), '2026-07-02')).toBe(true)
    expect(expiryOutOfRange(new Date(2026, 6, 3), '2026-07-02')).toBe(false)
    expect(expiryOutOfRange(new Date(2026, 11, 29), '2026-07-02')).toBe(false)
    expect(expiryOutOfRange(new Date(2026, 11, 30), '2026-07-02')).toBe(true)
  })
})

describe('the case header\'s button', { timeout: 30_000 }, () => {
  const kase = {
    id: 7,
    org_id: 4,
    org_name: '个案服务部',
    client_id: 5,
    client_name: '欧阳春花',
    stage: 'closed',
    risk: 'low',
    crisis: false,
    problem: '',
    primary_worker: { id: 5, name: '王芳' },
    co_worker: null,
    supervisor: null,
    opened_at: '2026-03-01T09:00:00+08:00',
    due_at: null,
    overdue: false,
    days_overdue: 0,
    closure_reason: null,
    reopen_count: 0,
    service_count: 3,
    crisis_interventions: 0,
    last_crisis_at: null,
  } as unknown as Case

  it('shows 发送满意度调查 when allowed and asks for the dialog', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    const mountHeader = (canSendSurvey: boolean) =>
      mount(CaseHeader, {
        props: { kase, canWork: true, canSendSurvey },
        global: { plugins: [i18n, ElementPlus], stubs: { RouterLink: RouterLinkStub } },
      })
    const hidden = mountHeader(false)
    expect(hidden.find('[data-test="case-send-survey"]').exists()).toBe(false)
    hidden.unmount()
    const shown = mountHeader(true)
    const button = shown.find('[data-test="case-send-survey"]')
    expect(button.text()).toBe('发送满意度调查')
    await button.trigger('click')
    expect(shown.emitted('survey')).toHaveLength(1)
    shown.unmount()
  })
})

describe('the send-from-case dialog', { timeout: 30_000 }, () => {
  it('lists the open surveys, sends the case\'s client with the case, and shows the QR sheet', async () => {
    listMock.mockResolvedValue(page([OWN, BUILT_IN]))
    sendMock.mockResolvedValue(LINK)
    const wrapper = await open()
    expect(listMock).toHaveBeenCalledTimes(1)
    expect(listMock.mock.calls[0][0]).toMatchObject({ state: 'open' })
    const dialog = el('case-survey-dialog')
    expect(dialog?.textContent).toContain('欧阳春花')
    expect(dialog?.textContent).toContain('#7')
    // The built-in survey is chosen first, shown with its organisation; the default expiry in words.
    const select = el('case-survey-select')
    expect(select?.textContent).toContain('2026年度服务满意度调查（阳光社工站）')
    expect(el('case-survey-expires')?.querySelector('input')?.placeholder).toContain('30 天后')
    // Both surveys are offered, each with its organisation, the built-in first.
    const options = [...document.querySelectorAll('[data-test^="case-survey-option-"]')]
    expect(options.map((o) => o.getAttribute('data-test'))).toEqual(['case-survey-option-8', 'case-survey-option-3'])
    expect(options[1].textContent).toContain('个案服务部')
    expect(el('survey-qr-sheet')).toBeNull()

    await clickSend()
    expect(sendMock).toHaveBeenCalledTimes(1)
    expect(sendMock.mock.calls[0][0]).toBe(8)
    expect(sendMock.mock.calls[0][1]).toEqual({ client_ids: [5], case_id: 7 })
    await vi.waitFor(() => expect(el('survey-qr-sheet')).not.toBeNull())
    const cards = document.querySelectorAll('[data-test="survey-qr-card"]')
    expect(cards).toHaveLength(1)
    expect(cards[0].getAttribute('data-client')).toBe('5')
    expect((el('survey-qr-img') as HTMLImageElement).getAttribute('src')).toBe('/api/v1/public/surveys/tok-abc/qr.svg')
    expect(el('survey-qr-url')?.textContent).toContain('/p/s/tok-abc')
    expect(el('survey-print')).not.toBeNull()
    expect(el('case-survey-skipped')).toBeNull()
    expect(el('case-survey-send')).toBeNull()
    expect(wrapper.emitted('sent')?.[0][0]).toMatchObject({ token: 'tok-abc' })
  })

  it('sends the survey picked, until the day chosen', async () => {
    listMock.mockResolvedValue(page([OWN, BUILT_IN]))
    sendMock.mockResolvedValue(LINK)
    const wrapper = await open()
    ;(el('case-survey-option-3') as HTMLElement).click()
    await flushPromises()
    const day = addDays(localToday(), 10)
    wrapper.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', day)
    await flushPromises()
    await clickSend()
    expect(sendMock.mock.calls[0][0]).toBe(3)
    expect(sendMock.mock.calls[0][1]).toEqual({ client_ids: [5], case_id: 7, expires_on: day })
  })

  it('says the client withdrew their survey consent when the send skipped them', async () => {
    listMock.mockResolvedValue(page([BUILT_IN]))
    sendMock.mockResolvedValue(SKIPPED)
    await open()
    await clickSend()
    await vi.waitFor(() => expect(el('case-survey-skipped')).not.toBeNull())
    expect(el('case-survey-skipped')?.textContent).toContain('已撤回问卷调查同意')
    expect(el('survey-qr-sheet')).toBeNull()
  })

  it('shows the server\'s field issues under their fields', async () => {
    listMock.mockResolvedValue(page([BUILT_IN]))
    sendMock.mockRejectedValue(
      new ApiError(400, 'validation.failed', '参数校验失败', [{ field: 'expires_on', code: 'out_of_range', message: '有效期最长 180 天' }]),
    )
    await open()
    await clickSend()
    // Under the expiry, where the other dialogs put a field's issue.
    await vi.waitFor(() => expect(el('case-survey-expires')?.closest('.el-form-item')?.textContent).toContain('有效期最长 180 天'))
    expect(el('survey-qr-sheet')).toBeNull()
    expect(el('case-survey-send')).not.toBeNull()
  })

  it('says when no survey is open and leads to the surveys', async () => {
    listMock.mockResolvedValue(page([]))
    const wrapper = await open()
    expect(el('case-survey-none')?.textContent).toContain('暂无进行中的满意度调查')
    expect(wrapper.findComponent(RouterLinkStub).props('to')).toBe('/surveys')
    expect(el('case-survey-select')).toBeNull()
    expect((el('case-survey-send') as HTMLButtonElement).disabled).toBe(true)
    await clickSend()
    expect(sendMock).not.toHaveBeenCalled()
  })
})
