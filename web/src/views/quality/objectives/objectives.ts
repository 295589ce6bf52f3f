// 质量目标 as data: how an objective's target, actual value and status read, the range a target
// may take in its indicator's unit (the server's rule, objective.cpp, so the dialog refuses what the
// server would), and the bar chart of target against actual. Plain functions of the numbers and a
// translator, tested without a canvas.
import { tokenColor, type ChartOption } from '@/composables/useChart'
import { escapeHtml, formatValue, fractionText, type IndicatorDirection, type IndicatorUnit, type Translate } from '../charts'

export type ObjectiveStatus = 'on_track' | 'off_track' | 'no_data'

/** The parts of an objective (GET /api/v1/quality/objectives) these helpers read. */
export interface ObjectiveLike {
  id: number
  indicator: { id: string; name: string; unit: IndicatorUnit; direction: IndicatorDirection }
  target: number
  actual: { numerator: number; denominator: number; value: number | null; suppressed: boolean }
  status: ObjectiveStatus
}

/** Element Plus tag type of a status: green on track, red off track, grey without data. */
export function statusTagType(status: ObjectiveStatus): 'success' | 'danger' | 'info' {
  if (status === 'on_track') return 'success'
  if (status === 'off_track') return 'danger'
  return 'info'
}

/** The target as read with the better direction: "≥ 90.0%", "≤ 30". */
export function targetText(o: ObjectiveLike, t: Translate): string {
  const v = formatValue(o.target, o.indicator.unit, t)
  return t(o.indicator.direction === 'higher' ? 'quality.objectives.atLeast' : 'quality.objectives.atMost', { v })
}

/** The actual value: "66.7%", "<5" for a small cell, "—" without data. */
export function actualText(o: ObjectiveLike, t: Translate): string {
  return formatValue(o.actual.value, o.indicator.unit, t, o.actual.suppressed)
}

/** "4 / 6" (each to the unit's precision), or nothing when suppressed or without a denominator. */
export function countsText(o: ObjectiveLike): string {
  if (o.actual.suppressed || o.actual.denominator <= 0) return ''
  return fractionText(o.actual.numerator, o.actual.denominator, o.indicator.unit)
}

/** The targets an indicator's unit admits, both ends included (as the server checks them). */
export function targetRange(unit: IndicatorUnit): { min: number; max: number } {
  if (unit === 'percent' || unit === 'score') return { min: 0, max: 100 }
  if (unit === 'days') return { min: 0, max: 3660 }
  return { min: 0, max: 10000 }
}

/** Whether a target is one the server accepts for the unit. */
export function targetValid(target: number | null | undefined, unit: IndicatorUnit): boolean {
  if (target === null || target === undefined || !Number.isFinite(target)) return false
  const { min, max } = targetRange(unit)
  return target >= min && target <= max
}

/**
 * Target against actual per objective as grouped bars; the actual bar takes its status's colour.
 * Units differ between objectives, so each bar is labelled in its own unit and the axis carries
 * bare numbers.
 */
export function objectivesChartOption(items: ObjectiveLike[], t: Translate): ChartOption {
  const colour = {
    target: tokenColor('--el-color-info', '#909399'),
    on_track: tokenColor('--el-color-success', '#67c23a'),
    off_track: tokenColor('--el-color-danger', '#f56c6c'),
    no_data: tokenColor('--el-border-color', '#dcdfe6'),
  }
  return {
    tooltip: {
      trigger: 'axis',
      confine: true,
      formatter: (params: unknown) => {
        const index = Array.isArray(params) && params.length > 0 ? (params[0] as { dataIndex?: number }).dataIndex : undefined
        const o = index === undefined ? undefined : items[index]
        if (!o) return ''
        const lines = [
          o.indicator.name,
          `${t('quality.objectives.target')}: ${targetText(o, t)}`,
          `${t('quality.objectives.actual')}: ${actualText(o, t)}`,
          t(`quality.objectives.statuses.${o.status}`),
        ]
        return lines.map(escapeHtml).join('<br>')
      },
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 64, containLabel: true },
    xAxis: {
      type: 'category',
      data: items.map((o) => o.indicator.name),
      axisLabel: { interval: 0, rotate: items.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value' },
    series: [
      {
        type: 'bar',
        name: t('quality.objectives.chartTarget'),
        itemStyle: { color: colour.target },
        data: items.map((o) => o.target),
      },
      {
        type: 'bar',
        name: t('quality.objectives.chartActual'),
        itemStyle: { color: colour.on_track },
        data: items.map((o) => ({
          value: o.actual.suppressed ? null : o.actual.value,
          itemStyle: { color: colour[o.status] },
        })),
      },
    ],
  }
}
