import { describe, expect, it } from 'vitest'
import type { Improvement, QualityAction } from '@/api/quality'
import { actionCounts, boardColumns, nextMove, parseIds } from '@/views/quality/improvements/board'

function cycle(id: number, phase: Improvement['phase'], updated_at: string, allowed: Improvement['allowed_moves'] = []): Improvement {
  return { id, phase, updated_at, allowed_moves: allowed } as Improvement
}

describe('boardColumns', () => {
  it('puts each cycle in its phase, newest change first', () => {
    const columns = boardColumns([
      cycle(1, 'plan', '2026-11-01T09:00:00+08:00'),
      cycle(2, 'do', '2026-11-02T09:00:00+08:00'),
      cycle(3, 'plan', '2026-11-03T09:00:00+08:00'),
      cycle(4, 'closed', '2026-10-01T09:00:00+08:00'),
    ])
    expect(Object.keys(columns)).toEqual(['plan', 'do', 'check', 'act', 'closed'])
    expect(columns.plan.map((c) => c.id)).toEqual([3, 1])
    expect(columns.do.map((c) => c.id)).toEqual([2])
    expect(columns.check).toEqual([])
    expect(columns.closed.map((c) => c.id)).toEqual([4])
  })
})

describe('nextMove', () => {
  it('offers the next phase only when the server allows it', () => {
    expect(nextMove({ phase: 'plan', allowed_moves: ['do'] })).toBe('do')
    expect(nextMove({ phase: 'plan', allowed_moves: [] })).toBeNull()
    expect(nextMove({ phase: 'act', allowed_moves: ['closed'] })).toBe('closed')
    expect(nextMove({ phase: 'closed', allowed_moves: [] })).toBeNull()
    // Never a skip, whatever the list says.
    expect(nextMove({ phase: 'plan', allowed_moves: ['check'] })).toBeNull()
  })
})

describe('actionCounts', () => {
  it('counts open, overdue and done', () => {
    const actions = [
      { done: false, overdue: true },
      { done: false, overdue: false },
      { done: true, overdue: false },
    ] as QualityAction[]
    expect(actionCounts(actions)).toEqual({ open: 2, overdue: 1, done: 1 })
  })
})

describe('parseIds', () => {
  it('reads positive numbers once, whatever separates them', () => {
    expect(parseIds('12, 15 ，x 3 12')).toEqual([12, 15, 3])
    expect(parseIds('')).toEqual([])
    expect(parseIds('0, -4')).toEqual([])
  })
})
