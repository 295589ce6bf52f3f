// 服务售后 (feedback): the working calendar complaint deadlines count on — the national holidays
// (休) and the weekend days worked instead (调休上班) of one year, kept by the IT admin — and the
// contacts (联系记录): every exchange with a client on any channel, with an optional follow-up
// that its recorder (or a colleague) marks done. See docs/feedback.md.
import type { Page, PageQuery } from './paging'
import { endpoint, type CallOptions } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

// --- the working calendar (节假日与调休) ---

/** holiday 休 (a day off, even on a weekday), workday 班 (调休上班: a weekend day worked). */
export const CALENDAR_DAY_KINDS = ['holiday', 'workday'] as const
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number]

/** One day that differs from the plain week: "2026-01-01", holiday, "元旦". */
export type CalendarDay = Schemas['CalendarDay']

/** A year's calendar: its rows in date order and the working days they leave. */
export type WorkingCalendar = Schemas['CalendarYear']

/** PUT /api/v1/feedback/calendar?year=: the year's rows, all of them (the rows not sent are removed). */
export interface WorkingCalendarInput {
  days: CalendarDay[]
}

// --- contacts (联系记录) ---

/** 电话 微信 短信 电子邮件 在线咨询 来访 家访 信函 公开页面 */
export const CONTACT_CHANNELS = ['phone', 'wechat', 'sms', 'email', 'chat', 'walk_in', 'home_visit', 'letter', 'web'] as const
export type ContactChannel = (typeof CONTACT_CHANNELS)[number]

/** in: the client contacted the agency (来电/来访); out: the agency contacted the client (主动联系). */
export const CONTACT_DIRECTIONS = ['in', 'out'] as const
export type ContactDirection = (typeof CONTACT_DIRECTIONS)[number]

/** What is to be done after a contact, and whether it was. */
export type ContactFollowUp = Schemas['ContactFollowUp']

export type Contact = Schemas['Contact']

/** POST /api/v1/contacts. */
export interface ContactInput {
  client_id: number
  /** A case of that client. */
  case_id?: number
  channel: ContactChannel
  direction: ContactDirection
  /** Format: date-time, with its offset ("2026-12-07T10:30:00+08:00"). */
  at: string
  summary: string
  follow_up?: {
    /** Format: date */
    due: string
    note: string
  }
}

/** POST /api/v1/contacts/{id}/follow-up. */
export interface FollowUpDoneInput {
  note: string
}

/** open: any contact whose follow-up is not done; mine: those of them the caller recorded (their to-do). */
export type ContactFollowUpFilter = 'open' | 'mine'

export type ContactSort = 'at' | '-at' | 'due'

export interface ContactListQuery extends PageQuery {
  client_id?: number
  case_id?: number
  follow_up?: ContactFollowUpFilter
  channel?: ContactChannel
  /** Newest first (-at) unless asked. */
  sort?: ContactSort
}

const calendar = endpoint('GET', '/api/v1/feedback/calendar')
const putCalendar = endpoint('PUT', '/api/v1/feedback/calendar')
const contacts = endpoint('GET', '/api/v1/contacts')
const createOne = endpoint('POST', '/api/v1/contacts')
const followUpDone = endpoint('POST', '/api/v1/contacts/{id}/follow-up')

/** The year's holidays and moved working days; any signed-in user. */
export function getWorkingCalendar(year: number, options?: CallOptions): Promise<WorkingCalendar> {
  return calendar({ query: { year }, ...options })
}

/** Replaces the year's rows; needs settings.manage. Errors: validation.failed with fields like
 *  "days[3].date" (a date outside the year, twice, a kind or name missing). */
export function updateWorkingCalendar(year: number, days: CalendarDay[], options?: CallOptions): Promise<WorkingCalendar> {
  return putCalendar({ query: { year }, body: { days }, ...options })
}

/** Contacts in the caller's scope, newest first by default; needs clients.read. */
export function getContactList(query: ContactListQuery = {}, options?: CallOptions): Promise<Page<Contact>> {
  return contacts({ query: { ...query }, ...options })
}

/** Records a contact; needs clients.write. Errors: validation.failed (summary, at, follow_up.due, case_id …). */
export function createContact(input: ContactInput, options?: CallOptions): Promise<Contact> {
  return createOne({ body: input, ...options })
}

/** Marks a contact's follow-up done with what it found; needs clients.write. Answers the contact. */
export function completeContactFollowUp(id: number, note: string, options?: CallOptions): Promise<Contact> {
  return followUpDone({ params: { id }, body: { note }, ...options })
}
