// The citizens' public forms, 咨询预约 (/p/book) and 投诉建议 (/p/feedback): our own checks, the
// bodies sent (the city's choice as org_id null, an empty day as null, the honeypot as typed), how
// a failure is told (the server's issues under their fields, a 429 as how long to wait), the
// public API's paths and a 429's Retry-After; and — against a fake server — both pages
// (reachable without a session and never asking /api/v1/me, issues under fields, the reference big).
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { getPublicAgencies, submitBooking, submitPublicComplaint } from '@/api/public'
import { ApiError, isApiError } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import {
  bookingBody,
  bookingChecks,
  bookingDateRange,
  CITY_CHOICE,
  complaintBody,
  complaintChecks,
  describeFailure,
  emptyBookingForm,
  emptyComplaintForm,
  rateLimitText,
  type BookingForm,
} from '@/views/public/publicForm'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string

afterEach(() => setLocale('zh-CN'))

function booking(fields: Partial<BookingForm> = {}): BookingForm {
  return {
    ...emptyBookingForm(),
    name: ' 王阿姨 ',
    phone: ' 13812345833 ',
    org: 2,
    category: 'elderly',
    need: ' 老伴住院，需要有人陪护 ',
    ...fields,
  }
}

describe('the booking form', () => {
  it('asks for what is required, and for consent', () => {
    expect(bookingChecks(emptyBookingForm(), '2026-12-07')).toEqual({
      name: 'citizen.booking.nameRequired',
      phone: 'citizen.booking.phoneRequired',
      org_id: 'citizen.booking.orgRequired',
      need_category: 'citizen.booking.categoryRequired',
      need: 'citizen.booking.needRequired',
      agree: 'citizen.booking.agreeRequired',
    })
    expect(bookingChecks(booking({ agree: true }), '2026-12-07')).toEqual({})
    expect(bookingChecks(booking({ agree: true, org: CITY_CHOICE }), '2026-12-07')).toEqual({})
    expect(bookingChecks(booking({ agree: true, name: '王'.repeat(51), need: '帮'.repeat(1001) }), '2026-12-07')).toEqual({
      name: 'citizen.tooLong',
      need: 'citizen.tooLong',
    })
  })

  it('takes a day from today to 60 days ahead', () => {
    expect(bookingDateRange('2026-12-07')).toEqual({ min: '2026-12-07', max: '2027-02-05' })
    const on = (date: string) => bookingChecks(booking({ agree: true, date }), '2026-12-07').preferred_date
    expect(on('2026-12-07')).toBeUndefined()
    expect(on('2027-02-05')).toBeUndefined()
    expect(on('2026-12-06')).toBe('citizen.booking.datePast')
    expect(on('2027-02-06')).toBe('citizen.booking.dateTooFar')
    expect(on('7/12/2026')).toBe('citizen.booking.dateInvalid')
  })

  it('sends the city\'s choice as org_id null, no day as null, trimmed text and the honeypot', () => {
    expect(bookingBody(booking({ agree: true, org: CITY_CHOICE }), '')).toEqual({
      name: '王阿姨',
      phone: '13812345833',
      org_id: null,
      need_category: 'elderly',
      need: '老伴住院，需要有人陪护',
      preferred_date: null,
      preferred_slot: 'any',
      agree: true,
      website: '',
    })
    const chosen = bookingBody(booking({ agree: true, date: '2026-12-10', slot: 'morning' }), 'http://spam')
    expect(chosen).toMatchObject({ org_id: 2, preferred_date: '2026-12-10', preferred_slot: 'morning', website: 'http://spam' })
  })
})

describe('the complaint form', () => {
  it('asks for the agency, category and subject only', () => {
    expect(complaintChecks(emptyComplaintForm())).toEqual({
      org_id: 'citizen.feedback.orgRequired',
      category: 'citizen.feedback.categoryRequired',
      subject: 'citizen.feedback.subjectRequired',
    })
    const filled = { ...emptyComplaintForm(), org: 2, category: 'attitude' as const, subject: ' 上门迟到 ' }
    expect(complaintChecks(filled)).toEqual({})
    expect(complaintChecks({ ...filled, subject: 'x'.repeat(101), details: 'x'.repeat(2001), contact: '1'.repeat(51) })).toEqual({
      subject: 'citizen.tooLong',
      details: 'citizen.tooLong',
      contact: 'citizen.tooLong',
    })
    expect(complaintBody({ ...filled, kind: 'praise', name: ' 李先生 ' }, '')).toEqual({
      org_id: 2,
      kind: 'praise',
      category: 'attitude',
      subject: '上门迟到',
      details: '',
      name: '李先生',
      contact: '',
      website: '',
    })
  })
})

describe('a failed send', () => {
  const fields = ['name', 'phone', 'agree']

  it('puts the server\'s issues under their fields and the rest above the button', () => {
    const error = new ApiError(400, 'validation.failed', '提交的数据有误', [
      { field: 'phone', code: 'phone_invalid', message: '请填写正确的手机号或带区号的固定电话' },
      { field: 'phone', code: 'required', message: '第二条' },
      { field: 'agree', code: 'must_agree', message: '请同意工作人员与您联系' },
      { field: 'preferred_slot', code: 'invalid', message: '时段无效' },
    ])
    expect(describeFailure(error, fields, t)).toEqual({
      byField: { phone: '请填写正确的手机号或带区号的固定电话', agree: '请同意工作人员与您联系' },
      general: ['时段无效'],
    })
    expect(describeFailure(new ApiError(500, 'internal', '服务器出错了'), fields, t)).toEqual({ byField: {}, general: ['服务器出错了'] })
    expect(describeFailure(new Error('boom'), fields, t).general).toEqual(['提交失败，请稍后再试'])
    expect(describeFailure(new ApiError(0, 'http.network', 'x'), fields, t).general).toEqual(['网络连接失败，请检查网络后重试'])
  })

  it('says how long to wait after a 429', () => {
    expect(rateLimitText(30, t)).toBe('提交太频繁，请 30 秒后再试')
    expect(rateLimitText(150, t)).toBe('提交太频繁，请 3 分钟后再试')
    expect(rateLimitText(null, t)).toBe('提交太频繁，请稍后再试')
    expect(rateLimitText(0, t)).toBe('提交太频繁，请稍后再试')
    const limited = new ApiError(429, 'public.rate_limited', '提交太频繁', [], '', 45)
    expect(describeFailure(limited, fields, t).general).toEqual(['提交太频繁，请 45 秒后再试'])
    setLocale('en')
    expect(rateLimitText(30, t)).toBe('Too many submissions; please try again in 30 seconds')
  })
})

describe('the public API', () => {
  it('calls the public routes, and a 429 carries its Retry-After', async () => {
    const { requests } = mockFetch([
      { body: { items: [{ id: 2, name: '阳光社工站', district: '江南区' }] } },
      { status: 201, body: { ok: true, reference: 'K7QX3M9P' } },
      { status: 201, body: { ok: true, reference: 'Q2W3E4R5' } },
      { status: 429, body: errorBody('public.rate_limited', '提交太频繁，请 30 秒后再试。'), headers: { 'Retry-After': '30' } },
    ])
    const options = { silent: true, handleAuth: false }
    expect(await getPublicAgencies(options)).toEqual([{ id: 2, name: '阳光社工站', district: '江南区' }])
    const body = bookingBody(booking({ agree: true }), '')
    expect((await submitBooking(body, options)).reference).toBe('K7QX3M9P')
    const complaint = complaintBody({ ...emptyComplaintForm(), org: 2, category: 'fees', subject: '收费' }, '')
    expect((await submitPublicComplaint(complaint, options)).reference).toBe('Q2W3E4R5')
    const error = await submitBooking(body, options).catch((e: unknown) => e)
    expect(isApiError(error) && error.retryAfter).toBe(30)
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/public/agencies',
      'POST /api/v1/public/bookings',
      'POST /api/v1/public/complaints',
      'POST /api/v1/public/bookings',
    ])
    expect(requests[1].body).toEqual(body)
  })
})

describe('the public pages', { timeout: 30_000 }, () => {
  const agencies = { items: [{ id: 2, name: '阳光社工站', district: '江南区' }, { id: 3, name: '彩虹社工中心', district: null }] }

  async function open(path: string, answer: (r: RecordedRequest) => Reply) {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    const fetch = mockFetch(answer)
    // The app's own router and guard: the page must open without a session.
    const { router } = await import('@/router')
    const { default: App } = await import('@/App.vue')
    await router.push(path)
    await router.isReady()
    const wrapper = mount(App, { global: { plugins: [i18n, ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    return { wrapper, ...fetch }
  }

  function selectOption(testId: string): void {
    ;(document.querySelector(`[data-test="${testId}"]`) as HTMLElement).click()
  }

  it('books without a session: checks first, then sends and shows the reference', async () => {
    let posted: RecordedRequest | null = null
    const { wrapper, requests } = await open('/p/book', (r) => {
      if (r.url === '/api/v1/public/agencies') return { body: agencies }
      if (r.method === 'POST' && r.url === '/api/v1/public/bookings') {
        posted = r
        return { status: 201, body: { ok: true, reference: 'K7QX3M9P' } }
      }
      return { status: 401, body: errorBody('auth.unauthenticated', '请先登录') }
    })
    expect(requests.some((r) => r.url.startsWith('/api/v1/me'))).toBe(false)
    expect(wrapper.find('[data-test="booking-form"]').exists()).toBe(true)
    expect(document.querySelector('[data-test="booking-org-city"]')?.textContent).toContain('由市里为我安排')
    expect(document.querySelector('[data-test="booking-org-2"]')?.textContent).toContain('江南区')

    // Sent empty: every required field says so, nothing is sent.
    await wrapper.find('form[data-test="booking-form"]').trigger('submit')
    await flushPromises()
    expect(posted).toBeNull()
    const form = wrapper.find('[data-test="booking-form"]')
    // Element Plus shows a field's error a moment later (debounced).
    await vi.waitFor(() => expect(form.text()).toContain('请填写称呼或姓名'))
    expect(form.text()).toContain('请勾选同意，工作人员才能与您联系')
    expect(wrapper.find('[data-test="booking-error"]').text()).toBe('请按提示修改后再提交')

    await wrapper.find('input[data-test="booking-name"]').setValue('王阿姨')
    await wrapper.find('input[data-test="booking-phone"]').setValue('13812345833')
    selectOption('booking-org-city')
    selectOption('booking-category-elderly')
    await wrapper.find('textarea[data-test="booking-need"]').setValue('老伴住院，需要有人陪护')
    await wrapper.find('input[data-test="booking-date"]').setValue('')
    await wrapper.find('[data-test="booking-slot-afternoon"] input').setValue(true)
    await wrapper.find('[data-test="booking-agree"] input').setValue(true)
    const honeypot = wrapper.find('input[name="website"]')
    expect(honeypot.attributes('tabindex')).toBe('-1')
    await wrapper.find('form[data-test="booking-form"]').trigger('submit')
    await flushPromises()

    expect((posted as unknown as RecordedRequest).body).toEqual({
      name: '王阿姨',
      phone: '13812345833',
      org_id: null,
      need_category: 'elderly',
      need: '老伴住院，需要有人陪护',
      preferred_date: null,
      preferred_slot: 'afternoon',
      agree: true,
      website: '',
    })
    expect(wrapper.find('[data-test="booking-reference"]').text()).toBe('K7QX3M9P')
    expect(wrapper.find('[data-test="booking-thanks"]').text()).toContain('请记下预约编号，工作人员将在 1 个工作日内与您联系')
    expect(requests.every((r) => r.url.startsWith('/api/v1/public/'))).toBe(true)
    wrapper.unmount()
  })

  it('files a complaint, shows the server\'s issues under their fields and a 429, in English too', async () => {
    let reply: Reply = {
      status: 400,
      body: errorBody('validation.failed', '提交的数据有误', [{ field: 'contact', code: 'phone_invalid', message: '请填写正确的电话号码' }]),
    }
    const { wrapper, requests } = await open('/p/feedback', (r) => (r.url === '/api/v1/public/agencies' ? { body: agencies } : reply))
    expect(requests.some((r) => r.url.startsWith('/api/v1/me'))).toBe(false)
    await wrapper.find('[data-test="public-complaint-kind-suggestion"] input').setValue(true)
    selectOption('public-complaint-org-3')
    selectOption('public-complaint-category-environment')
    await wrapper.find('input[data-test="public-complaint-subject"]').setValue('活动室太冷')
    await wrapper.find('input[data-test="public-complaint-contact"]').setValue('12')
    await wrapper.find('form[data-test="public-complaint-form"]').trigger('submit')
    await flushPromises()
    expect(requests.at(-1)?.body).toMatchObject({ org_id: 3, kind: 'suggestion', category: 'environment', subject: '活动室太冷', contact: '12' })
    // Element Plus shows a field's error a moment later (debounced).
    await vi.waitFor(() => expect(wrapper.find('[data-test="public-complaint-form"]').text()).toContain('请填写正确的电话号码'))
    expect(wrapper.find('[data-test="public-complaint-error"]').exists()).toBe(false)

    reply = { status: 429, body: errorBody('public.rate_limited', '太快'), headers: { 'Retry-After': '20' } }
    await wrapper.find('form[data-test="public-complaint-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test="public-complaint-error"]').text()).toBe('提交太频繁，请 20 秒后再试')

    await wrapper.find('[data-test="public-complaint-lang-en"]').trigger('click')
    expect(wrapper.find('h1').text()).toBe('Complaints and suggestions')

    reply = { status: 201, body: { ok: true, reference: 'Q2W3E4R5' } }
    await wrapper.find('form[data-test="public-complaint-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test="public-complaint-reference"]').text()).toBe('Q2W3E4R5')
    expect(wrapper.find('[data-test="public-complaint-thanks"]').text()).toContain('Suggestion sent')
    wrapper.unmount()
  })
})
