// The printed case file's additions: the steps back taken from the timeline, and the evaluation's
// scale results before and after.
import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '@/api/cases'
import { scaleResults, signed, stepsBack } from '@/views/cases/print/caseFile'

function event(id: number, kind: string, data: Record<string, unknown>): TimelineEvent {
  return { id, kind, data, at: `2026-11-0${id}T10:00:00+08:00`, actor: { id: 5, name: '王芳' } } as TimelineEvent
}

describe('the case file', () => {
  it('lists the steps back with their reasons', () => {
    const events = [
      event(1, 'moved', { from: 'intervention', to: 'evaluation' }),
      event(2, 'stepped_back', { from: 'evaluation', to: 'intervention', reason: '发现新的家庭冲突' }),
      event(3, 'reopened', { reason: '再次失业' }),
    ]
    expect(stepsBack(events)).toEqual([
      { at: '2026-11-02T10:00:00+08:00', from: 'evaluation', to: 'intervention', reason: '发现新的家庭冲突', by: '王芳' },
    ])
  })

  it('reads the scale results, naming each scale and working out a missing change', () => {
    expect(
      scaleResults({
        scale_results: [
          { scale: 'phq9', name: 'PHQ-9 抑郁筛查', pre: 15, post: 8, change: -7 },
          { scale: 'ucla', pre: 40, post: 45.5 },
          { scale: 'k6', pre: null, post: 10 },
          'x',
        ],
      }),
    ).toEqual([
      { scale: 'PHQ-9 抑郁筛查', pre: 15, post: 8, change: -7 },
      { scale: 'ucla', pre: 40, post: 45.5, change: 5.5 },
      { scale: 'k6', pre: null, post: 10, change: null },
    ])
    // Issue 13: a scale without a typed name takes its label in the chosen language.
    expect(scaleResults({ scale_results: [{ scale: 'ucla', pre: 40 }] }, { ucla: 'UCLA Loneliness Scale' })).toEqual([
      { scale: 'UCLA Loneliness Scale', pre: 40, post: null, change: null },
    ])
    expect(scaleResults({})).toEqual([])
    expect(scaleResults(undefined)).toEqual([])
  })

  it('signs a change', () => {
    expect([signed(3), signed(-2.5), signed(0), signed(null)]).toEqual(['+3', '−2.5', '0', '—'])
  })
})
