// The background jobs page's pure parts: its filter as the query of GET /api/v1/jobs, a status
// from a link (/admin/jobs?status=failed), a job kind and times in words, and the counts by status
// as an ECharts bar chart (failed in the danger colour, due in the warning colour).
import { JOB_FILTERS, type JobFilter, type JobListQuery, type JobSummary } from '@/api/jobs'
import type { ListParams } from '@/composables/usePagedList'
import { tokenColor, type ChartOption } from '@/composables/useChart'

export type Translate = (key: string, values?: Record<string, unknown>) => string
export type HasKey = (key: string) => boolean

export interface JobFilters {
  status: JobFilter | ''
}

export function emptyJobFilters(): JobFilters {
  return { status: '' }
}

/** The list query for these filters; no status asks for every job. */
export function toJobQuery(p: ListParams<JobFilters>): JobListQuery {
  const query: JobListQuery = { page: p.page, page_size: p.page_size }
  if (p.filters.status) query.status = p.filters.status
  return query
}

/** A status (or "due") named in a route's query, or '' for none or an unknown one. */
export function statusFromRoute(value: unknown): JobFilters['status'] {
  const text = Array.isArray(value) ? value[0] : value
  return typeof text === 'string' && (JOB_FILTERS as readonly string[]).includes(text) ? (text as JobFilter) : ''
}

/** A job kind in words ("cases.scan_deadlines" → 扫描个案时限), or the kind itself when it has none. */
export function jobKindLabel(kind: string, t: Translate, te: HasKey): string {
  const key = `jobs.kinds.${kind}`
  return /^[a-z0-9_]+(\.[a-z0-9_]+)*$/.test(kind) && te(key) ? t(key) : kind
}

/** "2026-12-03 17:05:28" of a local ISO time; '' for null. Jobs run seconds apart, so seconds show. */
export function formatSeconds(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : ''
}

/** The bars of the chart, in this order; pending counts the due ones too (as the server does). */
export const SUMMARY_KEYS = ['pending', 'due', 'running', 'done', 'failed'] as const
export type SummaryKey = (typeof SUMMARY_KEYS)[number]

function summaryColors(): Record<SummaryKey, string> {
  return {
    pending: tokenColor('--el-color-info', '#909399'),
    due: tokenColor('--el-color-warning', '#e6a23c'),
    running: tokenColor('--el-color-primary', '#409eff'),
    done: tokenColor('--el-color-success', '#67c23a'),
    failed: tokenColor('--el-color-danger', '#f56c6c'),
  }
}

/** The queue's counts as bars, each status in its colour. */
export function jobSummaryChart(summary: JobSummary, t: Translate): ChartOption {
  const colors = summaryColors()
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: SUMMARY_KEYS.map((k) => t(`jobs.summary.${k}`)), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: t('jobs.chartCount'),
        barMaxWidth: 40,
        label: { show: true, position: 'top' },
        data: SUMMARY_KEYS.map((k) => ({ value: summary[k], itemStyle: { color: colors[k] } })),
      },
    ],
  }
}
