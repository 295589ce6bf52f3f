// The case page's rules: the GAS T-score preview against hand-computed values, the stage flow the
// page offers, who may approve, and timeline entries in words.
import { describe, expect, it } from 'vitest'
import type { Case, TimelineEvent } from '@/api/cases'
import { i18n, setLocale } from '@/locales'
import { canAssign, canDecide, canWork, holdsRoleOn, orgAndAncestors } from '@/views/cases/detail/caseAccess'
import { gasTScore, previewFromRows } from '@/views/cases/detail/gas'
import { canView, needsApproval, nextStage, stepStatus } from '@/views/cases/detail/stageFlow'
import { eventText, isAlarm } from '@/views/cases/detail/timeline'

describe('GAS T-score preview', () => {
  // T = 50 + 10·Σwx / sqrt(0.7·Σw² + 0.3·(Σw)²)
  it.each([
    // weights 2, 1 at +1, 0: Σwx = 2, Σw² = 5, (Σw)² = 9 → 50 + 20 / sqrt(6.2) = 58.03
    { goals: [[2, 1], [1, 0]], t: 58.0 },
    // docs/cases.md: weights 2, 1, 1 at +2, 0, −1 → denominator sqrt(9) = 3 → 60
    { goals: [[2, 2], [1, 0], [1, -1]], t: 60.0 },
    // one goal at +2: 50 + 20 / sqrt(0.7 + 0.3) = 70
    { goals: [[1, 2]], t: 70.0 },
    // everything as expected
    { goals: [[3, 0], [1, 0]], t: 50.0 },
    // two equal goals at −1: 50 − 20 / sqrt(1.4 + 1.2) = 37.60
    { goals: [[1, -1], [1, -1]], t: 37.6 },
  ])('weights and levels $goals give $t', ({ goals, t }) => {
    const score = gasTScore(goals.map(([weight, level]) => ({ weight, level })))
    expect(score).not.toBeNull()
    expect(Math.round((score as number) * 10) / 10).toBe(t)
  })

  it('refuses no goals, a weight ≤ 0 and a level outside −2…+2', () => {
    expect(gasTScore([])).toBeNull()
    expect(gasTScore([{ weight: 0, level: 1 }])).toBeNull()
    expect(gasTScore([{ weight: 1, level: 3 }])).toBeNull()
    expect(gasTScore([{ weight: 1, level: 0.5 }])).toBeNull()
  })

  it('previews from the evaluation rows once every goal has a level', () => {
    expect(previewFromRows([{ weight: 2, attained: 1 }, { weight: 1, attained: 0 }])).toEqual({
      score: 58.03,
      unrated: 0,
      invalid: false,
    })
    expect(previewFromRows([{ weight: 2, attained: 1 }, { weight: 1 }])).toEqual({ score: null, unrated: 1, invalid: false })
    // A missing weight counts as 1, as on the server.
    expect(previewFromRows([{ attained: 2 }]).score).toBe(70)
    expect(previewFromRows([{ weight: 0, attained: 1 }]).invalid).toBe(true)
    expect(previewFromRows(undefined)).toEqual({ score: null, unrated: 0, invalid: false })
  })
})

function aCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 7,
    org_id: 4,
    org_name: '个案服务部',
    client_id: 1,
    client_name: '欧阳春花',
    stage: 'planning',
    risk: 'low',
    crisis: false,
    problem: '',
    primary_worker: { id: 5, name: '王芳' },
    co_worker: { id: 6, name: '李强' },
    supervisor: null,
    opened_at: '2026-03-01T09:00:00+08:00',
    stage_started_at: {
      assessment: '2026-03-02T09:00:00+08:00',
      planning: '2026-03-05T09:00:00+08:00',
      intervention: null,
      evaluation: null,
      closed: null,
    },
    first_contact_at: null,
    due_at: null,
    overdue: false,
    days_overdue: 0,
    closure_reason: null,
    reopen_count: 0,
    service_count: 0,
    crisis_interventions: 0,
    last_crisis_at: null,
    pending_approval: { id: 9, kind: 'move', to: 'intervention', requested_by: { id: 5, name: '王芳' }, requested_at: '2026-03-10T09:30:12+08:00' },
    risk_review: null,
    replanned_at: null,
    updated_at: '',
    ...overrides,
  }
}

describe('the stage flow', () => {
  it('offers the next stage, or closing at once after a refer-out or decline at intake', () => {
    expect(nextStage('intake', 'accept')).toBe('assessment')
    expect(nextStage('intake', 'refer_out')).toBe('closed')
    expect(nextStage('intake', 'decline')).toBe('closed')
    expect(nextStage('planning')).toBe('intervention')
    expect(nextStage('evaluation')).toBe('closed')
    expect(nextStage('closed')).toBeNull()
    expect(needsApproval('planning', 'intervention')).toBe(true)
    expect(needsApproval('evaluation', 'closed')).toBe(true)
    expect(needsApproval('intake', 'closed')).toBe(false)
    expect(needsApproval('assessment', 'planning')).toBe(false)
  })

  it('shows done, current and unreached steps; a case closed at intake skipped the middle', () => {
    const c = aCase()
    expect(['intake', 'assessment', 'planning', 'intervention'].map((s) => stepStatus(c, s as Case['stage']))).toEqual([
      'success',
      'success',
      'process',
      'wait',
    ])
    expect(canView(c, 'planning')).toBe(true)
    expect(canView(c, 'intervention')).toBe(false)
    const closedAtIntake = aCase({
      stage: 'closed',
      stage_started_at: { assessment: null, planning: null, intervention: null, evaluation: null, closed: '2026-03-01T10:00:00+08:00' },
    })
    expect(stepStatus(closedAtIntake, 'intake')).toBe('success')
    expect(stepStatus(closedAtIntake, 'planning')).toBe('wait')
    expect(stepStatus(closedAtIntake, 'closed')).toBe('success')
    expect(canView(closedAtIntake, 'planning')).toBe(true)
  })
})

describe('who decides', () => {
  // 阳光 agency (2) › 个案服务部 (4); 启航 (10) elsewhere.
  const orgs = [
    { id: 1, parent_id: null },
    { id: 2, parent_id: 1 },
    { id: 4, parent_id: 2 },
    { id: 10, parent_id: 1 },
  ]

  it('finds a role held in the organisation or above it', () => {
    expect(orgAndAncestors(4, orgs)).toEqual([4, 2, 1])
    expect(holdsRoleOn([{ org_id: 2, role: 'supervisor' }], orgs, 4, ['supervisor'])).toBe(true)
    expect(holdsRoleOn([{ org_id: 10, role: 'supervisor' }], orgs, 4, ['supervisor'])).toBe(false)
    expect(holdsRoleOn([{ org_id: 4, role: 'worker' }], orgs, 4, ['supervisor'])).toBe(false)
  })

  it('lets a supervisor above the case decide, never the team', () => {
    const supervisor = [{ org_id: 2, role: 'supervisor' as const }]
    expect(canDecide(aCase(), 4, supervisor, orgs)).toBe(true)
    // The co-worker is on the team, even as a supervisor.
    expect(canDecide(aCase(), 6, supervisor, orgs)).toBe(false)
    expect(canDecide(aCase({ pending_approval: null }), 4, supervisor, orgs)).toBe(false)
    expect(canDecide(aCase(), 8, [{ org_id: 4, role: 'worker' }], orgs)).toBe(false)
    // Nor whoever asked, though not on the team (a supervisor who moved the case on).
    const asked = aCase({
      pending_approval: { id: 9, kind: 'move', to: 'intervention', requested_by: { id: 4, name: '林晓燕' }, requested_at: '' },
    })
    expect(canDecide(asked, 4, supervisor, orgs)).toBe(false)
  })

  it('lets a leader of the case name its supervisor', () => {
    expect(canAssign(aCase(), [{ org_id: 2, role: 'leader' }], orgs)).toBe(true)
    expect(canAssign(aCase(), [{ org_id: 2, role: 'supervisor' }], orgs)).toBe(false)
    expect(canAssign(aCase(), [{ org_id: 10, role: 'leader' }], orgs)).toBe(false)
  })

  it('lets the team and the supervisors work the case, not another worker', () => {
    expect(canWork(aCase(), 5, [{ org_id: 4, role: 'worker' }], orgs)).toBe(true)
    expect(canWork(aCase(), 8, [{ org_id: 4, role: 'worker' }], orgs)).toBe(false)
    expect(canWork(aCase(), 4, [{ org_id: 2, role: 'supervisor' }], orgs)).toBe(true)
    expect(canWork(aCase(), 5, [{ org_id: 4, role: 'operator' }], orgs)).toBe(false)
  })
})

describe('timeline entries', () => {
  it('fill in the stage names', () => {
    setLocale('zh-CN')
    const { t, te } = i18n.global
    const event = (kind: string, data: Record<string, unknown>): TimelineEvent => ({ id: 1, at: '', actor: null, kind, data })
    const tr = (key: string, values?: Record<string, unknown>) => (values ? t(key, values) : t(key))
    expect(eventText(event('rejected', { from: 'planning', to: 'intervention' }), tr, te)).toBe('督导退回：计划 → 介入')
    expect(eventText(event('stage_saved', { stage: 'assessment' }), tr, te)).toBe('保存预估表单')
    expect(eventText(event('something_new', {}), tr, te)).toBe('something_new')
  })

  it('say an escalation (升级督办) with its days, as an alarm', () => {
    const { t, te } = i18n.global
    const event: TimelineEvent = {
      id: 2,
      at: '2026-12-03T10:05:00+08:00',
      actor: null,
      kind: 'escalated',
      data: { stage: 'evaluation', due_at: '2026-11-30T23:59:59+08:00', days: 3 },
    }
    const tr = (key: string, values?: Record<string, unknown>) => (values ? t(key, values) : t(key))
    setLocale('zh-CN')
    expect(eventText(event, tr, te)).toBe('逾期 3 天，已升级督办')
    setLocale('en')
    expect(eventText(event, tr, te)).toBe('3 days overdue: escalated to the supervisors')
    setLocale('zh-CN')
    expect(isAlarm(event)).toBe(true)
    expect(isAlarm({ ...event, kind: 'rejected' })).toBe(false)
  })
})
