// The background jobs page: its filter as the query of GET /api/v1/jobs, a status from a link, job
// kinds in words, the counts as a chart, and the page itself against a fake server (cards, rows, a
// status filter, a job's runs).
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { getJob, getJobList, type Job, type JobDetail, type JobSummary } from '@/api/jobs'
import type { ListParams } from '@/composables/usePagedList'
import { i18n, setLocale } from '@/locales'
import JobList from '@/views/jobs/list/index.vue'
import {
  emptyJobFilters,
  formatSeconds,
  jobKindLabel,
  jobSummaryChart,
  statusFromRoute,
  SUMMARY_KEYS,
  toJobQuery,
  type JobFilters,
} from '@/views/jobs/list/jobQuery'
import { mockFetch, type RecordedRequest, type Reply } from './fetchMock'

function params(filters: Partial<JobFilters> = {}, page = 1, pageSize = 20): ListParams<JobFilters> {
  return { page, page_size: pageSize, sort: '', filters: { ...emptyJobFilters(), ...filters } }
}

describe('toJobQuery', () => {
  it('asks for every job without a status', () => {
    expect(toJobQuery(params())).toEqual({ page: 1, page_size: 20 })
  })

  it('passes the status and the page', () => {
    expect(toJobQuery(params({ status: 'failed' }, 3, 50))).toEqual({ page: 3, page_size: 50, status: 'failed' })
  })

  it('sends the query the server reads', async () => {
    const { requests } = mockFetch([
      { body: { items: [], total: 0, page: 2, page_size: 10, summary: {} } },
      { body: { id: 7, runs: [] } },
    ])
    await getJobList(toJobQuery(params({ status: 'running' }, 2, 10)))
    await getJob(7)
    const url = new URL(requests[0].url, 'http://x')
    expect(url.pathname).toBe('/api/v1/jobs')
    expect(Object.fromEntries(url.searchParams)).toEqual({ page: '2', page_size: '10', status: 'running' })
    expect(requests[1].url).toBe('/api/v1/jobs/7')
  })
})

describe('statusFromRoute', () => {
  it('takes the four statuses and "due", and nothing else', () => {
    for (const s of ['pending', 'due', 'running', 'done', 'failed']) expect(statusFromRoute(s)).toBe(s)
    expect(statusFromRoute(['failed', 'done'])).toBe('failed')
    expect(statusFromRoute('overdue')).toBe('')
    expect(statusFromRoute(undefined)).toBe('')
    expect(statusFromRoute(null)).toBe('')
  })
})

describe('job words and chart', () => {
  const { t, te } = i18n.global

  it('names the kinds it knows, in either language, and shows the rest as they are', () => {
    setLocale('zh-CN')
    expect(jobKindLabel('cases.scan_deadlines', t, te)).toBe('扫描个案时限')
    expect(jobKindLabel('jobs.cleanup', t, te)).toBe('清理已完成任务')
    expect(jobKindLabel('reports.monthly', t, te)).toBe('reports.monthly')
    expect(jobKindLabel('cases', t, te)).toBe('cases')
    expect(jobKindLabel('weird kind!', t, te)).toBe('weird kind!')
    setLocale('en')
    expect(jobKindLabel('cases.scan_followups', t, te)).toBe('Scan follow-ups due')
    setLocale('zh-CN')
  })

  it('shows times to the second', () => {
    expect(formatSeconds('2026-12-03T17:05:28+08:00')).toBe('2026-12-03 17:05:28')
    expect(formatSeconds(null)).toBe('')
  })

  it('draws the counts by status, failed in the danger colour', () => {
    setLocale('zh-CN')
    const summary: JobSummary = { pending: 4, due: 1, running: 2, done: 30, failed: 1, oldest_due: null }
    const option = jobSummaryChart(summary, t)
    const axis = option.xAxis as { data: string[] }
    expect(axis.data).toEqual(['待运行', '已到期', '运行中', '已完成', '失败'])
    const series = (option.series as { data: { value: number; itemStyle: { color: string } }[] }[])[0]
    expect(series.data.map((d) => d.value)).toEqual(SUMMARY_KEYS.map((k) => summary[k]))
    expect(series.data[4].itemStyle.color).toBe('#f56c6c')
  })
})

function job(id: number, kind: string, status: Job['status']): Job {
  return {
    id,
    kind,
    dedupe_key: `${kind}@1796288700000`,
    payload: { slot_start: 1796288700000, slot_end: 1796289000000 },
    status,
    run_at: '2026-12-03T17:05:00+08:00',
    attempts: status === 'failed' ? 5 : 1,
    max_attempts: 5,
    lease_owner: '',
    lease_until: null,
    created_at: '2026-12-03T17:05:00+08:00',
    finished_at: '2026-12-03T17:05:01+08:00',
    last_error: status === 'failed' ? 'store.unavailable' : '',
  }
}

describe('the jobs page', () => {
  it('shows the counts, the jobs, filters by status and opens a job\'s runs', async () => {
    setLocale('zh-CN')
    const summary: JobSummary = { pending: 1, due: 0, running: 0, done: 2, failed: 1, oldest_due: null }
    const all = [job(4, 'jobs.cleanup', 'done'), job(3, 'cases.scan_followups', 'failed'), job(1, 'cases.scan_deadlines', 'done')]
    const detail: JobDetail = {
      ...all[1],
      runs: [
        { id: 1, node: 'vm:4736:c2f8', attempt: 1, started_at: '2026-12-03T17:05:00+08:00', finished_at: '2026-12-03T17:05:01+08:00', outcome: 'retry', error: 'store.busy' },
        { id: 2, node: 'vm:4811:a0b1', attempt: 2, started_at: '2026-12-03T17:05:11+08:00', finished_at: '2026-12-03T17:05:12+08:00', outcome: 'failed', error: 'store.unavailable' },
      ],
    }
    const { requests } = mockFetch((r: RecordedRequest): Reply => {
      const url = new URL(r.url, 'http://x')
      if (url.pathname === '/api/v1/jobs/3') return { body: detail }
      const status = url.searchParams.get('status')
      const items = status ? all.filter((j) => j.status === status) : all
      return { body: { items, total: items.length, page: 1, page_size: 20, summary } }
    })
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/admin/jobs', name: 'jobs', component: JobList }],
    })
    await router.push('/admin/jobs')
    const wrapper = mount(JobList, {
      global: { plugins: [i18n, ElementPlus, router, createPinia()], stubs: { ChartCard: true } },
      attachTo: document.body,
    })
    await flushPromises()

    expect(wrapper.find('[data-test="job-stat-done"]').text()).toContain('2')
    expect(wrapper.find('[data-test="job-stat-failed"]').text()).toContain('失败')
    // The due card lists the due jobs, not every pending one.
    expect(wrapper.find('[data-test="job-stat-due"]').html()).toContain('status=due')
    const rows = () => wrapper.findAll('[data-test="jobs-table"] .el-table__body-wrapper .el-table__row')
    expect(rows()).toHaveLength(3)
    expect(rows()[1].text()).toContain('扫描到期回访')
    expect(rows()[1].find('[data-test="job-status"]').text()).toBe('失败')

    // A card's link sets the filter: only the failed job.
    await router.push({ name: 'jobs', query: { status: 'failed' } })
    await flushPromises()
    const last = new URL(requests.at(-1)?.url ?? '', 'http://x')
    expect(last.searchParams.get('status')).toBe('failed')
    expect(rows()).toHaveLength(1)

    // Its runs: node, attempt, outcome and error.
    await rows()[0].find('[data-test="job-detail-open"]').trigger('click')
    await flushPromises()
    const runs = document.querySelector('[data-test="job-runs"]')
    expect(runs?.textContent).toContain('vm:4811:a0b1')
    expect(runs?.textContent).toContain('将重试')
    expect(runs?.textContent).toContain('store.unavailable')
    wrapper.unmount()
  })
})
