// The complaints page's chart: how many were received per month, by kind (stacked bars), counted from
// one page of the list. Plain functions of the data and a translator, tested without a canvas.
import { COMPLAINT_KINDS, type Complaint, type ComplaintKind } from '@/api/complaints'
import { tokenColor, type ChartOption } from '@/composables/useChart'
import type { Translate } from './complaints'

/** The `count` months up to and including `today`'s, oldest first ("2026-01" …). */
export function lastMonths(count: number, today: string): string[] {
  let year = Number(today.slice(0, 4))
  let month = Number(today.slice(5, 7))
  const out: string[] = []
  for (let i = 0; i < count; i++) {
    out.unshift(`${year}-${String(month).padStart(2, '0')}`)
    month -= 1
    if (month === 0) {
      month = 12
      year -= 1
    }
  }
  return out
}

/** The first day of the oldest of `lastMonths(count, today)`, as a date the list's `from` takes. */
export function firstDayOf(months: string[]): string {
  return `${months[0]}-01`
}

export type MonthlyCounts = Record<ComplaintKind, number[]>

/** How many were received in each month, by kind; those outside the months are left out. */
export function monthlyByKind(complaints: Pick<Complaint, 'kind' | 'received_at'>[], months: string[]): MonthlyCounts {
  const counts = Object.fromEntries(COMPLAINT_KINDS.map((k) => [k, months.map(() => 0)])) as MonthlyCounts
  for (const c of complaints) {
    const i = months.indexOf(c.received_at.slice(0, 7))
    if (i >= 0) counts[c.kind][i] += 1
  }
  return counts
}

const KIND_COLOURS: Record<ComplaintKind, [string, string]> = {
  complaint: ['--el-color-danger', '#f56c6c'],
  suggestion: ['--el-color-primary', '#409eff'],
  praise: ['--el-color-success', '#67c23a'],
}

/** Stacked bars, one stack per month, a series per kind in its tag's colour. */
export function kindsChartOption(months: string[], counts: MonthlyCounts, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 36, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', minInterval: 1 },
    series: COMPLAINT_KINDS.map((kind) => ({
      type: 'bar' as const,
      name: t(`complaints.kinds.${kind}`),
      stack: 'kinds',
      data: counts[kind],
      itemStyle: { color: tokenColor(...KIND_COLOURS[kind]) },
    })),
  }
}
