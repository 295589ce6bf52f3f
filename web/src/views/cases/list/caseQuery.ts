// The cases list's filters and how they become the query of GET /api/v1/cases; also the filters a
// link may carry (/cases?stage=open&overdue=true from the home page).
import { RISK_LEVELS, STAGES, type CaseListQuery, type CaseSort, type RiskLevel, type Stage } from '@/api/cases'
import type { ListParams } from '@/composables/usePagedList'

export interface CaseFilters {
  q: string
  stage: Stage | 'open' | ''
  risk: RiskLevel | ''
  /** Only the cases whose primary worker the user is ("mine"), or a worker's by user id ("17"). */
  worker: 'mine' | 'all' | `${number}`
  category: string
  overdue: boolean
  /** Opened between these local dates (YYYY-MM-DD), both inclusive; null for any time. */
  opened: [string, string] | null
  org_id: number | null
}

export const DEFAULT_CASE_SORT: CaseSort = '-opened_at'

const SORTS = new Set<string>(['opened_at', 'due_at', 'updated_at', 'client_name', 'risk'])

export function emptyCaseFilters(orgId: number | null = null, worker: CaseFilters['worker'] = 'all'): CaseFilters {
  return { q: '', stage: '', risk: '', worker, category: '', overdue: false, opened: null, org_id: orgId }
}

/** A sort the server takes ("-due_at"), or the default for anything else. */
export function caseSort(sort: string): CaseSort {
  const field = sort.startsWith('-') ? sort.slice(1) : sort
  return (SORTS.has(field) ? sort : DEFAULT_CASE_SORT) as CaseSort
}

/** The list query for these filters; `meId` is the signed-in user (for "mine"). Empty filters are left out. */
export function toCaseQuery(p: ListParams<CaseFilters>, meId: number | null): CaseListQuery {
  const f = p.filters
  const query: CaseListQuery = { page: p.page, page_size: p.page_size, sort: caseSort(p.sort) }
  const q = f.q.trim()
  if (q) query.q = q
  if (f.stage) query.stage = f.stage
  if (f.risk) query.risk = f.risk
  if (f.worker === 'mine' && meId !== null) query.worker_id = meId
  else if (/^\d+$/.test(f.worker)) query.worker_id = Number(f.worker)
  if (f.category) query.category = f.category
  if (f.overdue) query.overdue = true
  if (f.opened) {
    query.opened_from = f.opened[0]
    query.opened_to = f.opened[1]
  }
  if (f.org_id !== null) query.org_id = f.org_id
  return query
}

function first(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value
  return typeof v === 'string' ? v : ''
}

/** Filters named in a route's query (stage, risk, overdue, worker=mine, q), over `base`; unknown values are ignored. */
export function filtersFromRoute(query: Record<string, unknown>, base: CaseFilters): CaseFilters {
  const out = { ...base }
  const stage = first(query.stage)
  if (stage === 'open' || (STAGES as readonly string[]).includes(stage)) out.stage = stage as CaseFilters['stage']
  const risk = first(query.risk)
  if ((RISK_LEVELS as readonly string[]).includes(risk)) out.risk = risk as RiskLevel
  const overdue = first(query.overdue)
  if (overdue === 'true' || overdue === '1') out.overdue = true
  const worker = first(query.worker)
  if (worker === 'mine' || worker === 'all' || /^\d+$/.test(worker)) out.worker = worker as CaseFilters['worker']
  const q = first(query.q)
  if (q) out.q = q
  return out
}
