// The quality chart components: the data table behind its toggle, small cells and rules in words,
// and a unit chosen on the funnel plot (a click on the plot or its name in the table) as select(id).
// ECharts itself is replaced by a fake that records the option and the click handler.
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { shallowRef, toValue, type MaybeRefOrGetter } from 'vue'
import type { ChartOption } from '@/composables/useChart'
import { i18n } from '@/locales'
import type { Funnel, IndicatorSeries } from '@/views/quality/charts'
import ControlChart from '@/views/quality/ControlChart.vue'
import FunnelPlot from '@/views/quality/FunnelPlot.vue'

const fake = vi.hoisted(() => ({
  option: null as (() => unknown) | null,
  handlers: new Map<string, (params: unknown) => void>(),
}))

vi.mock('@/composables/useChart', async (importActual) => {
  const actual = await importActual<typeof import('@/composables/useChart')>()
  return {
    ...actual,
    useChart: (_el: unknown, option: MaybeRefOrGetter<ChartOption | null>) => {
      fake.option = () => toValue(option)
      const chart = { on: (event: string, handler: (params: unknown) => void) => fake.handlers.set(event, handler) }
      return { chart: shallowRef(chart), resize: () => {} }
    },
  }
})

const SERIES: IndicatorSeries = {
  indicator: { id: 'plan_on_time', name: '按时审批计划', unit: 'percent', direction: 'higher', chart: 'p' },
  granularity: 'month',
  chart: 'p',
  centre: 50,
  points: [
    { period: '2026-01', from: '2026-01-01', to: '2026-01-31', numerator: 5, denominator: 10, value: 50, suppressed: false, centre: 50, lower: 3, upper: 97, rules: [], baseline: true },
    { period: '2026-02', from: '2026-02-01', to: '2026-02-28', numerator: 2, denominator: 4, value: null, suppressed: true, centre: 50, lower: null, upper: null, rules: [], baseline: false },
    { period: '2026-03', from: '2026-03-01', to: '2026-03-31', numerator: 0, denominator: 300, value: 0, suppressed: false, centre: 50, lower: 41, upper: 59, rules: [1], baseline: false },
  ],
  signals: [{ period: '2026-03', rules: [1] }],
}

const FUNNEL: Funnel = {
  indicator: { id: 'reopen_90', name: '90 天内重新开案', unit: 'percent', direction: 'lower', chart: 'p' },
  target: 10,
  units: [
    { unit_id: 7, name: '东区社工站', numerator: 10, denominator: 100, value: 10, suppressed: false, position: 'within' },
    { unit_id: 8, name: '西区社工站', numerator: 1, denominator: 2, value: null, suppressed: true, position: 'within' },
  ],
  curve: [{ n: 10, lower95: 0, upper95: 29, lower998: 0, upper998: 39 }],
}

const global = { plugins: [i18n, ElementPlus] }

describe('ControlChart', () => {
  it('builds its option from the series, and a summary for screen readers', () => {
    const wrapper = mount(ControlChart, { props: { series: SERIES }, global })
    expect(fake.option?.()).not.toBeNull()
    expect(wrapper.find('[role="img"]').attributes('aria-label')).toBe('按时审批计划的控制图：3 个周期，1 个信号点')
    expect(wrapper.text()).toContain('p 控制图（比例）')
    wrapper.unmount()
  })

  it('shows the data table on request, with "<5" and the rules in words', async () => {
    const wrapper = mount(ControlChart, { props: { series: SERIES }, global, attachTo: document.body })
    expect(wrapper.find('table').exists()).toBe(false)
    const toggle = wrapper.find('button.table-toggle')
    expect(toggle.text()).toBe('查看数据表')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    await flushPromises()
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(toggle.text()).toBe('隐藏数据表')
    const text = wrapper.text()
    expect(text).toContain('<5')
    expect(text).toContain('规则1：超出3σ控制限')
    expect(text).toContain('50.0%')
    expect(text).not.toContain('2/4')
    wrapper.unmount()
  })

  it('says so when there is nothing to draw', () => {
    const wrapper = mount(ControlChart, { props: { series: { ...SERIES, points: [] } }, global })
    expect(fake.option?.()).toBeNull()
    expect(wrapper.text()).toContain('暂无数据')
    wrapper.unmount()
  })
})

describe('FunnelPlot', () => {
  it('emits select with the unit clicked on the plot', () => {
    const wrapper = mount(FunnelPlot, { props: { funnel: FUNNEL }, global })
    const click = fake.handlers.get('click')
    expect(click).toBeDefined()
    click?.({ componentType: 'series', seriesType: 'scatter', value: [100, 10, 7] })
    click?.({ componentType: 'series', seriesType: 'line', value: [10, 29] })
    expect(wrapper.emitted('select')).toEqual([[7]])
    expect(wrapper.find('[role="img"]').attributes('aria-label')).toBe('90 天内重新开案的漏斗图：2 个单位，0 个超出 99.8% 控制限')
    wrapper.unmount()
  })

  it('lists every unit in the table, small cells as "<5", and a name selects the unit', async () => {
    const wrapper = mount(FunnelPlot, { props: { funnel: FUNNEL }, global, attachTo: document.body })
    await wrapper.find('button.table-toggle').trigger('click')
    await flushPromises()
    expect(wrapper.text()).toContain('<5')
    expect(wrapper.text()).toContain('在控制限内')
    const links = wrapper.findAll('button.unit-link')
    expect(links.map((l) => l.text())).toEqual(['东区社工站', '西区社工站'])
    await links[0].trigger('click')
    expect(wrapper.emitted('select')).toEqual([[7]])
    wrapper.unmount()
  })
})
