// 投诉建议 (complaints): a complaint, suggestion or praise received on any channel, its clock
// (受理 acknowledge, then 办结 resolve, by working days the agency's policy sets; praise runs none),
// escalation to the supervisor and then the leader when a deadline passes, its handling
// (acknowledge → resolve → close with the complainant's satisfaction, or reopen / withdraw), the
// PDCA improvement cycle it may open, and the agency's policy. See docs/feedback.md.
import type { Page, PageQuery } from './paging'
import { endpoint, fileEndpoint, type CallOptions, type DownloadedFile } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

/** 投诉 建议 表扬 */
export const COMPLAINT_KINDS = ['complaint', 'suggestion', 'praise'] as const
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number]

/** 服务质量 服务态度 及时性 隐私 收费 环境设施 其他 */
export const COMPLAINT_CATEGORIES = ['service_quality', 'attitude', 'timeliness', 'privacy', 'fees', 'environment', 'other'] as const
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]

/** The channels of the contact log (电话 微信 短信 …), the same codes. */
export const COMPLAINT_CHANNELS = ['phone', 'wechat', 'sms', 'email', 'chat', 'walk_in', 'home_visit', 'letter', 'web'] as const
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number]

export const COMPLAINT_SEVERITIES = ['low', 'normal', 'high', 'critical'] as const
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number]

/** 已登记 已受理 已办结 已结案 已撤回 */
export const COMPLAINT_STATES = ['received', 'acknowledged', 'resolved', 'closed', 'withdrawn'] as const
export type ComplaintState = (typeof COMPLAINT_STATES)[number]

/** The running deadline's clock: green more than a day left, yellow within the last 24 hours, red
 *  passed; none once resolved (and always for praise). */
export const COMPLAINT_COLOURS = ['none', 'green', 'yellow', 'red'] as const
export type ComplaintColour = (typeof COMPLAINT_COLOURS)[number]

/** Who has been told that the running deadline passed: the supervisor, then also the leader. */
export const COMPLAINT_ESCALATIONS = ['none', 'supervisor', 'leader'] as const
export type ComplaintEscalation = (typeof COMPLAINT_ESCALATIONS)[number]

/** The complainant's satisfaction with the handling, asked when the complaint is closed (回访). */
export const COMPLAINT_SATISFACTIONS = ['satisfied', 'neutral', 'dissatisfied'] as const
export type ComplaintSatisfaction = (typeof COMPLAINT_SATISFACTIONS)[number]

/** What POST /complaints/{id}/actions takes, in the order the screens offer them. */
export const COMPLAINT_ACTIONS = ['acknowledge', 'resolve', 'close', 'reopen', 'withdraw'] as const
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number]

/** A history entry's action: the transitions, and receiving and (re)assigning. */
export type ComplaintHistoryAction = ComplaintAction | 'receive' | 'assign'

export type ComplaintHistoryEntry = Schemas['ComplaintEvent']

export interface Complainant {
  name: string
  /** Masked ("138****5678"); '' when none was given. */
  contact: string
}

export type Complaint = Schemas['Complaint']

/** POST /api/v1/complaints. */
export interface ComplaintInput {
  org_id: number
  kind: ComplaintKind
  category: ComplaintCategory
  channel: ComplaintChannel
  severity: ComplaintSeverity
  subject: string
  details: string
  complainant_name?: string
  complainant_contact?: string
  client_id?: number
  case_id?: number
  worker_concerned_id?: number
  handler_id?: number
  /** Format: date-time, with its offset; now when left out. */
  received_at?: string
}

/** POST /api/v1/complaints/{id}/actions. resolve needs resolution (and cause for a complaint), close
 *  needs satisfaction, reopen and withdraw need a note. */
export interface ComplaintActionInput {
  action: ComplaintAction
  note: string
  resolution?: string
  cause?: string
  satisfaction?: ComplaintSatisfaction
}

/** PUT /api/v1/complaints/{id}/handler. */
export interface ComplaintHandlerInput {
  handler_id: number
}

export interface ComplaintImprovement {
  improvement_id: number
}

/** The deadlines of an organisation's complaints, in working days (1–60 each). */
export type ComplaintPolicy = Schemas['ComplaintPolicy']

/** PUT /api/v1/complaints/policy. */
export type ComplaintPolicyInput = Omit<ComplaintPolicy, 'inherited_from'>

export type ComplaintSort = '-received_at' | 'received_at' | 'due'

/** The filters of the list and the export. */
export interface ComplaintFilterQuery {
  state?: ComplaintState
  kind?: ComplaintKind
  colour?: ComplaintColour
  org_id?: number
  /** Only those the caller handles. */
  mine?: boolean
  /** Format: date. Received on or after. */
  from?: string
  /** Format: date. Received on or before. */
  to?: string
  sort?: ComplaintSort
}

export interface ComplaintListQuery extends ComplaintFilterQuery, PageQuery {}

const list = endpoint('GET', '/api/v1/complaints')
const exportFile = fileEndpoint('GET', '/api/v1/complaints/export')
const create = endpoint('POST', '/api/v1/complaints')
const one = endpoint('GET', '/api/v1/complaints/{id}')
const act = endpoint('POST', '/api/v1/complaints/{id}/actions')
const handler = endpoint('PUT', '/api/v1/complaints/{id}/handler')
const improvement = endpoint('POST', '/api/v1/complaints/{id}/improvement')
const reveal = endpoint('POST', '/api/v1/complaints/{id}/reveal')
const policy = endpoint('GET', '/api/v1/complaints/policy')
const putPolicy = endpoint('PUT', '/api/v1/complaints/policy')

/** Complaints in the caller's scope (quality managers the agency's; others those they handle or
 *  received), newest first by default; needs clients.write or quality.read. */
export function getComplaintList(query: ComplaintListQuery = {}, options?: CallOptions): Promise<Page<Complaint>> {
  return list({ query: { ...query }, ...options })
}

/** The filtered complaints as an .xlsx workbook (contacts masked). */
export function exportComplaints(query: ComplaintFilterQuery = {}, options?: CallOptions): Promise<DownloadedFile> {
  return exportFile({ query: { ...query }, ...options })
}

/** Registers a complaint, suggestion or praise; needs clients.write. Errors: validation.failed. */
export function createComplaint(input: ComplaintInput, options?: CallOptions): Promise<Complaint> {
  return create({ body: input, ...options })
}

export function getComplaint(id: number, options?: CallOptions): Promise<Complaint> {
  return one({ params: { id }, ...options })
}

/** Acknowledges, resolves, closes, reopens or withdraws; answers the complaint as it now is.
 *  Errors: validation.failed (resolution, cause, satisfaction, note), 409 feedback.transition_invalid. */
export function actOnComplaint(id: number, input: ComplaintActionInput, options?: CallOptions): Promise<Complaint> {
  return act({ params: { id }, body: input, ...options })
}

/** Names the handler; quality managers. Errors: 400 with field handler_id code `concerned` (a worker
 *  never handles a complaint about themself). */
export function assignComplaintHandler(id: number, handlerId: number, options?: CallOptions): Promise<Complaint> {
  return handler({ params: { id }, body: { handler_id: handlerId }, ...options })
}

/** Opens a PDCA improvement cycle from the complaint; answers its id. */
export async function openComplaintImprovement(id: number, options?: CallOptions): Promise<number> {
  return (await improvement({ params: { id }, ...options })).improvement_id
}

/** The complainant's contact in clear, to call them back: its handler or a quality manager holding
 *  clients.reveal; the server records every view in the audit log. 409 feedback.no_contact. */
export async function revealComplainantContact(id: number, options?: CallOptions): Promise<string> {
  return (await reveal({ params: { id }, ...options })).contact
}

/** The organisation's complaint deadlines (its own or inherited). */
export function getComplaintPolicy(orgId: number, options?: CallOptions): Promise<ComplaintPolicy> {
  return policy({ query: { org_id: orgId }, ...options })
}

/** Sets the organisation's complaint deadlines; needs quality.manage. Errors: validation.failed (1–60). */
export function updateComplaintPolicy(input: ComplaintPolicyInput, options?: CallOptions): Promise<ComplaintPolicy> {
  return putPolicy({ body: input, ...options })
}
