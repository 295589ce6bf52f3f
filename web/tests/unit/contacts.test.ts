// 联系记录: a follow-up's state on a given day (open, due today, overdue, done), the time of a
// contact as a Shanghai wall time and back with its offset, the API's queries and bodies, and the
// panel on a case page against a fake server (the case's contacts, an overdue one highlighted, a
// contact recorded, a follow-up completed).
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it, vi } from 'vitest'
import type { Me } from '@/api/auth'
import { completeContactFollowUp, createContact, getContactList, type Contact, type ContactFollowUp } from '@/api/feedback'
import { setCsrfToken } from '@/api/request'
import { i18n, setLocale } from '@/locales'
import { useUserStore } from '@/stores/user'
import { byDue, followUpOpen, followUpState, followUpTagType, isFuture, shanghaiNow, withShanghaiOffset } from '@/views/feedback/contacts'
import ContactsPanel from '@/views/feedback/ContactsPanel.vue'
import { mockFetch, type RecordedRequest, type Reply } from './fetchMock'

function followUp(due: string, done = false): ContactFollowUp {
  return {
    due,
    note: '送去申请表',
    done_at: done ? '2026-12-08T09:00:00+08:00' : null,
    done_by: done ? { id: 5, name: '王芳' } : null,
    done_note: done ? '已送达' : '',
  }
}

function contact(id: number, fields: Partial<Contact> = {}): Contact {
  return {
    id,
    client: { id: 1, name: '张三' },
    case_id: 7,
    org: { id: 3, name: '阳光社工站' },
    channel: 'phone',
    direction: 'in',
    at: '2026-12-07T10:30:00+08:00',
    summary: '询问低保申请进度',
    by: { id: 5, name: '王芳' },
    follow_up: null,
    followup_id: null,
    created_at: '2026-12-07T10:31:00+08:00',
    ...fields,
  }
}

describe('a follow-up\'s state', () => {
  it('is open, due today, overdue or done by the local day', () => {
    expect(followUpState(null, '2026-12-09')).toBe('none')
    expect(followUpState(followUp('2026-12-10'), '2026-12-09')).toBe('open')
    expect(followUpState(followUp('2026-12-10'), '2026-12-10')).toBe('today')
    expect(followUpState(followUp('2026-12-10'), '2026-12-11')).toBe('overdue')
    expect(followUpState(followUp('2026-12-01', true), '2026-12-11')).toBe('done')
    expect(followUpTagType('overdue')).toBe('danger')
    expect(followUpTagType('done')).toBe('success')
  })

  it('can be completed only while open', () => {
    expect(followUpOpen(contact(1))).toBe(false)
    expect(followUpOpen(contact(1, { follow_up: followUp('2026-12-10') }))).toBe(true)
    expect(followUpOpen(contact(1, { follow_up: followUp('2026-12-10', true) }))).toBe(false)
  })

  it('orders the to-do by due day, earliest first', () => {
    const list = [
      contact(1, { follow_up: followUp('2026-12-12') }),
      contact(2, { follow_up: followUp('2026-12-08') }),
      contact(3, { follow_up: followUp('2026-12-08'), at: '2026-12-07T11:00:00+08:00' }),
    ]
    expect(byDue(list).map((c) => c.id)).toEqual([3, 2, 1])
  })
})

describe('the time of a contact', () => {
  it('is Shanghai\'s wall time whatever the browser\'s zone', () => {
    // 23:30 UTC is 07:30 the next morning in Shanghai.
    expect(shanghaiNow(new Date('2026-12-06T23:30:45Z'))).toBe('2026-12-07T07:30:00')
    expect(withShanghaiOffset('2026-12-07T07:30:00')).toBe('2026-12-07T07:30:00+08:00')
  })

  it('cannot lie in the future', () => {
    const now = new Date('2026-12-07T02:30:00Z') // 10:30 in Shanghai
    expect(isFuture('2026-12-07T10:30:00', now)).toBe(false)
    expect(isFuture('2026-12-07T10:00:00', now)).toBe(false)
    expect(isFuture('2026-12-07T11:00:00', now)).toBe(true)
  })
})

describe('the contacts API', () => {
  it('lists with its filters, records and completes a follow-up with the CSRF token', async () => {
    const { requests } = mockFetch([
      { body: { items: [], total: 0, page: 1, page_size: 10 } },
      { status: 201, body: contact(9) },
      { body: contact(9, { follow_up: followUp('2026-12-10', true) }) },
    ])
    setCsrfToken('t-1')
    await getContactList({ follow_up: 'mine', page_size: 10, channel: undefined })
    await createContact({
      client_id: 1,
      case_id: 7,
      channel: 'wechat',
      direction: 'out',
      at: '2026-12-07T10:30:00+08:00',
      summary: '提醒复诊',
      follow_up: { due: '2026-12-10', note: '确认是否复诊' },
    })
    const done = await completeContactFollowUp(9, '已复诊')
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/contacts?follow_up=mine&page_size=10',
      'POST /api/v1/contacts',
      'POST /api/v1/contacts/9/follow-up',
    ])
    expect(requests[1].headers['X-CSRF-Token']).toBe('t-1')
    expect(requests[1].body).toMatchObject({ client_id: 1, case_id: 7, follow_up: { due: '2026-12-10' } })
    expect(requests[2].body).toEqual({ note: '已复诊' })
    expect(done.follow_up?.done_note).toBe('已送达')
  })
})

function signIn(permissions: Me['permissions']): void {
  useUserStore().me = {
    id: 5,
    username: 'wangfang',
    display_name: '王芳',
    memberships: [{ org_id: 3, role: 'worker' }],
    permissions,
    via_token: false,
  }
}

describe('the contacts panel', { timeout: 30_000 }, () => {
  it('lists a case\'s contacts, highlights an overdue follow-up, records a contact and completes a follow-up', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(['clients.read', 'clients.write'])
    const overdue = contact(2, { follow_up: followUp('2020-01-01'), channel: 'home_visit', direction: 'out' })
    const done = contact(1, { follow_up: followUp('2020-01-01', true), followup_id: 9 })
    const { requests } = mockFetch((r: RecordedRequest): Reply => {
      if (r.method === 'POST' && r.url === '/api/v1/contacts') return { status: 201, body: contact(3) }
      if (r.method === 'POST') return { body: { ...overdue, follow_up: followUp('2020-01-01', true) } }
      return { body: { items: [overdue, done], total: 2, page: 1, page_size: 10 } }
    })
    const wrapper = mount(ContactsPanel, { props: { clientId: 1, caseId: 7 }, global: { plugins: [i18n, ElementPlus] }, attachTo: document.body })
    await flushPromises()

    const url = new URL(requests[0].url, 'http://x')
    expect(Object.fromEntries(url.searchParams)).toEqual({ case_id: '7', sort: '-at', page: '1', page_size: '10' })
    const rows = wrapper.findAll('[data-test="contact-row"]')
    expect(rows).toHaveLength(2)
    expect(rows[0].classes()).toContain('state-overdue')
    expect(rows[0].text()).toContain('家访')
    expect(rows[0].text()).toContain('主动联系')
    expect(rows[0].find('[data-test="contact-followup-state"]').text()).toBe('已逾期 · 2020-01-01')
    expect(rows[1].find('[data-test="contact-followup-state"]').text()).toBe('已完成')
    expect(rows[1].text()).toContain('已送达')
    // The contact a case's follow-up (回访) recorded says so; others do not.
    expect(rows[1].find('[data-test="contact-followup-tag"]').text()).toBe('回访')
    expect(rows[0].find('[data-test="contact-followup-tag"]').exists()).toBe(false)
    // Only the open follow-up can be completed.
    expect(rows[0].find('[data-test="followup-done"]').exists()).toBe(true)
    expect(rows[1].find('[data-test="followup-done"]').exists()).toBe(false)

    // 记录联系: the case is fixed, a summary is needed, the time has Shanghai's offset.
    await wrapper.find('[data-test="contact-add"]').trigger('click')
    await flushPromises()
    const form = document.querySelector('[data-test="contact-form"]')
    expect(form).not.toBeNull()
    expect(form?.querySelector('[data-test="contact-case"]')).toBeNull()
    ;(document.querySelector('[data-test="contact-save"]') as HTMLElement).click()
    await flushPromises()
    // Element Plus shows a form item's error after a short debounce.
    await vi.waitFor(() => expect(form?.textContent).toContain('请填写内容摘要'))
    expect(requests.filter((r) => r.method === 'POST')).toHaveLength(0)
    const summary = form?.querySelector('textarea[data-test="contact-summary"]') as HTMLTextAreaElement
    summary.value = '  电话告知审批结果  '
    summary.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-test="contact-save"]') as HTMLElement).click()
    await flushPromises()
    const post = requests.find((r) => r.method === 'POST')
    expect(post?.body).toMatchObject({ client_id: 1, case_id: 7, channel: 'phone', direction: 'in', summary: '电话告知审批结果' })
    expect((post?.body as { at: string }).at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\+08:00$/)
    expect(post?.body).not.toHaveProperty('follow_up')

    // 完成跟进 needs a note.
    await wrapper.findAll('[data-test="contact-row"]')[0].find('[data-test="followup-done"]').trigger('click')
    await flushPromises()
    const note = document.querySelector('textarea[data-test="followup-done-note"]') as HTMLTextAreaElement
    note.value = '已上门送表'
    note.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-test="followup-done-save"]') as HTMLElement).click()
    await flushPromises()
    const completed = requests.filter((r) => r.method === 'POST').at(-1)
    expect(completed?.url).toBe('/api/v1/contacts/2/follow-up')
    expect(completed?.body).toEqual({ note: '已上门送表' })
    wrapper.unmount()
  })

  it('offers no writing to those who may only read', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    signIn(['clients.read'])
    mockFetch(() => ({ body: { items: [contact(2, { follow_up: followUp('2020-01-01') })], total: 1, page: 1, page_size: 10 } }))
    const wrapper = mount(ContactsPanel, { props: { clientId: 1 }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(wrapper.find('[data-test="contact-add"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="followup-done"]').exists()).toBe(false)
    // On the client's page the case is shown as a link.
    expect(wrapper.find('[data-test="contact-row"]').text()).toContain('个案 #7')
    wrapper.unmount()
  })
})
