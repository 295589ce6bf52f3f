// The cases list's query building: filters → GET /api/v1/cases parameters (empty ones left out,
// "mine" as the user's id, the date range as two local dates), the sorts the server takes, and the
// filters a link from the home page carries.
import { describe, expect, it } from 'vitest'
import { getCaseList, getCaseStats } from '@/api/cases'
import type { ListParams } from '@/composables/usePagedList'
import { caseSort, DEFAULT_CASE_SORT, emptyCaseFilters, filtersFromRoute, toCaseQuery, type CaseFilters } from '@/views/cases/list/caseQuery'
import { mockFetch } from './fetchMock'

function params(filters: Partial<CaseFilters>, sort = ''): ListParams<CaseFilters> {
  return { page: 2, page_size: 50, sort, filters: { ...emptyCaseFilters(), ...filters } }
}

describe('toCaseQuery', () => {
  it('leaves out empty filters and uses the default sort', () => {
    expect(toCaseQuery(params({}), 5)).toEqual({ page: 2, page_size: 50, sort: DEFAULT_CASE_SORT })
  })

  it('maps every filter', () => {
    const query = toCaseQuery(
      params(
        {
          q: '  张  ',
          stage: 'open',
          risk: 'high',
          worker: 'mine',
          category: 'elderly',
          overdue: true,
          opened: ['2026-01-01', '2026-03-31'],
          org_id: 4,
        },
        '-due_at',
      ),
      5,
    )
    expect(query).toEqual({
      page: 2,
      page_size: 50,
      sort: '-due_at',
      q: '张',
      stage: 'open',
      risk: 'high',
      worker_id: 5,
      category: 'elderly',
      overdue: true,
      opened_from: '2026-01-01',
      opened_to: '2026-03-31',
      org_id: 4,
    })
  })

  it('asks for everyone\'s cases when the user is unknown', () => {
    expect(toCaseQuery(params({ worker: 'mine' }), null).worker_id).toBeUndefined()
  })

  it('sends the query the server reads', async () => {
    const { requests } = mockFetch([{ body: { items: [], total: 0, page: 1, page_size: 20 } }])
    await getCaseList(toCaseQuery(params({ stage: 'intake', overdue: true, opened: ['2026-02-01', '2026-02-28'] }, 'client_name'), 5))
    const url = new URL(requests[0].url, 'http://x')
    expect(url.pathname).toBe('/api/v1/cases')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      page: '2',
      page_size: '50',
      sort: 'client_name',
      stage: 'intake',
      overdue: 'true',
      opened_from: '2026-02-01',
      opened_to: '2026-02-28',
    })
  })
})

describe('caseSort', () => {
  it('keeps the five sorts either way and falls back otherwise', () => {
    for (const s of ['opened_at', '-due_at', 'updated_at', '-client_name', 'risk']) expect(caseSort(s)).toBe(s)
    expect(caseSort('')).toBe(DEFAULT_CASE_SORT)
    expect(caseSort('-stage')).toBe(DEFAULT_CASE_SORT)
    expect(caseSort('primary_worker')).toBe(DEFAULT_CASE_SORT)
  })
})

describe('filtersFromRoute', () => {
  it('takes stage, risk, overdue, worker and q from a link', () => {
    const base = emptyCaseFilters(4, 'all')
    expect(filtersFromRoute({ stage: 'open', overdue: 'true', worker: 'mine', risk: 'critical', q: '李' }, base)).toEqual({
      ...base,
      stage: 'open',
      overdue: true,
      worker: 'mine',
      risk: 'critical',
      q: '李',
    })
  })

  it('ignores what it does not know', () => {
    const base = emptyCaseFilters(null, 'mine')
    expect(filtersFromRoute({ stage: 'archived', risk: ['extreme'], overdue: 'no', worker: 'team', page: '3' }, base)).toEqual(base)
    expect(filtersFromRoute({ stage: ['planning', 'closed'] }, base).stage).toBe('planning')
  })
})

describe('getCaseStats', () => {
  it('asks for one organisation, or for everything in scope', async () => {
    const stats = { by_stage: {}, by_risk: {}, overdue: 0, by_worker: [], per_month: [] }
    const { requests } = mockFetch([{ body: stats }, { body: stats }])
    await getCaseStats(2)
    await getCaseStats(null)
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/cases/stats?org_id=2', '/api/v1/cases/stats'])
  })
})
