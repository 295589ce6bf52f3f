// The home page's casework charts: case counts (GET /api/v1/cases/stats, or a worker's own counts)
// as ECharts options. Plain functions of the numbers and a translator, so they are tested without a
// browser; overdue is always drawn in the danger colour, risk levels from calm to alarming.
import { RISK_LEVELS, STAGES, type CaseStats, type RiskLevel, type Stage } from '@/api/cases'
import { tokenColor, type ChartOption } from '@/composables/useChart'

export type Translate = (key: string, values?: Record<string, unknown>) => string

function riskColors(): Record<RiskLevel, string> {
  return {
    low: tokenColor('--el-color-success', '#67c23a'),
    medium: tokenColor('--el-color-warning', '#e6a23c'),
    high: tokenColor('--el-color-danger', '#f56c6c'),
    critical: tokenColor('--el-color-danger-dark-2', '#c45656'),
  }
}

const GRID = { left: 8, right: 16, top: 32, bottom: 8, containLabel: true }

/** Cases per stage as bars, in the stages' order. */
export function stageChart(byStage: Partial<Record<Stage, number>>, t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { ...GRID, top: 16 },
    xAxis: { type: 'category', data: STAGES.map((s) => t(`caseTerms.stage.${s}`)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('casework.home.cases'),
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: STAGES.map((s) => byStage[s] ?? 0),
      },
    ],
  }
}

/** Open cases per risk level as bars, each level in its colour. */
export function riskChart(byRisk: Partial<Record<RiskLevel, number>>, t: Translate): ChartOption {
  const colors = riskColors()
  return {
    tooltip: { trigger: 'axis' },
    grid: { ...GRID, top: 16 },
    xAxis: { type: 'category', data: RISK_LEVELS.map((r) => t(`caseTerms.risk.${r}`)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('casework.home.openCases'),
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
        data: RISK_LEVELS.map((r) => ({ value: byRisk[r] ?? 0, itemStyle: { color: colors[r] } })),
      },
    ],
  }
}

/** How many workers the caseload chart shows; the stats list the busiest first. */
export const MAX_WORKERS = 15

/** Each worker's open cases, split into on time and overdue, as stacked horizontal bars. */
export function workerChart(byWorker: CaseStats['by_worker'], t: Translate): ChartOption {
  const rows = byWorker.slice(0, MAX_WORKERS)
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: rows.map((w) => w.worker.name) },
    series: [
      {
        type: 'bar',
        name: t('casework.home.onTime'),
        stack: 'open',
        barMaxWidth: 24,
        itemStyle: { color: tokenColor('--el-color-primary', '#409eff') },
        data: rows.map((w) => Math.max(0, w.open - w.overdue)),
      },
      {
        type: 'bar',
        name: t('casework.home.overdue'),
        stack: 'open',
        barMaxWidth: 24,
        itemStyle: { color: tokenColor('--el-color-danger', '#f56c6c') },
        data: rows.map((w) => w.overdue),
      },
    ],
  }
}

/** A height for the caseload chart that gives each worker a readable bar. */
export function workerChartHeight(workers: number): string {
  return `${Math.max(200, 60 + 32 * Math.min(workers, MAX_WORKERS))}px`
}

/** Cases opened and closed in each of the last 12 months, as grouped bars. */
export function monthChart(perMonth: CaseStats['per_month'], t: Translate): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: GRID,
    xAxis: { type: 'category', data: perMonth.map((m) => m.month) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('casework.home.opened'),
        barMaxWidth: 20,
        itemStyle: { color: tokenColor('--el-color-primary', '#409eff') },
        data: perMonth.map((m) => m.opened),
      },
      {
        type: 'bar',
        name: t('casework.home.closed'),
        barMaxWidth: 20,
        itemStyle: { color: tokenColor('--el-color-success', '#67c23a') },
        data: perMonth.map((m) => m.closed),
      },
    ],
  }
}

/** Open cases (every stage but closed). */
export function openCount(byStage: Partial<Record<Stage, number>>): number {
  return STAGES.filter((s) => s !== 'closed').reduce((sum, s) => sum + (byStage[s] ?? 0), 0)
}
