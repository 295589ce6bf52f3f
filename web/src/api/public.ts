// TODO(types): switch to endpoint() and generated Schemas once the server lands
//
// The citizens' public forms (no sign-in; pages under /p/…): 咨询预约 (a booking request that lands
// in the intake queue, see intake.ts) and 投诉建议 (a complaint, suggestion or praise that lands
// among the agency's complaints, channel web), and the agencies they may choose. The survey answer
// page's calls stay in surveys.ts.
//
// Typed by hand from the contract (notes/intake-contract.md) until the routes are in the OpenAPI
// snapshot: request() rather than endpoint(). The pages pass { silent: true, handleAuth: false }: they
// show every error themselves and never touch the staff's session. Both POSTs are rate-limited per
// address (429 public.rate_limited with Retry-After, see ApiError.retryAfter).
import type { ComplaintCategory, ComplaintKind } from './complaints'
import type { NeedCategory, PreferredSlot } from './intake'
import { request, type CallOptions } from './request'

/** An active agency a citizen may choose, by name. */
export interface PublicAgency {
  id: number
  name: string
  district: string | null
}

/** POST /api/v1/public/bookings. */
export interface BookingInput {
  /** 1..50 */
  name: string
  /** A mainland mobile, or a landline with its area code. */
  phone: string
  /** null: 由市里为我安排 (the city chooses the agency). */
  org_id: number | null
  need_category: NeedCategory
  /** 1..1000: 需要什么帮助 */
  need: string
  /** YYYY-MM-DD, today .. today + 60; null for no preference. */
  preferred_date: string | null
  preferred_slot: PreferredSlot
  /** Must be true: 同意工作人员通过电话联系我 (field code must_agree). */
  agree: boolean
  /** The honeypot: people leave it empty. */
  website: string
}

/** POST /api/v1/public/complaints. */
export interface PublicComplaintInput {
  org_id: number
  kind: ComplaintKind
  category: ComplaintCategory
  /** 1..100 */
  subject: string
  /** 0..2000 */
  details: string
  /** 0..50, optional: 称呼 */
  name: string
  /** 0..50, optional: 联系方式 (a phone; phone_invalid otherwise) */
  contact: string
  website: string
}

/** What both forms answer (201): the 8-character reference the citizen is asked to note. */
export interface PublicReceipt {
  ok: boolean
  reference: string
}

const BASE = '/api/v1/public'

/** The agencies a citizen may choose (active ones, by name). */
export async function getPublicAgencies(options?: CallOptions): Promise<PublicAgency[]> {
  return (await request<{ items: PublicAgency[] }>('GET', `${BASE}/agencies`, options)).items
}

/** Sends a booking request. Errors: 400 validation.failed (details by field), 429 public.rate_limited.
 *  The answer never says whether the phone is already known. */
export function submitBooking(input: BookingInput, options?: CallOptions): Promise<PublicReceipt> {
  return request<PublicReceipt>('POST', `${BASE}/bookings`, { body: input, ...options })
}

/** Sends a complaint, suggestion or praise. Errors as submitBooking's. */
export function submitPublicComplaint(input: PublicComplaintInput, options?: CallOptions): Promise<PublicReceipt> {
  return request<PublicReceipt>('POST', `${BASE}/complaints`, { body: input, ...options })
}
