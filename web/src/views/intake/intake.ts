// How the 接案申请 screen shows a request (state tag, times, the preferred day and time of day, the
// need shortened), which actions it offers, what its dialogs check and send, and what a 409 or 404
// means. Plain functions of the data and a translator, tested without a browser. Times come as
// epoch milliseconds (the contract's); formatMillis also reads an ISO string, should they change.
import {
  INTAKE_ACTIONS,
  type AcceptInput,
  type DeclineInput,
  type DeclineReason,
  type IntakeAction,
  type IntakeRequest,
  type IntakeState,
} from '@/api/intake'
import { isApiError } from '@/api/request'
import type { TagType } from '@/views/cases/caseDisplay'

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** The path of the queue (the route intake); notifications of new requests lead there. */
export const INTAKE_PATH = '/intake'

const STATE_TAGS: Record<IntakeState, TagType> = { new: 'warning', accepted: 'success', declined: 'info' }

export function stateTagType(state: IntakeState): TagType {
  return STATE_TAGS[state] ?? 'info'
}

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** "2026-12-07 09:30" (Asia/Shanghai) of epoch milliseconds (or an ISO time); '' for none. */
export function formatMillis(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return ''
  const ms = typeof value === 'number' ? value : Date.parse(value)
  if (!Number.isFinite(ms)) return ''
  const parts = Object.fromEntries(shanghai.formatToParts(new Date(ms)).map((p) => [p.type, p.value]))
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
}

/** The day and time of day the citizen asked for: "2026-12-10 上午", "2026-12-10" (any time),
 *  "下午" (any day), or 未指定 when neither. */
export function preferredText(r: Pick<IntakeRequest, 'preferred_date' | 'preferred_slot'>, t: Translate): string {
  const slot = r.preferred_slot && r.preferred_slot !== 'any' ? t(`intake.slots.${r.preferred_slot}`) : ''
  if (r.preferred_date) return slot ? `${r.preferred_date} ${slot}` : r.preferred_date
  return slot || t('intake.noPreference')
}

/** A text on one line, cut to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > max ? `${line.slice(0, max - 1)}…` : line
}

/** The actions the caller may take now, in the order the screen shows them; unknown codes dropped. */
export function orderedActions(actions: readonly string[]): IntakeAction[] {
  return INTAKE_ACTIONS.filter((a) => actions.includes(a))
}

/** The i18n key of the message when a request moved on meanwhile (someone else acted, or the version
 *  changed): the list is reloaded. null for any other error. */
export function staleKey(error: unknown): string | null {
  if (!isApiError(error)) return null
  if (error.status === 404 && error.code === 'intake.not_found') return 'intake.stale.notFound'
  if (error.status !== 409) return null
  switch (error.code) {
    case 'intake.changed':
      return 'intake.stale.changed'
    case 'intake.handled':
      return 'intake.stale.handled'
    case 'intake.unassigned':
      return 'intake.stale.unassigned'
    default:
      return null
  }
}

/** An organisation and those below it (departments, stations), from a flat list with parent ids:
 *  where a new client of the request may be registered. Inactive units are left out, the root never. */
export function orgsWithin<T extends { id: number; parent_id: number | null; active?: boolean }>(rootId: number, orgs: readonly T[]): T[] {
  const children = new Map<number, T[]>()
  for (const o of orgs) {
    if (o.parent_id === null) continue
    const list = children.get(o.parent_id) ?? []
    list.push(o)
    children.set(o.parent_id, list)
  }
  const root = orgs.find((o) => o.id === rootId)
  if (!root) return []
  const out: T[] = [root]
  const queue = [rootId]
  const seen = new Set([rootId])
  while (queue.length > 0) {
    for (const child of children.get(queue.shift() as number) ?? []) {
      if (seen.has(child.id) || child.active === false) continue
      seen.add(child.id)
      out.push(child)
      queue.push(child.id)
    }
  }
  return out
}

/** 接案: open the case for a client who has the phone (its id), register a new client, or pick
 *  another existing client with the picker. */
export type AcceptChoice = number | 'new' | 'pick'

export interface AcceptForm {
  choice: AcceptChoice
  /** With 'pick'. */
  pickedId: number | null
  /** With 'new': where the client is registered (the agency or a unit below it). */
  orgId: number | null
  /** With 'new': the case's primary worker; null leaves it to the server (the caller). */
  workerId: number | null
}

/** The dialog's start: the first client who has the phone when there is one, else a new client in
 *  the request's agency. */
export function defaultAcceptForm(r: Pick<IntakeRequest, 'known_clients' | 'org'>): AcceptForm {
  return { choice: r.known_clients[0]?.id ?? 'new', pickedId: null, orgId: r.org?.id ?? null, workerId: null }
}

/** What the accept dialog still needs: field → i18n key. */
export function acceptIssues(form: AcceptForm): Record<string, string> {
  if (form.choice === 'pick' && form.pickedId === null) return { client_id: 'intake.accept.pickRequired' }
  return {}
}

/** POST …/accept's body for the dialog's choice. */
export function acceptInput(form: AcceptForm, version: number): AcceptInput {
  if (typeof form.choice === 'number') return { version, client_id: form.choice }
  if (form.choice === 'pick') return { version, client_id: form.pickedId as number }
  const input: AcceptInput = { version }
  if (form.orgId !== null) input.org_id = form.orgId
  if (form.workerId !== null) input.primary_worker_id = form.workerId
  return input
}

/** The longest decline note the dialog takes. */
export const DECLINE_NOTE_MAX = 500

/** What the decline dialog still needs: field → i18n key (a reason; a note for 其他). */
export function declineIssues(reason: DeclineReason | '', note: string): Record<string, string> {
  const issues: Record<string, string> = {}
  if (!reason) issues.reason = 'intake.decline.reasonRequired'
  if (reason === 'other' && !note.trim()) issues.note = 'intake.decline.noteRequired'
  if (note.trim().length > DECLINE_NOTE_MAX) issues.note = 'intake.decline.noteTooLong'
  return issues
}

/** POST …/decline's body; the note only when there is one. */
export function declineInput(version: number, reason: DeclineReason, note: string): DeclineInput {
  const input: DeclineInput = { version, reason }
  if (note.trim()) input.note = note.trim()
  return input
}
