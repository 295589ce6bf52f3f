// How the complaint screens show a complaint's clock, kind, state and escalation, which actions they
// offer and what each asks for (the monthly chart is in chart.ts, so that the notification texts can
// link here without pulling in ECharts). Plain functions of the data and a translator,
// so they are tested without a browser. Times are Asia/Shanghai local ISO as the server sends them.
import {
  COMPLAINT_ACTIONS,
  type Complaint,
  type ComplaintAction,
  type ComplaintActionInput,
  type ComplaintColour,
  type ComplaintEscalation,
  type ComplaintHistoryAction,
  type ComplaintKind,
  type ComplaintPolicyInput,
  type ComplaintState,
} from '@/api/complaints'
import { formatDateTime, type TagType } from '@/views/cases/caseDisplay'

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** The path of a complaint's page (the route complaint-detail). */
export function complaintPath(id: number): string {
  return `/complaints/${id}`
}

const COLOUR_TAGS: Record<ComplaintColour, TagType> = { none: 'info', green: 'success', yellow: 'warning', red: 'danger' }

/** The clock's tag: red danger, yellow warning, green success, none info. */
export function colourTagType(colour: ComplaintColour): TagType {
  return COLOUR_TAGS[colour]
}

const KIND_TAGS: Record<ComplaintKind, TagType> = { complaint: 'danger', suggestion: 'primary', praise: 'success' }

export function kindTagType(kind: ComplaintKind): TagType {
  return KIND_TAGS[kind]
}

const STATE_TAGS: Record<ComplaintState, TagType> = {
  received: 'warning',
  acknowledged: 'primary',
  resolved: 'success',
  closed: 'info',
  withdrawn: 'info',
}

export function stateTagType(state: ComplaintState): TagType {
  return STATE_TAGS[state]
}

const HISTORY_TAGS: Record<ComplaintHistoryAction, TagType> = {
  receive: 'primary',
  assign: 'info',
  acknowledge: 'primary',
  resolve: 'success',
  close: 'success',
  reopen: 'warning',
  withdraw: 'info',
}

/** A history entry's dot on the timeline; an action this app does not know yet in grey. */
export function historyTagType(action: string): TagType {
  return HISTORY_TAGS[action as ComplaintHistoryAction] ?? 'info'
}

/** The i18n key of the escalation badge (已上报督导 / 已上报主任); null when nobody was told. */
export function escalationKey(escalation: ComplaintEscalation): string | null {
  return escalation === 'none' ? null : `complaints.escalation.${escalation}`
}

/** Which deadline runs now: acknowledging until acknowledged, then resolving; none once resolved (or
 *  for praise, whose dues are null). */
/**
 * A deadline as people say it: the server's deadlines are the end of a working day, the midnight
 * after it, shown as that day's 24:00 ("2026-12-08 24:00", not "2026-12-09 00:00").
 */
export function formatDue(due: string): string {
  const text = formatDateTime(due)
  if (!text.endsWith(' 00:00')) return text
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.parse(due) - 1))
  return `${day} 24:00`
}

export function runningDeadline(c: Pick<Complaint, 'state' | 'acknowledge_due' | 'resolve_due'>): { stage: 'acknowledge' | 'resolve'; due: string } | null {
  if (c.state === 'received' && c.acknowledge_due) return { stage: 'acknowledge', due: c.acknowledge_due }
  if (c.state === 'acknowledged' && c.resolve_due) return { stage: 'resolve', due: c.resolve_due }
  return null
}

/** The time left to a deadline (or past it) in words: "剩 2 天 3 小时", "已超时 5 小时". */
export function timeLeft(due: string, t: Translate, now: Date = new Date()): string {
  const ms = Date.parse(due) - now.getTime()
  if (!Number.isFinite(ms)) return ''
  const minutes = Math.floor(Math.abs(ms) / 60_000)
  const days = Math.floor(minutes / 1440)
  const hours = Math.floor((minutes % 1440) / 60)
  const span =
    days > 0
      ? t('complaints.clock.days', { days, hours })
      : hours > 0
        ? t('complaints.clock.hours', { hours })
        : t('complaints.clock.minutes', { minutes: minutes % 60 })
  return ms >= 0 ? t('complaints.clock.left', { span }) : t('complaints.clock.over', { span })
}

/** The actions the caller may take now, in the order the screens show them; unknown codes dropped. */
export function orderedActions(actions: readonly string[]): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => actions.includes(a))
}

/** What an action's dialog asks for, and which of it must be filled. */
export interface ActionNeeds {
  note: 'required' | 'optional'
  resolution: boolean
  cause: boolean
  satisfaction: boolean
}

/** resolve: resolution (and a cause for a complaint); close: the complainant's satisfaction;
 *  reopen and withdraw: a note (why). */
export function actionNeeds(action: ComplaintAction, kind: ComplaintKind): ActionNeeds {
  return {
    note: action === 'reopen' || action === 'withdraw' ? 'required' : 'optional',
    resolution: action === 'resolve',
    cause: action === 'resolve' && kind === 'complaint',
    satisfaction: action === 'close',
  }
}

/** An action dialog's fields as typed. */
export interface ActionForm {
  note: string
  resolution: string
  cause: string
  satisfaction: ComplaintActionInput['satisfaction'] | ''
}

/** Our own checks of an action's form: field → i18n key of its message (empty when it may be sent). */
export function actionIssues(action: ComplaintAction, kind: ComplaintKind, form: ActionForm): Record<string, string> {
  const needs = actionNeeds(action, kind)
  const issues: Record<string, string> = {}
  if (needs.note === 'required' && !form.note.trim()) issues.note = 'complaints.action.noteRequired'
  if (needs.resolution && !form.resolution.trim()) issues.resolution = 'complaints.action.resolutionRequired'
  if (needs.cause && !form.cause.trim()) issues.cause = 'complaints.action.causeRequired'
  if (needs.satisfaction && !form.satisfaction) issues.satisfaction = 'complaints.action.satisfactionRequired'
  return issues
}

/** The body POST …/actions takes for a checked form: only the fields the action uses, trimmed. */
export function actionInput(action: ComplaintAction, kind: ComplaintKind, form: ActionForm): ComplaintActionInput {
  const needs = actionNeeds(action, kind)
  const input: ComplaintActionInput = { action, note: form.note.trim() }
  if (needs.resolution) input.resolution = form.resolution.trim()
  if (action === 'resolve' && form.cause.trim()) input.cause = form.cause.trim()
  if (needs.satisfaction && form.satisfaction) input.satisfaction = form.satisfaction
  return input
}

/** Whether an improvement cycle may be opened from it (发起改进): once resolved or closed, and only once. */
export function mayOpenImprovement(c: Pick<Complaint, 'state' | 'improvement_id'>): boolean {
  return (c.state === 'resolved' || c.state === 'closed') && c.improvement_id === null
}

/** Whether a handler may still be (re)assigned: while it is being handled. */
export function mayAssign(c: Pick<Complaint, 'state'>): boolean {
  return c.state === 'received' || c.state === 'acknowledged'
}

export const POLICY_FIELDS = ['acknowledge_days', 'resolve_days', 'leader_after_days'] as const

/** Our own checks of the policy: each a whole number of working days, 1–60. Field → i18n key. */
export function policyIssues(policy: ComplaintPolicyInput): Record<string, string> {
  const issues: Record<string, string> = {}
  for (const field of POLICY_FIELDS) {
    const value = policy[field]
    if (!Number.isInteger(value) || value < 1 || value > 60) issues[field] = 'complaints.policy.range'
  }
  return issues
}
