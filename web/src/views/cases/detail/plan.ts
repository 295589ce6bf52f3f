// The service plan's versions in words (issue 12): which version is in effect, and what the next
// one is doing — a draft made by saving the plan after its approval, or waiting for the supervisor.
import type { FormVersion, PlanState } from '@/api/cases'

export interface PlanLine {
  /** A caseDetail.plan key. */
  key: 'current' | 'currentNoName' | 'changed' | 'pending'
  values: Record<string, string | number>
}

export interface PlanBannerState {
  current: PlanLine | null
  next: PlanLine | null
  /** The changed plan may be sent for approval. */
  canSubmit: boolean
}

/** The newest approved planning version (the one in effect), or null. */
export function latestPlanVersion(versions: FormVersion[]): FormVersion | null {
  const plans = versions.filter((v) => v.stage === 'planning')
  return plans.length === 0 ? null : plans.reduce((a, b) => (b.version > a.version ? b : a))
}

/** The banner's lines; nothing before the plan's first approval (that is the stage move's approval). */
export function planBanner(
  plan: PlanState | null | undefined,
  approver: string | null,
  formatAt: (at: string) => string,
): PlanBannerState {
  const none = { current: null, next: null, canSubmit: false }
  if (!plan || plan.approved_version === null) return none
  const version = plan.approved_version
  const at = plan.approved_at ? formatAt(plan.approved_at) : ''
  const current: PlanLine = approver
    ? { key: 'current', values: { version, name: approver, at } }
    : { key: 'currentNoName', values: { version, at } }
  if (plan.revision_pending) return { current, next: { key: 'pending', values: { version: version + 1 } }, canSubmit: false }
  if (plan.changed) return { current, next: { key: 'changed', values: { version: version + 1 } }, canSubmit: true }
  return { current, next: null, canSubmit: false }
}

export interface PlanGoal {
  name: string
  weight: number | null
}

/** A plan version's goals with their weights (the planning form's "goals" rows). */
export function planGoals(data: Record<string, unknown>): PlanGoal[] {
  const goals = data.goals
  if (!Array.isArray(goals)) return []
  return goals
    .filter((g): g is Record<string, unknown> => typeof g === 'object' && g !== null)
    .map((g) => ({
      name: typeof g.name === 'string' ? g.name : typeof g.goal === 'string' ? g.goal : '',
      weight: typeof g.weight === 'number' ? g.weight : null,
    }))
}
