// List filters live in the URL query: what differs from the defaults is written, and read back
// typed after the defaults (text, numbers, flags, date ranges), with the page and sort.
import { describe, expect, it } from 'vitest'
import { decodeFilter, encodeFilter, stateFromQuery } from '@/composables/usePagedList'
import { isLongPast, splitWorklist } from '@/views/home/dashboard/worklist'
import type { WorkItem } from '@/api/cases'

describe('list filters in the URL', () => {
  it('writes only what differs from the defaults', () => {
    expect(encodeFilter('', '')).toBeUndefined()
    expect(encodeFilter('open', '')).toBe('open')
    expect(encodeFilter(true, false)).toBe('true')
    expect(encodeFilter(false, false)).toBeUndefined()
    expect(encodeFilter(null, 4)).toBe('')
    expect(encodeFilter(7, null)).toBe('7')
    expect(encodeFilter(['2026-01-01', '2026-01-31'], null)).toBe('2026-01-01,2026-01-31')
  })

  it('reads values typed after the defaults', () => {
    expect(decodeFilter('open', '')).toBe('open')
    expect(decodeFilter('true', false)).toBe(true)
    expect(decodeFilter('7', null)).toBe(7)
    expect(decodeFilter('', 4)).toBeNull()
    expect(decodeFilter('12', 4)).toBe(12)
    expect(decodeFilter('2026-01-01,2026-01-31', null)).toEqual(['2026-01-01', '2026-01-31'])
  })

  it('reads filters, page and sort from a query, ignoring other keys', () => {
    const state = stateFromQuery(
      { stage: 'open', worker: '17', overdue: 'true', page: '3', sort: '-due_at', other: 'x' },
      { q: '', stage: '', worker: 'all', overdue: false, org_id: null as number | null },
    )
    expect(state.filters).toEqual({ q: '', stage: 'open', worker: '17', overdue: true, org_id: null })
    expect(state.page).toBe(3)
    expect(state.sort).toBe('-due_at')
    expect(stateFromQuery({ page: 'x' }, { q: '' }).page).toBeUndefined()
  })
})

function item(kind: WorkItem['kind'], overdue: boolean, days: number): WorkItem {
  return {
    kind,
    case_id: 1,
    client_name: '欧阳春花',
    stage: 'closed',
    risk: 'low',
    due_at: null,
    since: '2026-12-01T00:00:00+08:00',
    overdue,
    days_overdue: days,
    approval_id: null,
    approval_to: null,
    approval_kind: null,
    followup_id: 1,
    risk_review_id: null,
  } as WorkItem
}

describe('the worklist on the home page', () => {
  const items = [item('deadline', false, 0), item('followup', true, 30), item('followup', true, 2), item('approval', true, 9)]

  it('sets follow-ups more than a week past apart', () => {
    expect(isLongPast(items[1])).toBe(true)
    expect(isLongPast(items[2])).toBe(false)
    expect(isLongPast(items[3])).toBe(false) // only follow-ups
    const { current, longPast } = splitWorklist(items, { kind: '', overdueOnly: false })
    expect(current).toEqual([items[0], items[2], items[3]])
    expect(longPast).toEqual([items[1]])
  })

  it('filters by kind and by overdue', () => {
    expect(splitWorklist(items, { kind: 'followup', overdueOnly: false }).current).toEqual([items[2]])
    expect(splitWorklist(items, { kind: '', overdueOnly: true }).current).toEqual([items[2], items[3]])
    expect(splitWorklist(items, { kind: 'deadline', overdueOnly: true }).current).toEqual([])
  })
})
