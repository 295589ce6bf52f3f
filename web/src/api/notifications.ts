// Notifications (通知): the signed-in user's own, newest first — GET /api/v1/notifications, one or
// all marked read — and the live stream (GET /api/v1/events, Server-Sent Events) that says when a
// new one has arrived. The server keeps facts (kind + params); the words are the web app's
// (views/notifications/notificationText.ts).
import type { Page, PageQuery } from './paging'
import { endpoint, endpoints, type CallOptions } from './request'
import type { RiskLevel, Stage } from './cases'
import type { components } from './schema'

export const NOTIFICATION_KINDS = [
  'approval_requested',
  'approval_decided',
  'case_transferred',
  'supervisor_assigned',
  'deadline_soon',
  'deadline_overdue',
  'case_escalated',
  'followup_due',
  'risk_review_requested',
  'risk_reviewed',
  'quality_signal',
  'complaint_overdue',
  'complaint_assigned',
  'intake_request_received',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** The params each kind carries (stages are codes such as "planning"; times local ISO). */
export interface NotificationParams {
  approval_requested: { client_name: string; from: Stage; to: Stage; approval_id: number; requested_by: string }
  approval_decided: {
    client_name: string
    from: Stage
    to: Stage
    decision: 'approve' | 'reject'
    comment: string
    decided_by: string
  }
  case_transferred: { client_name: string; stage: Stage; reason: string; by: string }
  supervisor_assigned: { client_name: string; stage: Stage; reason: string; by: string }
  deadline_soon: { client_name: string; stage: Stage; due_at: string }
  deadline_overdue: { client_name: string; stage: Stage; due_at: string }
  case_escalated: { client_name: string; stage: Stage; due_at: string; days: number }
  followup_due: { client_name: string; followup_id: number; due_on: string }
  risk_review_requested: { client_name: string; risk: RiskLevel; review_id: number; requested_by: string }
  risk_reviewed: { client_name: string; risk: RiskLevel; comment: string; reviewed_by: string }
  quality_signal: {
    indicator: string
    indicator_name_zh: string
    indicator_name_en: string
    org: string
    org_id: number
    period: string
    rules: string
  }
  /** A complaint's running deadline passed: the supervisor is told, then (later) the leader too. */
  complaint_overdue: { complaint_id: number; subject: string; level: 'supervisor' | 'leader'; due: string; org: string }
  /** The recipient now handles the complaint. */
  complaint_assigned: { complaint_id: number; subject: string }
  /** A citizen's booking request (咨询预约) reached the agency's queue (subject_type intake_request);
   *  its supervisors and leaders are told. */
  intake_request_received: { request_id: number; reference: string; name: string }
}

export type NotificationParamValue = AppNotification['params'][string]

/** One notification as the server sends it; `kind` may be one this app does not know yet. */
/** `kind` is one of NOTIFICATION_KINDS, or a newer one this app does not know yet. */
export type AppNotification = components['schemas']['Notification']

/** A page of notifications; `unread` counts all the caller's unread ones, not only this page's. */
export type NotificationPage = Page<AppNotification> & { unread: number }

export interface NotificationQuery extends PageQuery {
  /** true: only the unread. */
  unread?: boolean
}

/** The live stream's path (EventSource sends the session cookie, same origin). At most 8 per user. */
export const EVENTS_PATH = '/api/v1/events'

/** The stream's event names: `ready` on (re)connecting, `notification` with data {"kind"}, `resync`
 *  when some may have been missed. */
export type LiveEventName = 'ready' | 'notification' | 'resync'

const list = endpoint('GET', '/api/v1/notifications')
const read = endpoint('POST', '/api/v1/notifications/{id}/read')
const readAll = endpoint('POST', '/api/v1/notifications/read-all')
// The stream is opened with EventSource (stores/liveEvents.ts), not through the client; it is listed
// with the endpoints all the same, so that the OpenAPI check covers it.
endpoints.push({ method: 'GET', path: EVENTS_PATH })

export function getNotificationList(query: NotificationQuery = {}, options?: CallOptions): Promise<NotificationPage> {
  return list({ query: { ...query }, ...options })
}

/** Marks one of the caller's notifications read and answers it. Errors: notifications.not_found (404,
 *  also for another user's). */
export function markNotificationRead(id: number, options?: CallOptions): Promise<AppNotification> {
  return read({ params: { id }, ...options })
}

/** Marks all the caller's notifications read; answers how many were unread. */
export async function markAllNotificationsRead(options?: CallOptions): Promise<number> {
  return (await readAll({ ...options })).marked
}
