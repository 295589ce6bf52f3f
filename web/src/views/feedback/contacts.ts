// How the contact screens show a contact's follow-up and put the time of a contact into words the
// server reads. Times are Asia/Shanghai wall times throughout, whatever the browser's zone (as the
// rest of the app shows them).
import type { Contact, ContactFollowUp } from '@/api/feedback'
import { localToday, type TagType } from '@/views/cases/caseDisplay'

/** A case a new contact may be about, as the form's select offers it. */
export interface CaseChoice {
  id: number
  label: string
}

/** none: nothing to follow up; open: due later; today: due today; overdue: its day has passed; done. */
export type FollowUpState = 'none' | 'open' | 'today' | 'overdue' | 'done'

/** The state of a contact's follow-up on `today` ("YYYY-MM-DD", local). */
export function followUpState(followUp: ContactFollowUp | null, today: string = localToday()): FollowUpState {
  if (!followUp) return 'none'
  if (followUp.done_at) return 'done'
  if (followUp.due < today) return 'overdue'
  return followUp.due === today ? 'today' : 'open'
}

const STATE_TAGS: Record<FollowUpState, TagType> = {
  none: 'info',
  open: 'primary',
  today: 'warning',
  overdue: 'danger',
  done: 'success',
}

export function followUpTagType(state: FollowUpState): TagType {
  return STATE_TAGS[state]
}

/** Whether the contact's follow-up is still to be done (the 完成跟进 action applies). */
export function followUpOpen(contact: Pick<Contact, 'follow_up'>): boolean {
  return contact.follow_up !== null && !contact.follow_up.done_at
}

/** Contacts by their follow-up's due day, earliest first (those without one last); ties newest first. */
export function byDue(contacts: Contact[]): Contact[] {
  const due = (c: Contact) => c.follow_up?.due ?? '9999-12-31'
  return [...contacts].sort((a, b) => (due(a) === due(b) ? b.at.localeCompare(a.at) : due(a) < due(b) ? -1 : 1))
}

/** The Shanghai wall time of `now`, "YYYY-MM-DDTHH:mm:00" (what the time picker edits). */
export function shanghaiNow(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00'
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:00`
}

/** A Shanghai wall time ("2026-12-07T10:30:00") as the server takes it ("2026-12-07T10:30:00+08:00"). */
export function withShanghaiOffset(wallTime: string): string {
  return `${wallTime}+08:00`
}

/** Whether a Shanghai wall time lies after `now` (a contact cannot have happened yet). */
export function isFuture(wallTime: string, now: Date = new Date()): boolean {
  return Date.parse(withShanghaiOffset(wallTime)) > now.getTime() + 60_000
}
