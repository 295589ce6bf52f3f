// Who may do what on the case page, as far as the browser can tell; the server decides in the end
// (docs/cases.md, "Rights"). A role held in an organisation holds in every organisation below it.
import type { MeMembership } from '@/api/auth'
import type { Case, Stage } from '@/api/cases'
import type { Org, Role } from '@/api/orgs'

/** Roles that approve plans and closures. */
export const APPROVER_ROLES: readonly Role[] = ['leader', 'supervisor']
/** Roles that work cases (and may take one over). */
export const CASEWORK_ROLES: readonly Role[] = ['leader', 'supervisor', 'worker']

/** The case's primary worker or co-worker. */
export function onTeam(c: Case, userId: number | undefined): boolean {
  return userId !== undefined && (c.primary_worker.id === userId || c.co_worker?.id === userId)
}

/** The organisation and those above it, as far as `orgs` (the user's look-up) reaches. */
export function orgAndAncestors(orgId: number, orgs: readonly Pick<Org, 'id' | 'parent_id'>[]): number[] {
  const parents = new Map(orgs.map((o) => [o.id, o.parent_id]))
  const out: number[] = []
  let current: number | null | undefined = orgId
  while (current !== null && current !== undefined && !out.includes(current)) {
    out.push(current)
    current = parents.get(current)
  }
  return out
}

/** Whether some membership gives one of `roles` in the organisation (or above it). */
export function holdsRoleOn(
  memberships: readonly Pick<MeMembership, 'org_id' | 'role'>[],
  orgs: readonly Pick<Org, 'id' | 'parent_id'>[],
  orgId: number,
  roles: readonly Role[],
): boolean {
  const chain = orgAndAncestors(orgId, orgs)
  return memberships.some((m) => roles.includes(m.role) && chain.includes(m.org_id))
}

/** A supervisor or leader of the case's organisation who is not on its team and did not ask, with an
 *  approval waiting (the server also refuses those who were on the team when it was asked). */
export function canDecide(
  c: Case,
  userId: number | undefined,
  memberships: readonly Pick<MeMembership, 'org_id' | 'role'>[],
  orgs: readonly Pick<Org, 'id' | 'parent_id'>[],
): boolean {
  return (
    c.pending_approval !== null &&
    c.pending_approval.requested_by.id !== userId &&
    !onTeam(c, userId) &&
    holdsRoleOn(memberships, orgs, c.org_id, APPROVER_ROLES)
  )
}

/** A leader of the case's organisation: may name its supervisor (cases.assign). */
export function canAssign(
  c: Case,
  memberships: readonly Pick<MeMembership, 'org_id' | 'role'>[],
  orgs: readonly Pick<Org, 'id' | 'parent_id'>[],
): boolean {
  return holdsRoleOn(memberships, orgs, c.org_id, ['leader'])
}

/** On the team, or a supervisor or leader there: may save forms, add records, move the case. */
export function canWork(
  c: Case,
  userId: number | undefined,
  memberships: readonly Pick<MeMembership, 'org_id' | 'role'>[],
  orgs: readonly Pick<Org, 'id' | 'parent_id'>[],
): boolean {
  if (!holdsRoleOn(memberships, orgs, c.org_id, CASEWORK_ROLES)) return false
  return onTeam(c, userId) || holdsRoleOn(memberships, orgs, c.org_id, APPROVER_ROLES)
}

/** A supervisor or leader of the case's organisation, not on its team, with a high-risk assessment
 *  waiting for review (cases.approve). */
export function canReviewRisk(
  c: Case,
  userId: number | undefined,
  memberships: readonly Pick<MeMembership, 'org_id' | 'role'>[],
  orgs: readonly Pick<Org, 'id' | 'parent_id'>[],
): boolean {
  return c.risk_review !== null && !onTeam(c, userId) && holdsRoleOn(memberships, orgs, c.org_id, APPROVER_ROLES)
}

/** The stages at which the client is sent the satisfaction survey (满意度调查): the evaluation that
 *  leads to the closure, and the closed case (at the closure and at its follow-ups, 回访). */
export const SURVEY_STAGES: readonly Stage[] = ['evaluation', 'closed']

/** 发送满意度调查: for those who record client information (clients.write — the server checks it on
 *  the client), once the case is being evaluated or is closed. */
export function canSendSurvey(c: Pick<Case, 'stage'>, writesClients: boolean): boolean {
  return writesClients && SURVEY_STAGES.includes(c.stage)
}
