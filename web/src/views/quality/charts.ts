// The quality module's charts as data: the shapes the server answers for an indicator's series
// (GET /api/v1/quality/indicators/{id}/series) and funnel (…/funnel), and the ECharts options,
// tooltips, table rows and summaries built from them. Plain functions of the numbers and a
// translator, so they are tested without a canvas.
//
// Scales: values, centres, limits and targets come in the indicator's unit as the server scales
// them — 'percent' 0–100, 'per100' per 100 cases, 'hours', 'days', 'count', 'score' — and are shown
// as sent, with the unit's suffix.
// A small cell (denominator under 5) comes with suppressed: true and value null: drawn as a gap,
// written "<5", never a rate.
// Numerators and denominators are shown (and exported) through roundedCount: a mean's numerator is
// a sum of doubles, and read raw it prints as "1321.1299999999".
import { tokenColor, type ChartOption } from '@/composables/useChart'

export type Translate = (key: string, values?: Record<string, unknown>) => string

export type IndicatorUnit = 'percent' | 'hours' | 'per100' | 'count' | 'days' | 'score'
export type IndicatorDirection = 'higher' | 'lower'
export type ChartKind = 'p' | 'xmr'
export type FunnelPosition = 'within' | 'above95' | 'above998' | 'below95' | 'below998'

export const FUNNEL_POSITIONS: readonly FunnelPosition[] = ['within', 'above95', 'above998', 'below95', 'below998']

export interface IndicatorRef {
  id: string
  name: string
  unit: IndicatorUnit
  direction: IndicatorDirection
  chart: ChartKind
}

export interface SeriesPoint {
  period: string
  from: string
  to: string
  numerator: number
  denominator: number
  value: number | null
  suppressed: boolean
  centre: number | null
  lower: number | null
  upper: number | null
  rules: number[]
  baseline: boolean
}

export interface IndicatorSeries {
  indicator: IndicatorRef
  granularity: string
  chart: ChartKind
  centre: number | null
  points: SeriesPoint[]
  signals: { period: string; rules: number[] }[]
}

export interface FunnelUnit {
  unit_id: number
  name: string
  numerator: number
  denominator: number
  value: number | null
  suppressed: boolean
  position: FunnelPosition
}

export interface FunnelCurvePoint {
  n: number
  lower95: number
  upper95: number
  lower998: number
  upper998: number
}

export interface Funnel {
  indicator: IndicatorRef
  target: number | null
  units: FunnelUnit[]
  curve: FunnelCurvePoint[]
}

/** What a small cell shows instead of its rate. */
export const SMALL_CELL = '<5'

/** A value in the unit it is shown in: the server already scales every unit (percent 0–100). */
export function displayValue(value: number): number {
  return value
}

function rounded(value: number, unit: IndicatorUnit): string {
  const shown = displayValue(value)
  if (unit === 'count' && Number.isInteger(shown)) return String(shown)
  return shown.toFixed(1)
}

/** A value as read: "23.1%", "4.5 小时", "<5" for a small cell, "—" for none. */
export function formatValue(value: number | null, unit: IndicatorUnit, t: Translate, suppressed = false): string {
  if (suppressed) return SMALL_CELL
  if (value === null || !Number.isFinite(value)) return t('quality.table.none')
  return t(`quality.unitFormat.${unit}`, { v: rounded(value, unit) })
}

/**
 * Decimals a numerator or denominator keeps, by its indicator's unit. Counts (cases, complaints,
 * worker-months) are whole and stay so; a mean's numerator is a sum of hours, days or scores and
 * reads to a tenth, like the value beside it; a mean percent's (file completeness) is a sum of
 * shares 0–1 per case, where a hundredth is one case's percentage point.
 */
const COUNT_DECIMALS: Record<IndicatorUnit, number> = { percent: 2, per100: 1, count: 1, hours: 1, days: 1, score: 1 }

/**
 * A numerator or denominator to its unit's precision: 23 → 23, 1321.1299999999 → 1321.1 in hours,
 * 17.8235 → 17.82 for a percent. A number, so an Excel cell stays numeric, and as text it has no
 * trailing zeros ("12", never "12.0").
 */
export function roundedCount(n: number, unit: IndicatorUnit): number {
  if (Number.isInteger(n) || !Number.isFinite(n)) return n
  const scale = 10 ** COUNT_DECIMALS[unit]
  return Math.round(n * scale) / scale
}

/** A numerator over its denominator, each to its unit's precision: "1321.1 / 23". */
export function fractionText(numerator: number, denominator: number, unit: IndicatorUnit): string {
  return `${roundedCount(numerator, unit)} / ${roundedCount(denominator, unit)}`
}

/** A Western Electric rule's label: "规则1：超出3σ控制限". */
export function ruleLabel(rule: number, t: Translate): string {
  return t(`quality.rules.rule${rule}`)
}

/** A funnel position's label: "高于 99.8% 控制限". */
export function positionLabel(position: FunnelPosition, t: Translate): string {
  return t(`quality.funnel.position.${position}`)
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe for the HTML of an ECharts tooltip. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])
}

function colors() {
  return {
    value: tokenColor('--el-color-primary', '#409eff'),
    signal: tokenColor('--el-color-danger', '#f56c6c'),
    centre: tokenColor('--el-text-color-regular', '#606266'),
    limit: tokenColor('--el-color-warning', '#e6a23c'),
    limit998: tokenColor('--el-color-danger', '#f56c6c'),
    band: tokenColor('--el-color-primary-light-9', '#ecf5ff'),
    muted: tokenColor('--el-text-color-secondary', '#909399'),
    good: tokenColor('--el-color-success', '#67c23a'),
    goodLight: tokenColor('--el-color-success-light-3', '#95d475'),
  }
}

const GRID = { left: 8, right: 24, top: 40, bottom: 8, containLabel: true }

function isSmall(point: { suppressed: boolean; value: number | null }): boolean {
  return point.suppressed || point.value === null
}

function line(label: string, value: string, t: Translate): string {
  return t('quality.chart.line', { label, value })
}

/** A value with its numerator and denominator: "23.1%（12/52）", "57.4 小时（1321.1/23）". */
function withRatio(value: string, numerator: number, denominator: number, unit: IndicatorUnit, t: Translate): string {
  return t('quality.chart.valueWithRatio', {
    value,
    numerator: roundedCount(numerator, unit),
    denominator: roundedCount(denominator, unit),
  })
}

/** The lines of one period's tooltip: period and dates, value with n, centre and limits, the rules broken (last). */
export function pointTooltipLines(point: SeriesPoint, unit: IndicatorUnit, t: Translate): string[] {
  const lines = [t('quality.chart.periodLine', { period: point.period, from: point.from, to: point.to })]
  if (point.suppressed) {
    lines.push(line(t('quality.chart.value'), SMALL_CELL, t), t('quality.chart.suppressed'))
  } else {
    const value = formatValue(point.value, unit, t)
    lines.push(line(t('quality.chart.value'), point.denominator > 0 ? withRatio(value, point.numerator, point.denominator, unit, t) : value, t))
  }
  lines.push(line(t('quality.chart.centre'), formatValue(point.centre, unit, t), t))
  if (point.lower !== null && point.upper !== null) {
    lines.push(line(t('quality.chart.limits'), `${formatValue(point.lower, unit, t)} – ${formatValue(point.upper, unit, t)}`, t))
  }
  if (point.baseline) lines.push(t('quality.chart.baseline'))
  for (const rule of point.rules) lines.push(ruleLabel(rule, t))
  return lines
}

function tooltipHtml(lines: string[], signalFrom: number): string {
  return lines
    .map((line, k) => (k >= signalFrom ? `<span style="color:${colors().signal}">${escapeHtml(line)}</span>` : escapeHtml(line)))
    .join('<br/>')
}

/** The data index an ECharts tooltip's params point at (axis tooltips pass an array). */
export function dataIndexOf(params: unknown): number {
  const first: unknown = Array.isArray(params) ? params[0] : params
  if (first && typeof first === 'object' && 'dataIndex' in first && typeof first.dataIndex === 'number') return first.dataIndex
  return -1
}

/** A control chart: values (rule breakers red), centre, stepped limits, the baseline shaded, small cells as "<5". */
export function controlChartOption(series: IndicatorSeries, t: Translate): ChartOption {
  const { unit } = series.indicator
  const c = colors()
  const points = series.points
  const periods = points.map((p) => p.period)
  const shown = (v: number | null) => (v === null ? null : displayValue(v))
  const baseline = points.filter((p) => p.baseline)
  const centre = series.centre
  return {
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const point = points[dataIndexOf(params)]
        if (!point) return ''
        const lines = pointTooltipLines(point, unit, t)
        return tooltipHtml(lines, lines.length - point.rules.length)
      },
    },
    legend: { top: 0, type: 'scroll' },
    grid: GRID,
    xAxis: { type: 'category', data: periods, boundaryGap: false },
    yAxis: {
      type: 'value',
      scale: true,
      axisLabel: { formatter: (v: number) => (unit === 'percent' ? `${v}%` : String(v)) },
    },
    series: [
      {
        type: 'line',
        name: t('quality.chart.value'),
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 6,
        itemStyle: { color: c.value },
        lineStyle: { color: c.value, width: 2 },
        z: 3,
        data: points.map((p) =>
          isSmall(p)
            ? null
            : p.rules.length > 0
              ? { value: shown(p.value), symbol: 'diamond', symbolSize: 11, itemStyle: { color: c.signal } }
              : shown(p.value),
        ),
        markArea:
          baseline.length > 0
            ? {
                silent: true,
                itemStyle: { color: c.band },
                label: { color: c.muted, position: 'insideTop' },
                data: [[{ name: t('quality.chart.baseline'), xAxis: baseline[0].period }, { xAxis: baseline[baseline.length - 1].period }]],
              }
            : undefined,
      },
      {
        type: 'line',
        name: t('quality.chart.centre'),
        symbol: 'none',
        lineStyle: { color: c.centre, width: 1 },
        itemStyle: { color: c.centre },
        data: points.map(() => shown(centre)),
      },
      {
        type: 'line',
        name: t('quality.chart.upper'),
        step: 'middle',
        symbol: 'none',
        connectNulls: false,
        lineStyle: { color: c.limit, type: 'dashed', width: 1 },
        itemStyle: { color: c.limit },
        data: points.map((p) => shown(p.upper)),
      },
      {
        type: 'line',
        name: t('quality.chart.lower'),
        step: 'middle',
        symbol: 'none',
        connectNulls: false,
        lineStyle: { color: c.limit, type: 'dashed', width: 1 },
        itemStyle: { color: c.limit },
        data: points.map((p) => shown(p.lower)),
      },
      {
        // Small cells: an empty ring on the centre line, labelled "<5".
        type: 'scatter',
        name: SMALL_CELL,
        symbol: 'emptyCircle',
        symbolSize: 8,
        itemStyle: { color: c.muted },
        label: { show: true, position: 'top', formatter: SMALL_CELL, color: c.muted },
        tooltip: { show: false },
        data: points.map((p) => (p.suppressed ? shown(p.centre ?? centre) : null)),
      },
    ],
  }
}

/** The colour of a funnel position: beyond the limits in the good direction green, in the bad one amber / red. */
export function positionColor(position: FunnelPosition, direction: IndicatorDirection): string {
  const c = colors()
  if (position === 'within') return c.value
  const good = position.startsWith('above') === (direction === 'higher')
  const far = position.endsWith('998')
  if (good) return far ? c.good : c.goodLight
  return far ? c.limit998 : c.limit
}

/** Outliers differ in shape as well as colour, for readers who do not tell red from green. */
function positionSymbol(position: FunnelPosition): string {
  if (position === 'within') return 'circle'
  return position.endsWith('998') ? 'diamond' : 'triangle'
}

/** The unit a click on the funnel plot names (its id is the third value of a point), or null. */
export function unitIdOfClick(params: unknown): number | null {
  if (!params || typeof params !== 'object') return null
  const p = params as { componentType?: unknown; seriesType?: unknown; value?: unknown }
  if (p.componentType !== 'series' || p.seriesType !== 'scatter' || !Array.isArray(p.value)) return null
  const id = Number(p.value[2])
  return Number.isFinite(id) ? id : null
}

/** A unit's tooltip lines: name, rate with n, where it lies. */
export function unitTooltipLines(unit: FunnelUnit, indicatorUnit: IndicatorUnit, t: Translate): string[] {
  const value = unit.suppressed
    ? SMALL_CELL
    : withRatio(formatValue(unit.value, indicatorUnit, t), unit.numerator, unit.denominator, indicatorUnit, t)
  return [unit.name, line(t('quality.funnel.rate'), value, t), unit.suppressed ? t('quality.chart.suppressed') : positionLabel(unit.position, t)]
}

/** A funnel plot: units by denominator and rate, coloured by position, inside the 95 % and 99.8 % limits around the target. */
export function funnelOption(funnel: Funnel, t: Translate): ChartOption {
  const { unit, direction } = funnel.indicator
  const c = colors()
  const shown = (v: number) => displayValue(v)
  const curve = funnel.curve
  const limitLine = (name: string, color: string, type: 'dashed' | 'solid', pick: (p: FunnelCurvePoint) => number) => ({
    type: 'line' as const,
    name,
    symbol: 'none',
    silent: true,
    lineStyle: { color, type, width: 1 },
    itemStyle: { color },
    tooltip: { show: false },
    data: curve.map((p) => [p.n, shown(pick(p))]),
  })
  const plotted = funnel.units.filter((u) => !isSmall(u))
  const byId = new Map(funnel.units.map((u) => [u.unit_id, u]))
  const ends = curve.length > 0 ? [curve[0].n, curve[curve.length - 1].n] : []
  return {
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params: unknown) => {
        const value = (params as { value?: unknown }).value
        const id = Array.isArray(value) ? Number(value[2]) : NaN
        const found = byId.get(id)
        return found ? unitTooltipLines(found, unit, t).map(escapeHtml).join('<br/>') : ''
      },
    },
    legend: { top: 0, type: 'scroll' },
    grid: GRID,
    xAxis: { type: 'value', name: t('quality.funnel.denominator'), nameLocation: 'middle', nameGap: 28, min: 0 },
    yAxis: {
      type: 'value',
      name: t('quality.funnel.rate'),
      scale: true,
      axisLabel: { formatter: (v: number) => (unit === 'percent' ? `${v}%` : String(v)) },
    },
    series: [
      limitLine(t('quality.funnel.limit998'), c.limit998, 'solid', (p) => p.upper998),
      limitLine(t('quality.funnel.limit998'), c.limit998, 'solid', (p) => p.lower998),
      limitLine(t('quality.funnel.limit95'), c.limit, 'dashed', (p) => p.upper95),
      limitLine(t('quality.funnel.limit95'), c.limit, 'dashed', (p) => p.lower95),
      {
        type: 'line',
        name: t('quality.funnel.target'),
        symbol: 'none',
        silent: true,
        lineStyle: { color: c.centre, width: 1 },
        itemStyle: { color: c.centre },
        tooltip: { show: false },
        data: funnel.target === null ? [] : ends.map((n) => [n, shown(funnel.target ?? 0)]),
      },
      ...FUNNEL_POSITIONS.map((position) => ({
        type: 'scatter' as const,
        name: positionLabel(position, t),
        symbol: positionSymbol(position),
        symbolSize: position === 'within' ? 8 : 11,
        cursor: 'pointer',
        itemStyle: { color: positionColor(position, direction) },
        z: 3,
        data: plotted
          .filter((u) => u.position === position)
          .map((u) => ({ name: u.name, value: [u.denominator, shown(u.value as number), u.unit_id] })),
      })),
    ],
  }
}

/** One row of a control chart's data table. */
export interface ControlChartRow {
  period: string
  from: string
  to: string
  numerator: number
  denominator: number
  value: string
  centre: string
  limits: string
  rules: string
  baseline: boolean
  signal: boolean
}

export function controlChartRows(series: IndicatorSeries, t: Translate): ControlChartRow[] {
  const { unit } = series.indicator
  return series.points.map((p) => ({
    period: p.period,
    from: p.from,
    to: p.to,
    numerator: roundedCount(p.numerator, unit),
    denominator: roundedCount(p.denominator, unit),
    value: formatValue(p.value, unit, t, p.suppressed),
    centre: formatValue(p.centre, unit, t),
    limits:
      p.lower !== null && p.upper !== null
        ? `${formatValue(p.lower, unit, t)} – ${formatValue(p.upper, unit, t)}`
        : t('quality.table.none'),
    rules: p.rules.map((r) => ruleLabel(r, t)).join(t('quality.table.ruleSeparator')),
    baseline: p.baseline,
    signal: p.rules.length > 0,
  }))
}

/** One row of a funnel plot's data table. */
export interface FunnelRow {
  unit_id: number
  name: string
  numerator: number
  denominator: number
  value: string
  position: string
  outlier: boolean
}

export function funnelRows(funnel: Funnel, t: Translate): FunnelRow[] {
  const { unit } = funnel.indicator
  return funnel.units.map((u) => ({
    unit_id: u.unit_id,
    name: u.name,
    numerator: roundedCount(u.numerator, unit),
    denominator: roundedCount(u.denominator, unit),
    value: formatValue(u.value, unit, t, u.suppressed),
    position: u.suppressed ? t('quality.table.none') : positionLabel(u.position, t),
    outlier: !u.suppressed && u.position !== 'within',
  }))
}

/** What a screen reader hears for the chart: its name, its periods and how many points signal. */
export function controlChartSummary(series: IndicatorSeries, t: Translate): string {
  return t('quality.chart.summary', {
    name: series.indicator.name,
    periods: series.points.length,
    signals: series.points.filter((p) => p.rules.length > 0).length,
  })
}

export function funnelSummary(funnel: Funnel, t: Translate): string {
  return t('quality.funnel.summary', {
    name: funnel.indicator.name,
    units: funnel.units.length,
    outliers: funnel.units.filter((u) => !u.suppressed && u.position.endsWith('998')).length,
  })
}
