// The bell in the top bar: the unread count on its badge (none at 0), the newest notifications in
// words with the unread ones marked, and a click on one marks it read and opens its case.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { AppNotification } from '@/api/notifications'
import NotificationBell from '@/components/layout/NotificationBell.vue'
import { i18n, setLocale } from '@/locales'
import { setLiveDeps } from '@/stores/liveEvents'
import { useNotificationsStore } from '@/stores/notifications'
import { mockFetch } from './fetchMock'

const escalated: AppNotification = {
  id: 12,
  kind: 'case_escalated',
  org_id: 2,
  subject_type: 'case',
  subject_id: 31,
  params: { client_name: '孙桂英', stage: 'evaluation', due_at: '2026-11-30T23:59:59+08:00', days: 3 },
  created_at: '2026-12-03T10:05:00+08:00',
  read_at: null,
}

const decided: AppNotification = {
  id: 11,
  kind: 'approval_decided',
  org_id: 2,
  subject_type: 'case',
  subject_id: 30,
  params: { client_name: '何军', from: 'planning', to: 'intervention', decision: 'approve', comment: '', decided_by: '林晓燕' },
  created_at: '2026-12-02T10:05:00+08:00',
  read_at: '2026-12-02T11:00:00+08:00',
}

describe('notification bell', () => {
  it('shows the count, lists the newest and opens one', async () => {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    const visited: string[] = []
    setLiveDeps({ navigate: (path) => visited.push(path) })
    const { requests } = mockFetch((r) =>
      r.url.endsWith('/read')
        ? { body: { ...escalated, read_at: '2026-12-03T11:00:00+08:00' } }
        : { body: { items: [escalated, decided], total: 2, page: 1, page_size: 10, unread: 1 } },
    )
    const store = useNotificationsStore()
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/notifications', name: 'notifications', component: { template: '<div />' } }],
    })
    const wrapper = mount(NotificationBell, { global: { plugins: [i18n, ElementPlus, router] }, attachTo: document.body })

    const badge = () => wrapper.find('[data-test="notification-badge"] .el-badge__content')
    const badgeShown = () => badge().exists() && badge().isVisible()
    expect(badgeShown()).toBe(false)
    store.unread = 1
    store.latest = [escalated, decided]
    await nextTick()
    expect(badgeShown()).toBe(true)
    expect(badge().text()).toBe('1')
    expect(wrapper.find('[data-test="notification-bell"]').attributes('aria-label')).toBe('通知（1 条未读）')

    await wrapper.find('[data-test="notification-bell"]').trigger('click')
    await flushPromises()
    const items = [...document.querySelectorAll<HTMLElement>('[data-test="notification-item"]')]
    expect(items.map((i) => i.dataset.unread)).toEqual(['true', 'false'])
    expect(items[0].textContent).toContain('个案已升级督办')
    expect(items[0].textContent).toContain('孙桂英 评估阶段逾期 3 天')
    expect(items[1].textContent).toContain('何军 的服务计划已由 林晓燕 批准')

    items[0].click()
    await flushPromises()
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/v1/notifications/12/read')).toBe(true)
    expect(store.unread).toBe(0)
    expect(visited).toEqual(['/cases/31'])
    await nextTick()
    expect(badgeShown()).toBe(false)
    wrapper.unmount()
  })
})
