// The home page's casework charts: the stats endpoint's numbers → ECharts options.
import { describe, expect, it } from 'vitest'
import type { CaseStats } from '@/api/cases'
import { i18n } from '@/locales'
import { MAX_WORKERS, monthChart, openCount, riskChart, stageChart, workerChart, workerChartHeight } from '@/views/home/dashboard/caseCharts'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

interface Series {
  name?: string
  stack?: string
  data: (number | { value: number; itemStyle: { color: string } })[]
  itemStyle?: { color: string }
}

function seriesOf(option: ReturnType<typeof stageChart>): Series[] {
  return option.series as Series[]
}

function categories(option: ReturnType<typeof stageChart>, axis: 'xAxis' | 'yAxis'): string[] {
  return (option[axis] as { data: string[] }).data
}

const STATS: CaseStats = {
  by_stage: { intake: 20, assessment: 18, planning: 15, intervention: 40, evaluation: 12, closed: 45 },
  by_risk: { low: 50, medium: 35, high: 15, critical: 5 },
  overdue: 9,
  by_worker: [
    { worker: { id: 5, name: '王芳' }, open: 60, overdue: 6 },
    { worker: { id: 6, name: '李强' }, open: 45, overdue: 3 },
  ],
  per_month: [
    { month: '2025-12', opened: 8, closed: 3 },
    { month: '2026-01', opened: 11, closed: 7 },
  ],
}

describe('case charts', () => {
  it('draws cases per stage in the stages\' order, missing stages as 0', () => {
    const option = stageChart({ intake: 3, closed: 1 }, t)
    expect(categories(option, 'xAxis')).toEqual(['接案', '预估', '计划', '介入', '评估', '结案'])
    expect(seriesOf(option)[0].data).toEqual([3, 0, 0, 0, 0, 1])
  })

  it('draws each risk level in its own colour', () => {
    const option = riskChart(STATS.by_risk, t)
    expect(categories(option, 'xAxis')).toEqual(['低', '中', '高', '极高'])
    const data = seriesOf(option)[0].data as { value: number; itemStyle: { color: string } }[]
    expect(data.map((d) => d.value)).toEqual([50, 35, 15, 5])
    expect(new Set(data.map((d) => d.itemStyle.color)).size).toBe(4)
  })

  it('splits each worker\'s open cases into on time and overdue, stacked, overdue in the danger colour', () => {
    const option = workerChart(STATS.by_worker, t)
    expect(categories(option, 'yAxis')).toEqual(['王芳', '李强'])
    const [onTime, overdue] = seriesOf(option)
    expect(onTime).toMatchObject({ name: '未逾期', stack: 'open', data: [54, 42] })
    expect(overdue).toMatchObject({ name: '逾期', stack: 'open', data: [6, 3] })
    expect(overdue.itemStyle?.color).toBe('#f56c6c')
  })

  it('shows at most the busiest workers and grows with them', () => {
    const many = Array.from({ length: 40 }, (_, i) => ({ worker: { id: i, name: `社工${i}` }, open: 40 - i, overdue: 0 }))
    expect(categories(workerChart(many, t), 'yAxis')).toHaveLength(MAX_WORKERS)
    expect(workerChartHeight(0)).toBe('200px')
    expect(workerChartHeight(10)).toBe('380px')
    expect(workerChartHeight(40)).toBe(workerChartHeight(MAX_WORKERS))
  })

  it('draws opened and closed per month', () => {
    const option = monthChart(STATS.per_month, t)
    expect(categories(option, 'xAxis')).toEqual(['2025-12', '2026-01'])
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['开案', [8, 11]],
      ['结案', [3, 7]],
    ])
  })

  it('counts open cases over every stage but closed', () => {
    expect(openCount(STATS.by_stage)).toBe(105)
    expect(openCount({})).toBe(0)
  })
})
