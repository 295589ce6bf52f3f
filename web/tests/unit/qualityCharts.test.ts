// The quality module's charts: an indicator's series → the control chart's ECharts option, tooltips
// and table; a funnel → the funnel plot's option and table; rule labels and small cells ("<5") in
// both languages; numerators and denominators to their unit's precision.
import { afterEach, describe, expect, it } from 'vitest'
import { i18n, setLocale } from '@/locales'
import {
  controlChartOption,
  controlChartRows,
  controlChartSummary,
  dataIndexOf,
  displayValue,
  escapeHtml,
  formatValue,
  fractionText,
  funnelOption,
  funnelRows,
  funnelSummary,
  pointTooltipLines,
  positionColor,
  roundedCount,
  ruleLabel,
  unitIdOfClick,
  unitTooltipLines,
  type Funnel,
  type IndicatorSeries,
  type SeriesPoint,
} from '@/views/quality/charts'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

afterEach(() => setLocale('zh-CN'))

function point(period: string, over: Partial<SeriesPoint> = {}): SeriesPoint {
  return {
    period,
    from: `${period}-01`,
    to: `${period}-28`,
    numerator: 10,
    denominator: 40,
    value: 25,
    suppressed: false,
    centre: 20,
    lower: 1,
    upper: 39,
    rules: [],
    baseline: false,
    ...over,
  }
}

// Five months: three in the baseline, a small cell, a point that breaks rules 1 and 2.
const SERIES: IndicatorSeries = {
  indicator: { id: 'assessment_on_time', name: '按时完成预估', unit: 'percent', direction: 'higher', chart: 'p' },
  granularity: 'month',
  chart: 'p',
  centre: 20,
  points: [
    point('2026-01', { baseline: true }),
    point('2026-02', { baseline: true, value: 15, numerator: 6 }),
    point('2026-03', { baseline: true, value: 20, numerator: 8 }),
    point('2026-04', { value: null, suppressed: true, numerator: 1, denominator: 3, lower: null, upper: null }),
    point('2026-05', { value: 50, numerator: 20, rules: [1, 2], lower: 2, upper: 38 }),
  ],
  signals: [{ period: '2026-05', rules: [1, 2] }],
}

const FUNNEL: Funnel = {
  indicator: { id: 'closure_on_time', name: '按时结案', unit: 'percent', direction: 'higher', chart: 'p' },
  target: 80,
  units: [
    { unit_id: 11, name: '阳光社工站', numerator: 80, denominator: 100, value: 80, suppressed: false, position: 'within' },
    { unit_id: 12, name: '彩虹社工站', numerator: 30, denominator: 60, value: 50, suppressed: false, position: 'below998' },
    { unit_id: 13, name: '晨曦社工站', numerator: 195, denominator: 200, value: 97.5, suppressed: false, position: 'above998' },
    { unit_id: 14, name: '小溪社工站', numerator: 2, denominator: 3, value: null, suppressed: true, position: 'within' },
  ],
  curve: [
    { n: 10, lower95: 55.2, upper95: 100, lower998: 40.9, upper998: 100 },
    { n: 100, lower95: 72.2, upper95: 87.8, lower998: 67.6, upper998: 92.4 },
  ],
}

interface Series {
  type: string
  name: string
  step?: string
  data: unknown[]
  itemStyle?: { color: string }
  label?: { formatter: string }
  symbol?: string
  markArea?: { data: [{ name: string; xAxis: string }, { xAxis: string }][] }
}

const seriesOf = (option: ReturnType<typeof controlChartOption>) => option.series as Series[]

describe('values as read', () => {
  it('shows percent ×100 with one decimal, other units as sent, small cells as "<5"', () => {
    expect(displayValue(23.13)).toBe(23.13)
    expect(displayValue(4.5)).toBe(4.5)
    expect(formatValue(23.13, 'percent', t)).toBe('23.1%')
    expect(formatValue(4.26, 'hours', t)).toBe('4.3 小时')
    expect(formatValue(3.2, 'per100', t)).toBe('3.2（每百例）')
    expect(formatValue(12, 'count', t)).toBe('12')
    expect(formatValue(12.25, 'count', t)).toBe('12.3')
    expect(formatValue(0.9, 'percent', t, true)).toBe('<5')
    expect(formatValue(null, 'percent', t)).toBe('—')
    setLocale('en')
    expect(formatValue(4.26, 'hours', t)).toBe('4.3 h')
    expect(formatValue(3.2, 'per100', t)).toBe('3.2 per 100')
  })

  it('keeps a numerator or denominator to its unit\'s precision, whole numbers whole', () => {
    // [n, unit, kept]: a mean's numerator is a sum of doubles (hours, days, scores) …
    const table: [number, Parameters<typeof roundedCount>[1], number][] = [
      [1321.1299999999, 'hours', 1321.1],
      [1321.16, 'hours', 1321.2],
      [23, 'hours', 23],
      [0.1 + 0.2, 'days', 0.3],
      [1150.0000000001, 'score', 1150],
      [412.46, 'score', 412.5],
      // … a mean percent's a sum of shares 0–1, to a hundredth (one case's percentage point) …
      [17.8235, 'percent', 17.82],
      [12, 'percent', 12],
      // … and counts stay whole; one that is not reads to a tenth.
      [52, 'per100', 52],
      [24, 'count', 24],
      [24.25, 'count', 24.3],
      [0, 'count', 0],
    ]
    for (const [n, unit, kept] of table) expect(roundedCount(n, unit), `${n} ${unit}`).toBe(kept)
    expect(Number.isNaN(roundedCount(NaN, 'hours'))).toBe(true)
  })

  it('reads a numerator over its denominator without float noise or trailing zeros', () => {
    expect(fractionText(1321.1299999999, 23, 'hours')).toBe('1321.1 / 23')
    expect(fractionText(1150.0000000001, 23, 'score')).toBe('1150 / 23')
    expect(fractionText(17.8235, 23, 'percent')).toBe('17.82 / 23')
    expect(fractionText(12, 52, 'percent')).toBe('12 / 52')
  })

  it('names the Western Electric rules in the user\'s language', () => {
    expect([1, 2, 3, 4].map((r) => ruleLabel(r, t))).toEqual([
      '规则1：超出3σ控制限',
      '规则2：连续3点中有2点超出2σ（同侧）',
      '规则3：连续5点中有4点超出1σ（同侧）',
      '规则4：连续8点位于中心线同侧',
    ])
    setLocale('en')
    expect(ruleLabel(1, t)).toBe('Rule 1: beyond the 3σ control limits')
    expect(ruleLabel(4, t)).toBe('Rule 4: 8 points in a row on one side of the centre line')
  })

  it('escapes text for a tooltip', () => {
    expect(escapeHtml('<b>"A&B"</b>')).toBe('&lt;b&gt;&quot;A&amp;B&quot;&lt;/b&gt;')
  })
})

describe('control chart', () => {
  it('draws the periods, the values as percents, small cells as gaps and rule breakers in red', () => {
    const option = controlChartOption(SERIES, t)
    expect((option.xAxis as { data: string[] }).data).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'])
    const [values, centre, upper, lower, small] = seriesOf(option)
    expect(values.name).toBe('指标值')
    expect(values.data.slice(0, 4)).toEqual([25, 15, 20, null])
    expect(values.data[4]).toMatchObject({ value: 50, symbol: 'diamond', itemStyle: { color: '#f56c6c' } })
    expect(centre.data).toEqual([20, 20, 20, 20, 20])
    expect(upper).toMatchObject({ name: '控制上限', step: 'middle' })
    expect(upper.data).toEqual([39, 39, 39, null, 38])
    expect(lower.data).toEqual([1, 1, 1, null, 2])
    // The small cell sits on the centre line with its "<5" label; every other period has nothing.
    expect(small.type).toBe('scatter')
    expect(small.label?.formatter).toBe('<5')
    expect(small.data).toEqual([null, null, null, 20, null])
  })

  it('shades the baseline from its first to its last period', () => {
    const values = seriesOf(controlChartOption(SERIES, t))[0]
    expect(values.markArea?.data).toEqual([[{ name: '基线期', xAxis: '2026-01' }, { xAxis: '2026-03' }]])
    const noBaseline = { ...SERIES, points: SERIES.points.map((p) => ({ ...p, baseline: false })) }
    expect(seriesOf(controlChartOption(noBaseline, t))[0].markArea).toBeUndefined()
  })

  it('keeps an XmR chart in its own unit', () => {
    const hours: IndicatorSeries = {
      ...SERIES,
      indicator: { ...SERIES.indicator, unit: 'hours', chart: 'xmr' },
      chart: 'xmr',
      centre: 6.5,
      points: [point('2026-01', { value: 7.25, centre: 6.5, lower: 2.1, upper: 10.9 })],
    }
    const [values, centre] = seriesOf(controlChartOption(hours, t))
    expect(values.data).toEqual([7.25])
    expect(centre.data).toEqual([6.5])
  })

  it('gives a mean\'s numerator to a tenth in the tooltip and the table', () => {
    const hours: IndicatorSeries = {
      ...SERIES,
      indicator: { ...SERIES.indicator, unit: 'hours', chart: 'xmr' },
      chart: 'xmr',
      points: [point('2026-01', { numerator: 1321.1299999999, denominator: 23, value: 57.44, centre: 50, lower: 20, upper: 80 })],
    }
    expect(pointTooltipLines(hours.points[0], 'hours', t)[1]).toBe('指标值：57.4 小时（1321.1/23）')
    expect(controlChartRows(hours, t)[0]).toMatchObject({ numerator: 1321.1, denominator: 23, value: '57.4 小时' })
  })

  it('names the broken rules in the tooltip of the point, in red', () => {
    const lines = pointTooltipLines(SERIES.points[4], 'percent', t)
    expect(lines).toEqual([
      '2026-05（2026-05-01 至 2026-05-28）',
      '指标值：50.0%（20/40）',
      '中心线：20.0%',
      '控制限：2.0% – 38.0%',
      '规则1：超出3σ控制限',
      '规则2：连续3点中有2点超出2σ（同侧）',
    ])
    const formatter = (controlChartOption(SERIES, t).tooltip as { formatter: (p: unknown) => string }).formatter
    const html = formatter([{ dataIndex: 4 }])
    expect(html).toContain('<span style="color:#f56c6c">规则1：超出3σ控制限</span>')
    expect(html).toContain('指标值：50.0%（20/40）')
    expect(formatter([{ dataIndex: 99 }])).toBe('')
  })

  it('says "<5" and no rate for a small cell', () => {
    const lines = pointTooltipLines(SERIES.points[3], 'percent', t)
    expect(lines[1]).toBe('指标值：<5')
    expect(lines[2]).toBe('分母小于 5，不显示比率')
    expect(lines.join()).not.toContain('1/3')
    const html = (controlChartOption(SERIES, t).tooltip as { formatter: (p: unknown) => string }).formatter([{ dataIndex: 3 }])
    expect(html).toContain('指标值：&lt;5')
  })

  it('marks baseline points in the tooltip, and reads in English', () => {
    expect(pointTooltipLines(SERIES.points[0], 'percent', t)).toContain('基线期')
    setLocale('en')
    expect(pointTooltipLines(SERIES.points[4], 'percent', t)).toEqual([
      '2026-05 (2026-05-01 to 2026-05-28)',
      'Value: 50.0% (20/40)',
      'Centre line: 20.0%',
      'Control limits: 2.0% – 38.0%',
      'Rule 1: beyond the 3σ control limits',
      'Rule 2: 2 of 3 points beyond 2σ on one side',
    ])
  })

  it('gives the table a row per period, small cells as "<5", rules in words', () => {
    const rows = controlChartRows(SERIES, t)
    expect(rows).toHaveLength(5)
    expect(rows[0]).toMatchObject({ period: '2026-01', value: '25.0%', centre: '20.0%', limits: '1.0% – 39.0%', baseline: true, signal: false })
    expect(rows[3]).toMatchObject({ value: '<5', limits: '—', numerator: 1, denominator: 3 })
    expect(rows[4]).toMatchObject({ signal: true, rules: '规则1：超出3σ控制限；规则2：连续3点中有2点超出2σ（同侧）' })
    expect(controlChartSummary(SERIES, t)).toBe('按时完成预估的控制图：5 个周期，1 个信号点')
  })

  it('finds the data index of axis and item tooltips', () => {
    expect(dataIndexOf([{ dataIndex: 3 }])).toBe(3)
    expect(dataIndexOf({ dataIndex: 2 })).toBe(2)
    expect(dataIndexOf(null)).toBe(-1)
    expect(dataIndexOf([])).toBe(-1)
  })
})

describe('funnel plot', () => {
  it('draws the 99.8 % and 95 % limits and the target over the curve', () => {
    const series = funnelOption(FUNNEL, t).series as Series[]
    expect(series.slice(0, 5).map((s) => s.name)).toEqual(['99.8% 控制限', '99.8% 控制限', '95% 控制限', '95% 控制限', '目标'])
    expect(series[0].data).toEqual([[10, 100], [100, 92.4]])
    expect(series[3].data[1]).toEqual([100, expect.closeTo(72.2, 6)])
    expect(series[4].data).toEqual([[10, 80], [100, 80]])
  })

  it('plots each unit by denominator and rate, grouped and coloured by position, small cells left out', () => {
    const scatter = (funnelOption(FUNNEL, t).series as Series[]).filter((s) => s.type === 'scatter')
    expect(scatter.map((s) => s.name)).toEqual(['在控制限内', '高于 95% 控制限', '高于 99.8% 控制限', '低于 95% 控制限', '低于 99.8% 控制限'])
    expect(scatter[0].data).toEqual([{ name: '阳光社工站', value: [100, 80, 11] }])
    expect(scatter[2].data).toEqual([{ name: '晨曦社工站', value: [200, 97.5, 13] }])
    expect(scatter[4].data).toEqual([{ name: '彩虹社工站', value: [60, 50, 12] }])
    const plotted = scatter.flatMap((s) => s.data as { value: number[] }[]).map((d) => d.value[2])
    expect(plotted).not.toContain(14)
    // Higher is better here: far above is green, far below red; outliers also change shape.
    expect(scatter[2].itemStyle?.color).toBe('#67c23a')
    expect(scatter[4].itemStyle?.color).toBe('#f56c6c')
    expect(scatter[2].symbol).toBe('diamond')
    expect(scatter[1].symbol).toBe('triangle')
  })

  it('colours by the indicator\'s direction', () => {
    expect(positionColor('above998', 'lower')).toBe('#f56c6c')
    expect(positionColor('below998', 'lower')).toBe('#67c23a')
    expect(positionColor('above95', 'lower')).toBe('#e6a23c')
    expect(positionColor('below95', 'higher')).toBe('#e6a23c')
    expect(positionColor('within', 'lower')).toBe('#409eff')
  })

  it('reads the unit of a click', () => {
    expect(unitIdOfClick({ componentType: 'series', seriesType: 'scatter', value: [100, 80, 11] })).toBe(11)
    expect(unitIdOfClick({ componentType: 'series', seriesType: 'line', value: [100, 80] })).toBeNull()
    expect(unitIdOfClick({ componentType: 'markLine' })).toBeNull()
    expect(unitIdOfClick(null)).toBeNull()
  })

  it('names the unit, its rate and position in the tooltip', () => {
    const formatter = (funnelOption(FUNNEL, t).tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter({ value: [60, 50, 12] })).toBe('彩虹社工站<br/>比率：50.0%（30/60）<br/>低于 99.8% 控制限')
    expect(formatter({ value: [1, 2] })).toBe('')
  })

  it('gives a mean\'s numerator to a tenth in the unit\'s tooltip and row', () => {
    const scores: Funnel = {
      ...FUNNEL,
      indicator: { ...FUNNEL.indicator, unit: 'score', chart: 'xmr' },
      units: [{ unit_id: 21, name: '阳光社工站', numerator: 1150.0000000001, denominator: 23, value: 50, suppressed: false, position: 'within' }],
    }
    expect(unitTooltipLines(scores.units[0], 'score', t)[1]).toBe('比率：50.0 分（1150/23）')
    expect(funnelRows(scores, t)[0]).toMatchObject({ numerator: 1150, denominator: 23 })
  })

  it('gives the table every unit, small cells as "<5" without a position', () => {
    const rows = funnelRows(FUNNEL, t)
    expect(rows.map((r) => r.value)).toEqual(['80.0%', '50.0%', '97.5%', '<5'])
    expect(rows[1]).toMatchObject({ position: '低于 99.8% 控制限', outlier: true })
    expect(rows[3]).toMatchObject({ position: '—', outlier: false, numerator: 2, denominator: 3 })
    expect(funnelSummary(FUNNEL, t)).toBe('按时结案的漏斗图：4 个单位，2 个超出 99.8% 控制限')
    setLocale('en')
    expect(funnelRows(FUNNEL, t)[2].position).toBe('Above the 99.8% limit')
  })
})
