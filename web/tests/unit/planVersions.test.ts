// Issue 12 on the case page: the steps back a stage offers, the service plan's banner (the version
// in effect, the next one in the making or waiting) and a plan version's goals.
import { describe, expect, it } from 'vitest'
import type { FormVersion, PlanState } from '@/api/cases'
import { i18n } from '@/locales'
import { latestPlanVersion, planBanner, planGoals } from '@/views/cases/detail/plan'
import { stepBacks } from '@/views/cases/detail/stageFlow'

const at = (iso: string) => iso.slice(0, 10)

function plan(overrides: Partial<PlanState> = {}): PlanState {
  return { approved_version: 2, approved_at: '2026-11-20T10:00:00+08:00', changed: false, revision_pending: false, ...overrides }
}

function version(n: number, name: string | null, stage: FormVersion['stage'] = 'planning'): FormVersion {
  return {
    stage,
    version: n,
    data: {},
    withheld: [],
    approval_id: n,
    approved_by: name === null ? null : { id: n, name },
    approved_at: '2026-11-20T10:00:00+08:00',
  }
}

describe('steps back', () => {
  it('go from evaluation to intervention or planning, and from intervention to planning only', () => {
    expect(stepBacks('evaluation')).toEqual(['intervention', 'planning'])
    expect(stepBacks('intervention')).toEqual(['planning'])
    for (const stage of ['intake', 'assessment', 'planning', 'closed'] as const) expect(stepBacks(stage)).toEqual([])
  })
})

describe('the plan banner', () => {
  const t = i18n.global.t

  it('says nothing before the first approval', () => {
    expect(planBanner(null, null, at)).toEqual({ current: null, next: null, canSubmit: false })
    expect(planBanner(plan({ approved_version: null, approved_at: null, changed: true }), null, at).current).toBeNull()
  })

  it('names the version in effect and who approved it', () => {
    const state = planBanner(plan(), '林晓燕', at)
    expect(t(`caseDetail.plan.${state.current!.key}`, state.current!.values)).toBe('当前生效：第 2 版（督导 林晓燕 于 2026-11-20 批准）')
    expect(state.next).toBeNull()
    expect(state.canSubmit).toBe(false)
    expect(planBanner(plan(), null, at).current!.key).toBe('currentNoName')
  })

  it('offers the changed plan for approval as the next version', () => {
    const state = planBanner(plan({ changed: true }), '林晓燕', at)
    expect(t(`caseDetail.plan.${state.next!.key}`, state.next!.values)).toBe('已修改，形成第 3 版草稿，提交督导审批后生效')
    expect(state.canSubmit).toBe(true)
  })

  it('says the next version waits for the supervisor, and offers nothing then', () => {
    const state = planBanner(plan({ changed: true, revision_pending: true }), '林晓燕', at)
    expect(t(`caseDetail.plan.${state.next!.key}`, state.next!.values)).toBe('第 3 版待督导审批')
    expect(state.canSubmit).toBe(false)
  })

  it('takes the approver from the newest planning version', () => {
    const versions = [version(1, '陈志远'), version(2, '林晓燕'), version(1, '李强', 'evaluation')]
    expect(latestPlanVersion(versions)?.approved_by?.name).toBe('林晓燕')
    expect(latestPlanVersion([version(1, '李强', 'closed')])).toBeNull()
  })
})

describe("a plan version's goals", () => {
  it('lists each goal with its weight, skipping what is not a goal', () => {
    expect(planGoals({ goals: [{ name: '稳定收入', weight: 2 }, { name: '重建社交' }, 'x'] })).toEqual([
      { name: '稳定收入', weight: 2 },
      { name: '重建社交', weight: null },
    ])
    expect(planGoals({})).toEqual([])
  })
})
