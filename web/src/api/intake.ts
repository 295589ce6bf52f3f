// TODO(types): switch to endpoint() and generated Schemas once the server lands
//
// 接案申请 (the intake-request queue): what citizens sent from the public 咨询预约 page
// (/p/book), waiting at the agency they chose — or, when they let the city choose, in the city's
// queue (市级待分派) until someone hands it to an agency. Staff accept a request (it registers the
// client or takes an existing one, and opens a case whose intake form is prefilled), decline it
// with a reason, assign it (city queue), or reveal the caller's phone to call back (audited).
//
// The types are written by hand from the contract (notes/intake-contract.md, issue 15) because the
// server's routes are not in the OpenAPI snapshot yet; the calls go through request() rather than
// endpoint(), whose paths are checked against that snapshot. The list pages by page/page_size like
// every other list; times are ISO local strings.
import type { ClientCategory } from './clients'
import type { Page, PageQuery } from './paging'
import { request, type CallOptions } from './request'
import type { components } from './schema'

/** Someone or something by id and name (an organisation, a worker). */
export type Person = components['schemas']['Person']

/** 需求类别: one of the client categories (CLIENT_CATEGORIES: 老年人 残疾人 儿童 …). */
export type NeedCategory = ClientCategory

/** 上午 下午 晚上 都可以 */
export const PREFERRED_SLOTS = ['morning', 'afternoon', 'evening', 'any'] as const
export type PreferredSlot = (typeof PREFERRED_SLOTS)[number]

/** 待处理 已接案 不予受理 */
export const INTAKE_STATES = ['new', 'accepted', 'declined'] as const
export type IntakeState = (typeof INTAKE_STATES)[number]

/** Why a request was declined, in the order the dialog offers them: 非本机构服务范围, 不在服务区域,
 *  无法联系, 申请人撤回, 重复申请, 无效信息, 其他 (which needs a note). */
export const DECLINE_REASONS = ['not_our_service', 'out_of_area', 'unreachable', 'withdrawn', 'duplicate', 'spam', 'other'] as const
export type DeclineReason = (typeof DECLINE_REASONS)[number]

/** What the caller may do with a request now, in the order the screens show them. */
export const INTAKE_ACTIONS = ['accept', 'decline', 'assign', 'reveal'] as const
export type IntakeAction = (typeof INTAKE_ACTIONS)[number]

/** A client the caller may read who has the request's phone number. */
export interface KnownClient {
  id: number
  name: string
  org_name: string
}

export interface IntakeRequest {
  id: number
  /** 8 characters ("K7QX3M9P"): the 预约编号 the citizen was given. */
  reference: string
  /** The agency it waits at; null in the city's queue (市级待分派). */
  org: Person | null
  channel: 'web'
  name: string
  /** Masked ("138****5833"); POST …/reveal answers it in clear. */
  phone: string
  need_category: NeedCategory
  need: string
  /** YYYY-MM-DD, or null when the citizen named no day. */
  preferred_date: string | null
  preferred_slot: PreferredSlot
  state: IntakeState
  /** ISO local time ("2026-12-07T09:30:00+08:00"). */
  received_at: string
  /** Clients the caller may read with the same phone (at most 5). */
  known_clients: KnownClient[]
  /** Other open requests with the same phone. */
  other_requests: number
  handled_by: Person | null
  /** ISO local time. */
  handled_at: string | null
  case_id: number | null
  client_id: number | null
  decline_reason: DeclineReason | null
  decline_note: string
  version: number
  actions: IntakeAction[]
}

export type IntakeSort = '-received_at' | 'received_at' | 'preferred_date'

/** The filters of the list. */
export interface IntakeFilterQuery {
  /** Left out: every state. */
  state?: IntakeState
  org_id?: number
  /** Only the city's queue (市级待分派). */
  city?: boolean
  /** Format: date. Received on or after. */
  from?: string
  /** Format: date. Received on or before. */
  to?: string
  sort?: IntakeSort
}

/** POST …/accept. With client_id the case opens for that existing client; without, the client is
 *  registered in org_id (the request's agency or a unit below it; the agency when left out). */
export interface AcceptInput {
  version: number
  client_id?: number
  org_id?: number
  /** The caller when left out. */
  primary_worker_id?: number
}

export interface AcceptResult {
  request: IntakeRequest
  case_id: number
  client_id: number
}

/** POST …/decline; note is required for `other`. */
export interface DeclineInput {
  version: number
  reason: DeclineReason
  note?: string
}

/** POST …/assign (city queue only): hands the request to an agency. */
export interface AssignInput {
  version: number
  org_id: number
}

const BASE = '/api/v1/intake-requests'

function enc(value: string | number): string {
  return encodeURIComponent(String(value))
}

/** The requests the caller may see (clients.read at the request's agency; the city's queue:
 *  clients.read on the top organisation), newest first by default, a page at a time. */
export function getIntakeRequestPage(query: IntakeFilterQuery & PageQuery = {}, options?: CallOptions): Promise<Page<IntakeRequest>> {
  return request<Page<IntakeRequest>>('GET', BASE, { query: { ...query }, ...options })
}

/** One request. 404 intake.not_found. */
export function getIntakeRequest(id: number, options?: CallOptions): Promise<IntakeRequest> {
  return request<IntakeRequest>('GET', `${BASE}/${enc(id)}`, options)
}

/** Accepts: opens the case (registering the client first unless client_id is given); the screen
 *  then goes to /cases/{case_id}. Errors: 409 intake.changed (version moved), intake.handled (no
 *  longer new), intake.unassigned (a city request); validation.failed; 403 auth.forbidden. */
export function acceptIntakeRequest(id: number, input: AcceptInput, options?: CallOptions): Promise<AcceptResult> {
  return request<AcceptResult>('POST', `${BASE}/${enc(id)}/accept`, { body: input, ...options })
}

/** Declines with a reason (and a note, required for `other`). Errors as accept's. */
export function declineIntakeRequest(id: number, input: DeclineInput, options?: CallOptions): Promise<IntakeRequest> {
  return request<IntakeRequest>('POST', `${BASE}/${enc(id)}/decline`, { body: input, ...options })
}

/** Hands a city-queue request to an agency. Errors as accept's. */
export function assignIntakeRequest(id: number, input: AssignInput, options?: CallOptions): Promise<IntakeRequest> {
  return request<IntakeRequest>('POST', `${BASE}/${enc(id)}/assign`, { body: input, ...options })
}

/** The caller's phone in clear, to call back; the server records each view in the audit log. */
export async function revealIntakePhone(id: number, options?: CallOptions): Promise<string> {
  return (await request<{ phone: string }>('POST', `${BASE}/${enc(id)}/reveal`, options)).phone
}
