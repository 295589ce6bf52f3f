// The case page's timeline shows the system's escalation (升级督办) in the danger colour, with
// "系统" as who did it and the deadline it missed.
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
})
