// The case page's timeline shows the system's escalation (升级督办) in the danger colour, with
// "系统" as who did it and the deadline it missed; and a crisis intervention (危机介入) in red.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '@/locales'
import CaseTimeline from '@/views/cases/detail/CaseTimeline.vue'
import { mockFetch } from './fetchMock'

describe('case timeline', () => {
  it('shows an escalation by the system in the danger colour', async () => {
    setLocale('zh-CN')
    const { requests } = mockFetch([
      {
        body: {
          items: [
            {
              id: 9,
              at: '2026-12-03T10:05:00+08:00',
              actor: null,
              kind: 'escalated',
              data: { stage: 'assessment', due_at: '2026-11-30T23:59:59+08:00', days: 3 },
            },
            { id: 8, at: '2026-11-20T09:00:00+08:00', actor: { id: 5, name: '王芳' }, kind: 'opened', data: {} },
          ],
          total: 2,
          page: 1,
          page_size: 20,
        },
      },
    ])
    const wrapper = mount(CaseTimeline, { props: { caseId: 7, version: 0 }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    expect(requests[0].url).toBe('/api/v1/cases/7/timeline?page=1&page_size=20')
    const escalated = wrapper.find('[data-kind="escalated"]')
    expect(escalated.find('.event-text').text()).toBe('逾期 3 天，已升级督办')
    expect(escalated.find('.event-text').classes()).toContain('alarm')
    expect(escalated.find('.event-actor').text()).toBe('系统')
    expect(escalated.find('.el-timeline-item__node').classes()).toContain('el-timeline-item__node--danger')
    expect(escalated.find('.event-note').text()).toBe('预估阶段截止时间：2026-11-30 23:59')
    const opened = wrapper.find('[data-kind="opened"]')
    expect(opened.find('.event-actor').text()).toBe('王芳')
    expect(opened.find('.event-text').classes()).not.toContain('alarm')
  })

  it('marks a crisis intervention red and an ordinary record not', async () => {
    setLocale('zh-CN')
    mockFetch([
      {
        body: {
          items: [
            { id: 12, at: '2026-12-03T11:00:00+08:00', actor: { id: 3, name: '张督导' }, kind: 'service_commented', data: { service_id: 4 } },
            { id: 11, at: '2026-12-03T10:00:00+08:00', actor: { id: 5, name: '王芳' }, kind: 'service_added', data: { service_id: 4, mode: 'crisis', minutes: 60 } },
            { id: 10, at: '2026-12-02T10:00:00+08:00', actor: { id: 5, name: '王芳' }, kind: 'service_added', data: { service_id: 3, mode: 'phone', minutes: 30 } },
          ],
          total: 3,
          page: 1,
          page_size: 20,
        },
      },
    ])
    const wrapper = mount(CaseTimeline, { props: { caseId: 7, version: 0 }, global: { plugins: [i18n, ElementPlus] } })
    await flushPromises()
    const [commented, crisis, phone] = wrapper.findAll('.el-timeline-item')
    expect(crisis.find('.event-text').text()).toBe('危机介入：60 分钟')
    expect(crisis.find('.event-text').classes()).toContain('alarm')
    expect(crisis.find('.el-timeline-item__node').classes()).toContain('el-timeline-item__node--danger')
    expect(phone.find('.event-text').text()).toBe('服务记录：电话 30 分钟')
    expect(phone.find('.event-text').classes()).not.toContain('alarm')
    expect(commented.find('.event-text').text()).toBe('督导点评服务记录')
  })
})
