// 质量概览 per role: which panels a caller's memberships open, what the open cycles add up to per
// phase, an audit round's progress, how a supervisee's wait reads in both languages, and the frame
// every panel shares.
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { afterEach, describe, expect, it } from 'vitest'
import { h } from 'vue'
import { i18n, setLocale } from '@/locales'
import DashboardPanel from '@/views/quality/dashboard/DashboardPanel.vue'
import {
  auditProgress,
  cycleSummary,
  dashboardRoles,
  objectiveCounts,
  phaseChartOption,
  sinceText,
} from '@/views/quality/dashboard/dashboard'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

afterEach(() => setLocale('zh-CN'))

describe('dashboardRoles', () => {
  const memberships = [
    { org_id: 2, role: 'leader' },
    { org_id: 5, role: 'supervisor' },
    { org_id: 5, role: 'worker' },
  ]

  it('finds the organisation of each role, or null', () => {
    expect(dashboardRoles(memberships, null)).toEqual({ leaderOrgId: 2, supervisorOrgId: 5, bureauOrgId: null })
    expect(dashboardRoles([{ org_id: 1, role: 'bureau_officer' }], null)).toEqual({
      leaderOrgId: null,
      supervisorOrgId: null,
      bureauOrgId: 1,
    })
    expect(dashboardRoles([], null)).toEqual({ leaderOrgId: null, supervisorOrgId: null, bureauOrgId: null })
  })

  it('keeps to the active organisation when one is picked', () => {
    expect(dashboardRoles(memberships, 5)).toEqual({ leaderOrgId: null, supervisorOrgId: 5, bureauOrgId: null })
    expect(dashboardRoles(memberships, 2)).toEqual({ leaderOrgId: 2, supervisorOrgId: null, bureauOrgId: null })
  })
})

describe('cycleSummary', () => {
  const action = (done: boolean, overdue: boolean) => ({ done, overdue })

  it('counts open cycles per phase and their overdue actions, closed ones left out', () => {
    const summary = cycleSummary([
      { phase: 'plan', actions: [action(false, true), action(false, false)] },
      { phase: 'plan', actions: [] },
      { phase: 'do', actions: [action(false, true), action(true, false)] },
      { phase: 'act', actions: [] },
      { phase: 'closed', actions: [action(false, true)] },
    ])
    expect(summary.phases).toEqual({ plan: 2, do: 1, check: 0, act: 1 })
    expect(summary.open).toBe(4)
    expect(summary.overdueActions).toBe(2)
  })

  it('is all zero without cycles', () => {
    expect(cycleSummary([])).toEqual({ phases: { plan: 0, do: 0, check: 0, act: 0 }, open: 0, overdueActions: 0 })
  })

  it('counts a phase by its total when the list holds only its first page', () => {
    const page = Array.from({ length: 3 }, () => ({ phase: 'do', actions: [{ done: false, overdue: true }] }))
    const summary = cycleSummary(page, { plan: 250, do: 3 })
    expect(summary.phases).toEqual({ plan: 250, do: 3, check: 0, act: 0 })
    expect(summary.open).toBe(253)
    expect(summary.overdueActions).toBe(3)
  })

  it('charts the phases in PDCA order with their names', () => {
    const option = phaseChartOption(cycleSummary([{ phase: 'check', actions: [] }]), t)
    const axis = option.xAxis as { data: string[] }
    expect(axis.data).toEqual(['计划（P）', '执行（D）', '检查（C）', '处置（A）'])
    const series = option.series as { data: number[] }[]
    expect(series[0].data).toEqual([0, 0, 1, 0])
  })
})

describe('objectiveCounts and auditProgress', () => {
  it('counts objectives per status', () => {
    expect(objectiveCounts([{ status: 'on_track' }, { status: 'off_track' }, { status: 'off_track' }, { status: 'no_data' }])).toEqual({
      on_track: 1,
      off_track: 2,
      no_data: 1,
    })
  })

  it('reads a round as a whole percentage of the cases audited', () => {
    expect(auditProgress({ cases_done: 2, cases_audited: 4 })).toBe(50)
    expect(auditProgress({ cases_done: 1, cases_audited: 3 })).toBe(33)
    expect(auditProgress({ cases_done: 0, cases_audited: 0 })).toBe(0)
    expect(auditProgress({ cases_done: 5, cases_audited: 4 })).toBe(100)
  })
})

describe('sinceText', () => {
  it('reads the wait in Chinese and English', () => {
    expect(sinceText(null, t)).toBe('从未督导')
    expect(sinceText(0, t)).toBe('今天')
    expect(sinceText(31, t)).toBe('31 天前')
    setLocale('en')
    expect(sinceText(null, t)).toBe('Never supervised')
    expect(sinceText(31, t)).toBe('31 days ago')
  })
})

describe('DashboardPanel', () => {
  it('puts the title, badge and tools in the header, the body below, and its attributes on the card', () => {
    const wrapper = mount(DashboardPanel, {
      props: { title: '信号' },
      attrs: { 'data-test': 'quality-signals', class: 'signals-panel' },
      slots: {
        badge: () => h('span', { class: 'badge' }, '3'),
        tools: () => h('button', { class: 'export' }, 'Excel'),
        default: () => h('p', { class: 'body' }, 'rows'),
      },
      global: { plugins: [ElementPlus] },
    })
    const card = wrapper.find('.el-card')
    expect(card.element).toBe(wrapper.element)
    expect(card.attributes('data-test')).toBe('quality-signals')
    expect(card.classes()).toContain('signals-panel')
    expect(card.attributes('title')).toBeUndefined()
    const header = card.find('.el-card__header .panel-header')
    expect(header.find('.title').text()).toBe('信号')
    expect(header.find('.heading .badge').text()).toBe('3')
    expect(header.find('.tools .export').exists()).toBe(true)
    expect(card.find('.el-card__body .body').text()).toBe('rows')
  })

  it('leaves the tools out when a panel has none', () => {
    const wrapper = mount(DashboardPanel, { props: { title: '督导到期提醒' }, global: { plugins: [ElementPlus] } })
    expect(wrapper.find('.panel-header .title').text()).toBe('督导到期提醒')
    expect(wrapper.find('.panel-header .tools').exists()).toBe(false)
  })
})
