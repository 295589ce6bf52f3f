// The results tab's charts: the distribution of total scores (bars over the whole possible range
// when it is short enough), each scored item's mean (horizontal bars in questionnaire order), and
// answers per month with the month's mean total (bars and a line on a second axis). Plain
// functions of the results and a translator, tested without a canvas.
import type { ResultItem, SurveyResults } from '@/api/surveys'
import { tokenColor, type ChartOption } from '@/composables/useChart'
import { localized } from './answers'
import type { Translate } from './surveys'

/** Up to this many totals, the distribution shows every possible total (zeros included). */
export const FULL_RANGE_MAX = 60

/** The bars of the distribution: every total from min to max possible when the range is short,
 *  otherwise the totals that occur. */
export function distributionBars(total: SurveyResults['total']): { totals: number[]; counts: number[] } {
  const counts = new Map(total.distribution.map((d) => [d.total, d.count]))
  const span = total.max_possible - total.min_possible
  if (Number.isInteger(total.min_possible) && Number.isInteger(total.max_possible) && span >= 0 && span <= FULL_RANGE_MAX) {
    const totals = Array.from({ length: span + 1 }, (_, i) => total.min_possible + i)
    for (const d of total.distribution) if (!totals.includes(d.total)) totals.push(d.total)
    totals.sort((a, b) => a - b)
    return { totals, counts: totals.map((x) => counts.get(x) ?? 0) }
  }
  const totals = total.distribution.map((d) => d.total)
  return { totals, counts: total.distribution.map((d) => d.count) }
}

export function distributionOption(results: SurveyResults, t: Translate): ChartOption | null {
  if (results.total.distribution.length === 0) return null
  const { totals, counts } = distributionBars(results.total)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 40, right: 16, top: 24, bottom: 28 },
    xAxis: { type: 'category', data: totals.map(String), name: t('surveys.results.scoreAxis') },
    yAxis: { type: 'value', minInterval: 1, name: t('surveys.results.countAxis') },
    series: [
      {
        type: 'bar',
        name: t('surveys.results.monthResponses'),
        data: counts,
        itemStyle: { color: tokenColor('--el-color-primary', '#409eff') },
      },
    ],
  }
}

/** The short label of an item on an axis: its number among the results and its text, cut. */
export function itemLabel(item: ResultItem, index: number, locale: string, max = 14): string {
  const text = localized(locale, item.text_zh, item.text_en)
  const short = text.length > max ? `${text.slice(0, max)}…` : text
  return `${index + 1}. ${short}`
}

/** The items with a mean, each with its label (numbered in the results' order). */
export function itemMeans(results: SurveyResults, locale: string): { label: string; mean: number }[] {
  const questions = results.items.filter((i) => i.type !== 'section')
  return questions
    .map((item, i) => ({ item, i }))
    .filter(({ item }) => item.mean !== null && Number.isFinite(item.mean))
    .map(({ item, i }) => ({ label: itemLabel(item, i, locale), mean: Math.round((item.mean as number) * 100) / 100 }))
}

export function itemMeansOption(results: SurveyResults, locale: string, t: Translate): ChartOption | null {
  const rows = itemMeans(results, locale)
  if (rows.length === 0) return null
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 32, top: 8, bottom: 24, containLabel: true },
    xAxis: { type: 'value', name: t('surveys.results.scoreAxis') },
    yAxis: { type: 'category', data: rows.map((r) => r.label), inverse: true },
    series: [
      {
        type: 'bar',
        name: t('surveys.results.itemMeans'),
        data: rows.map((r) => r.mean),
        label: { show: true, position: 'right' },
        itemStyle: { color: tokenColor('--el-color-success', '#67c23a') },
      },
    ],
  }
}

export function byMonthOption(results: SurveyResults, t: Translate): ChartOption | null {
  if (results.by_month.length === 0) return null
  const months = results.by_month.map((m) => m.month)
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 40, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', minInterval: 1, name: t('surveys.results.countAxis') },
      { type: 'value', name: t('surveys.results.scoreAxis'), splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: t('surveys.results.monthResponses'),
        data: results.by_month.map((m) => m.responses),
        itemStyle: { color: tokenColor('--el-color-primary', '#409eff') },
      },
      {
        type: 'line',
        name: t('surveys.results.monthMean'),
        yAxisIndex: 1,
        connectNulls: true,
        data: results.by_month.map((m) => (m.mean === null ? null : Math.round(m.mean * 100) / 100)),
        itemStyle: { color: tokenColor('--el-color-warning', '#e6a23c') },
      },
    ],
  }
}
