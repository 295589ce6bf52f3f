// What the citizens' public forms (咨询预约 /p/book, 投诉建议 /p/feedback) check before sending, the
// bodies they send, and how a failure is told: the server's field issues under their fields, a 429
// as how long to wait, anything else once above the button. Plain functions of the form and a
// translator, so they are tested without a browser.
import type { ComplaintCategory, ComplaintKind } from '@/api/complaints'
import type { NeedCategory, PreferredSlot } from '@/api/intake'
import type { BookingInput, PublicComplaintInput } from '@/api/public'
import { isApiError } from '@/api/request'
import { addDays } from '@/views/surveys/surveys'

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** How far ahead a citizen may ask for a day (the server's limit: today .. today + 60). */
export const BOOKING_DAYS_AHEAD = 60

/** The choice "由市里为我安排" in the agency select (sent as org_id null). */
export const CITY_CHOICE = 'city'

export interface BookingForm {
  name: string
  phone: string
  /** An agency's id, CITY_CHOICE, or null before a choice is made. */
  org: number | typeof CITY_CHOICE | null
  category: NeedCategory | ''
  need: string
  /** YYYY-MM-DD or ''. */
  date: string
  slot: PreferredSlot
  agree: boolean
}

export interface ComplaintForm {
  kind: ComplaintKind
  org: number | null
  category: ComplaintCategory | ''
  subject: string
  details: string
  name: string
  contact: string
}

export function emptyBookingForm(): BookingForm {
  return { name: '', phone: '', org: null, category: '', need: '', date: '', slot: 'any', agree: false }
}

export function emptyComplaintForm(): ComplaintForm {
  return { kind: 'complaint', org: null, category: '', subject: '', details: '', name: '', contact: '' }
}

/** The days a booking may ask for, as the date input's min and max. */
export function bookingDateRange(today: string): { min: string; max: string } {
  return { min: today, max: addDays(today, BOOKING_DAYS_AHEAD) }
}

/** Issues are keyed by the API's field names, so the server's details land on the same fields. */
export type Issues = Record<string, string>

/** Our own checks of a booking (the server checks again, and the phone's shape only there): field →
 *  i18n key. Empty when it may be sent. */
export function bookingChecks(form: BookingForm, today: string): Issues {
  const issues: Issues = {}
  const name = form.name.trim()
  if (!name) issues.name = 'citizen.booking.nameRequired'
  else if (name.length > 50) issues.name = 'citizen.tooLong'
  if (!form.phone.trim()) issues.phone = 'citizen.booking.phoneRequired'
  if (form.org === null) issues.org_id = 'citizen.booking.orgRequired'
  if (!form.category) issues.need_category = 'citizen.booking.categoryRequired'
  const need = form.need.trim()
  if (!need) issues.need = 'citizen.booking.needRequired'
  else if (need.length > 1000) issues.need = 'citizen.tooLong'
  if (form.date) {
    const { min, max } = bookingDateRange(today)
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) issues.preferred_date = 'citizen.booking.dateInvalid'
    else if (form.date < min) issues.preferred_date = 'citizen.booking.datePast'
    else if (form.date > max) issues.preferred_date = 'citizen.booking.dateTooFar'
  }
  if (!form.agree) issues.agree = 'citizen.booking.agreeRequired'
  return issues
}

/** The booking as POST /api/v1/public/bookings takes it; call after bookingChecks found nothing. */
export function bookingBody(form: BookingForm, website: string): BookingInput {
  return {
    name: form.name.trim(),
    phone: form.phone.trim(),
    org_id: form.org === CITY_CHOICE || form.org === null ? null : form.org,
    need_category: form.category as NeedCategory,
    need: form.need.trim(),
    preferred_date: form.date || null,
    preferred_slot: form.slot,
    agree: form.agree,
    website,
  }
}

/** Our own checks of a complaint: field → i18n key. */
export function complaintChecks(form: ComplaintForm): Issues {
  const issues: Issues = {}
  if (form.org === null) issues.org_id = 'citizen.feedback.orgRequired'
  if (!form.category) issues.category = 'citizen.feedback.categoryRequired'
  const subject = form.subject.trim()
  if (!subject) issues.subject = 'citizen.feedback.subjectRequired'
  else if (subject.length > 100) issues.subject = 'citizen.tooLong'
  if (form.details.trim().length > 2000) issues.details = 'citizen.tooLong'
  if (form.name.trim().length > 50) issues.name = 'citizen.tooLong'
  if (form.contact.trim().length > 50) issues.contact = 'citizen.tooLong'
  return issues
}

/** The complaint as POST /api/v1/public/complaints takes it; call after complaintChecks found nothing. */
export function complaintBody(form: ComplaintForm, website: string): PublicComplaintInput {
  return {
    org_id: form.org as number,
    kind: form.kind,
    category: form.category as ComplaintCategory,
    subject: form.subject.trim(),
    details: form.details.trim(),
    name: form.name.trim(),
    contact: form.contact.trim(),
    website,
  }
}

/** How long to wait after a 429: "请 30 秒后再试", "请 3 分钟后再试"; without a Retry-After only
 *  "请稍后再试". */
export function rateLimitText(seconds: number | null, t: Translate): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) return t('citizen.tooFast')
  if (seconds < 120) return t('citizen.waitSeconds', { n: Math.ceil(seconds) })
  return t('citizen.waitMinutes', { n: Math.ceil(seconds / 60) })
}

/** A failed send told the way the page shows it: issues under the fields the form has, the rest
 *  as general messages above the button. */
export interface Failure {
  byField: Issues
  general: string[]
}

export function describeFailure(error: unknown, fields: readonly string[], t: Translate): Failure {
  if (!isApiError(error)) return { byField: {}, general: [t('citizen.failed')] }
  if (error.status === 429) return { byField: {}, general: [rateLimitText(error.retryAfter, t)] }
  if (error.status === 0) return { byField: {}, general: [t('citizen.offline')] }
  const byField: Issues = {}
  const general: string[] = []
  for (const d of error.details) {
    if (fields.includes(d.field)) {
      if (!(d.field in byField)) byField[d.field] = d.message
    } else if (d.message) {
      // A citizen does not know the API's field names: the message alone.
      general.push(d.message)
    }
  }
  if (Object.keys(byField).length === 0 && general.length === 0) general.push(error.message || t('citizen.failed'))
  return { byField, general }
}
