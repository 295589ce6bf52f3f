// 节假日与调休: the weekday of a row, its kind's tag, the rows' own problems before a save, the
// working days they leave (the server's rule), the API's query and body, and the page against a
// fake server (rows in date order with their weekdays, a row added, the save, a server issue under
// its cell, the official-notice warning).
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { getWorkingCalendar, updateWorkingCalendar, type CalendarDay, type WorkingCalendar } from '@/api/feedback'
import { setCsrfToken } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import {
  countWorkingDays,
  hasBlockingIssue,
  isWeekend,
  kindTagType,
  rowIssues,
  sortDays,
  weekdayKey,
  weekdayOf,
} from '@/views/settings/calendar/calendar'
import CalendarPage from '@/views/settings/calendar/index.vue'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

const day = (date: string, kind: CalendarDay['kind'] = 'holiday', name = '假日'): CalendarDay => ({ date, kind, name })

describe('weekdays', () => {
  it('reads the weekday of a date in any zone', () => {
    // 2026-01-01 is a Thursday, 2026-02-14 a Saturday, 2026-10-04 a Sunday.
    expect(weekdayOf('2026-01-01')).toBe(4)
    expect(weekdayKey('2026-01-01')).toBe('thu')
    expect(weekdayKey('2026-02-14')).toBe('sat')
    expect(isWeekend('2026-02-14')).toBe(true)
    expect(isWeekend('2026-10-04')).toBe(true)
    expect(isWeekend('2026-10-05')).toBe(false)
  })

  it('answers nothing for what is not a date', () => {
    expect(weekdayOf('')).toBeNull()
    expect(weekdayOf('2026-02-30')).toBeNull()
    expect(weekdayKey('2026-1-1')).toBeNull()
    expect(isWeekend('')).toBe(false)
  })

  it('shows 休 red and 班 grey', () => {
    expect(kindTagType('holiday')).toBe('danger')
    expect(kindTagType('workday')).toBe('info')
  })
})

describe('the rows before a save', () => {
  it('sorts by date, rows without one last', () => {
    const sorted = sortDays([day('2026-10-01'), day(''), day('2026-01-01'), day('2026-02-17')])
    expect(sorted.map((d) => d.date)).toEqual(['2026-01-01', '2026-02-17', '2026-10-01', ''])
  })

  it('finds a missing or impossible date, one outside the year, a date twice and a missing name', () => {
    const issues = rowIssues(
      [day(''), day('2026-02-30'), day('2025-12-31'), day('2026-05-01'), day('2026-05-01'), day('2026-05-04', 'holiday', ' ')],
      2026,
    )
    expect(issues.map((i) => i.date ?? null)).toEqual(['dateMissing', 'dateMissing', 'dateOutsideYear', 'dateTwice', 'dateTwice', null])
    expect(issues[5].name).toBe('nameMissing')
    expect(hasBlockingIssue(issues)).toBe(true)
  })

  it('warns of a moved workday on a weekday without blocking the save', () => {
    // 2026-02-14 is a Saturday (a real 调休 day is at a weekend); 2026-02-16 a Monday.
    const issues = rowIssues([day('2026-02-14', 'workday', '春节'), day('2026-02-16', 'workday', '春节')], 2026)
    expect(issues[0]).toEqual({})
    expect(issues[1]).toEqual({ warning: 'workdayOnWeekday' })
    expect(hasBlockingIssue(issues)).toBe(false)
  })
})

describe('countWorkingDays', () => {
  it('counts Monday to Friday in a plain year', () => {
    // 2026: 52 weeks and a Thursday; 2024 (leap): 52 weeks, a Monday and a Tuesday.
    expect(countWorkingDays(2026, [])).toBe(261)
    expect(countWorkingDays(2024, [])).toBe(262)
  })

  it('takes off holidays on weekdays only and adds the moved workdays', () => {
    const days = [
      day('2026-01-01'), // Thursday: one less
      day('2026-01-03'), // Saturday: no change
      day('2026-01-04', 'workday', '元旦'), // Sunday worked: one more
      day('2025-12-31'), // another year: ignored
      day('2026-05-01'),
      day('2026-05-01', 'workday', '重复'), // the date again: the first row counts
    ]
    expect(countWorkingDays(2026, days)).toBe(261 - 1 + 1 - 1)
  })
})

describe('the calendar API', () => {
  it('asks for a year and replaces its rows with the CSRF token', async () => {
    const answer: WorkingCalendar = { year: 2026, days: [day('2026-01-01', 'holiday', '元旦')], working_days: 260, updated_at: null, updated_by: null }
    const { requests } = mockFetch([{ body: answer }, { body: answer }])
    setCsrfToken('t-1')
    expect(await getWorkingCalendar(2026)).toEqual(answer)
    await updateWorkingCalendar(2026, answer.days)
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/feedback/calendar?year=2026', 'PUT /api/v1/feedback/calendar?year=2026'])
    expect(requests[1].headers['X-CSRF-Token']).toBe('t-1')
    expect(requests[1].body).toEqual({ days: [{ date: '2026-01-01', kind: 'holiday', name: '元旦' }] })
  })
})

describe('the calendar page', () => {
  it('lists the rows with weekdays, adds one, saves them in date order and shows a server issue under its cell', async () => {
    setLocale('zh-CN')
    const saved: WorkingCalendar = {
      year: 2026,
      days: [day('2026-02-14', 'workday', '春节'), day('2026-01-01', 'holiday', '元旦')],
      working_days: 261,
      updated_at: '2026-12-07T10:00:00+08:00',
      updated_by: { id: 1, name: '管理员' },
    }
    let puts = 0
    const { requests } = mockFetch((r: RecordedRequest): Reply => {
      if (r.method === 'GET') return { body: saved }
      puts++
      if (puts === 1) {
        return {
          status: 400,
          body: errorBody('validation.failed', '输入有误', [{ field: 'days[0].name', code: 'too_long', message: '名称过长' }]),
        }
      }
      return { body: { ...saved, days: (r.body as { days: CalendarDay[] }).days, working_days: 260 } }
    })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/settings/calendar', name: 'calendar', component: CalendarPage }] })
    await router.push('/settings/calendar?year=2026')
    const wrapper = mount(CalendarPage, { global: { plugins: [i18n, ElementPlus, router, createPinia()] }, attachTo: document.body })
    await flushPromises()

    expect(requests[0].url).toBe('/api/v1/feedback/calendar?year=2026')
    expect(wrapper.find('[data-test="calendar-official-note"]').text()).toContain('国务院办公厅')
    expect(wrapper.find('[data-test="calendar-working-days"]').text()).toContain('261')
    expect(wrapper.find('[data-test="calendar-updated"]').text()).toContain('管理员')
    const rows = () => wrapper.findAll('[data-test="calendar-row"]')
    expect(rows().map((r) => r.attributes('data-date'))).toEqual(['2026-01-01', '2026-02-14'])
    expect(rows().map((r) => r.find('[data-test="calendar-weekday"]').text())).toEqual(['周四', '周六'])

    // A new row without a date or name is not sent.
    await wrapper.find('[data-test="calendar-add"]').trigger('click')
    expect(rows()).toHaveLength(3)
    await wrapper.find('[data-test="calendar-save"]').trigger('click')
    await flushPromises()
    expect(puts).toBe(0)
    // Element Plus shows a form item's error after a short debounce.
    await vi.waitFor(() => expect(rows()[2].text()).toContain('请选择日期'))

    // Removed again: the server's issue goes under the first row's name.
    await rows()[2].find('[data-test="calendar-remove"]').trigger('click')
    await wrapper.find('[data-test="calendar-save"]').trigger('click')
    await flushPromises()
    expect(puts).toBe(1)
    await vi.waitFor(() => expect(rows()[0].text()).toContain('名称过长'))

    await wrapper.find('[data-test="calendar-save"]').trigger('click')
    await flushPromises()
    const put = requests.filter((r) => r.method === 'PUT').at(-1)
    expect(put?.body).toEqual({ days: [day('2026-01-01', 'holiday', '元旦'), day('2026-02-14', 'workday', '春节')] })
    expect(wrapper.find('[data-test="calendar-working-days"]').text()).toContain('260')
    wrapper.unmount()
  })
})
