// A notification in words: the server sends kind + params, the words are ours, in the user's
// language. Plain functions of the notification and a translator, so the bell, the toast and the
// notifications page say the same thing and tests check every kind without a browser.
import type { AppNotification, NotificationParamValue } from '@/api/notifications'
import { casePath, formatDateTime } from '@/views/cases/caseDisplay'
import { complaintPath } from '@/views/complaints/complaints'
import { INTAKE_PATH } from '@/views/intake/intake'

export type Translate = (key: string, values?: Record<string, unknown>) => string
export type HasKey = (key: string) => boolean

export interface NotificationWords {
  /** The kind's short name (督导审批, 升级督办 …): the toast's title, the item's tag. */
  title: string
  /** What happened (孙桂英 的服务计划待审批（王芳 提交）). */
  body: string
  /** Both on one line (督导审批：孙桂英 的服务计划待审批（王芳 提交）). */
  text: string
}

/** How an item is marked: the danger colour for what is late, warning for what is near. */
export type NotificationTone = 'danger' | 'warning' | 'success' | 'primary' | 'info'

function str(value: NotificationParamValue | undefined): string {
  if (value === null || value === undefined) return ''
  return String(value)
}

/** A stage code in words ("planning" → 计划); an unknown code as it came. */
function stageName(code: string, t: Translate, te: HasKey): string {
  const key = `caseTerms.stage.${code}`
  return code && te(key) ? t(key) : code
}

/** A risk level in words ("high" → 高); an unknown code as it came. */
function riskName(code: string, t: Translate, te: HasKey): string {
  const key = `caseTerms.risk.${code}`
  return code && te(key) ? t(key) : code
}

/** What a move asks approval of: the service plan, the closure, or the move itself. */
function approvalSubject(from: string, to: string, t: Translate, te: HasKey, kind = ''): string {
  if (kind === 'plan_revision') return t('notifications.subject.planRevision')
  if (from === 'planning' && to === 'intervention') return t('notifications.subject.plan')
  if (from === 'evaluation' && to === 'closed') return t('notifications.subject.closure')
  return t('notifications.subject.move', { from: stageName(from, t, te), to: stageName(to, t, te) })
}

function bodyOf(n: AppNotification, t: Translate, te: HasKey): string {
  const p = n.params
  const client = str(p.client_name)
  const stage = stageName(str(p.stage), t, te)
  switch (n.kind) {
    case 'approval_requested':
      return t('notifications.body.approval_requested', {
        client,
        subject: approvalSubject(str(p.from), str(p.to), t, te, str(p.kind)),
        by: str(p.requested_by),
      })
    case 'approval_decided': {
      const key = p.decision === 'reject' ? 'rejected' : 'approved'
      const base = t(`notifications.body.approval_decided.${key}`, {
        client,
        subject: approvalSubject(str(p.from), str(p.to), t, te, str(p.kind)),
        by: str(p.decided_by),
      })
      const comment = str(p.comment).trim()
      return comment ? base + t('notifications.body.comment', { comment }) : base
    }
    case 'case_transferred':
    case 'supervisor_assigned': {
      const base = t(`notifications.body.${n.kind}`, { client, stage, by: str(p.by) })
      const reason = str(p.reason).trim()
      return reason ? base + t('notifications.body.reason', { reason }) : base
    }
    case 'deadline_soon':
    case 'deadline_overdue':
      return t(`notifications.body.${n.kind}`, { client, stage, due: formatDateTime(str(p.due_at)) })
    case 'case_escalated':
      return t('notifications.body.case_escalated', { client, stage, days: str(p.days) })
    case 'followup_due':
      return t('notifications.body.followup_due', { client, date: str(p.due_on) })
    case 'risk_review_requested':
      return t('notifications.body.risk_review_requested', { client, risk: riskName(str(p.risk), t, te), by: str(p.requested_by) })
    case 'risk_reviewed': {
      const base = t('notifications.body.risk_reviewed', { client, risk: riskName(str(p.risk), t, te), by: str(p.reviewed_by) })
      const comment = str(p.comment).trim()
      return comment ? base + t('notifications.body.comment', { comment }) : base
    }
    case 'quality_signal': {
      const name = str(p[t('notifications.indicatorNameParam')]) || str(p.indicator)
      return t('notifications.body.quality_signal', { org: str(p.org), indicator: name, period: str(p.period), rules: str(p.rules) })
    }
    case 'complaint_overdue': {
      const key = p.level === 'leader' ? 'leader' : 'supervisor'
      return t(`notifications.body.complaint_overdue.${key}`, { org: str(p.org), subject: str(p.subject), due: formatDateTime(str(p.due)) })
    }
    case 'complaint_assigned':
      return t('notifications.body.complaint_assigned', { subject: str(p.subject) })
    case 'intake_request_received':
      return t('notifications.body.intake_request_received', { name: str(p.name), reference: str(p.reference) })
    default:
      return client ? t('notifications.body.unknownAbout', { client }) : t('notifications.body.unknown')
  }
}

/** The notification's title and text in the current language; a kind this app does not know yet gets a
 *  generic sentence rather than its code. */
export function notificationWords(n: AppNotification, t: Translate, te: HasKey): NotificationWords {
  const titleKey = `notifications.kind.${n.kind}`
  const title = te(titleKey) ? t(titleKey) : t('notifications.kind.other')
  const body = bodyOf(n, t, te)
  return { title, body, text: t('notifications.line', { title, body }) }
}

export function notificationTone(n: AppNotification): NotificationTone {
  switch (n.kind) {
    case 'case_escalated':
    case 'deadline_overdue':
    case 'risk_review_requested':
    case 'complaint_overdue':
      return 'danger'
    case 'deadline_soon':
    case 'followup_due':
    case 'quality_signal':
      return 'warning'
    case 'approval_requested':
    case 'complaint_assigned':
    case 'intake_request_received':
      return 'primary'
    case 'approval_decided':
      return n.params.decision === 'reject' ? 'danger' : 'success'
    default:
      return 'info'
  }
}

/** Where clicking a notification leads: its case's page (an approval waiting is decided on the case
 *  page's banner too), a complaint's page, the 接案申请 queue; null when it is about nothing the app
 *  can open. */
export function notificationTarget(n: AppNotification): string | null {
  // A signal is handled on the quality overview's signal panel.
  if (n.kind === 'quality_signal') return '/quality'
  // A complaint's notifications lead to its page, whatever the subject says.
  if (n.kind === 'complaint_overdue' || n.kind === 'complaint_assigned') {
    const id = Number(n.params.complaint_id)
    return Number.isInteger(id) && id > 0 ? complaintPath(id) : '/complaints'
  }
  // A booking request is handled in the queue (accepted, declined or assigned there).
  if (n.kind === 'intake_request_received') return INTAKE_PATH
  if (n.subject_type !== 'case' || n.subject_id === null) return null
  return casePath(n.subject_id)
}

/** "刚刚", "5 分钟前", "3 小时前", "2 天前", then the local date and time ("2026-03-10 09:30"). */
export function relativeTime(iso: string, t: Translate, now: Date = new Date()): string {
  const ms = now.getTime() - Date.parse(iso)
  if (!Number.isFinite(ms)) return ''
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 1) return t('notifications.time.justNow')
  if (minutes < 60) return t('notifications.time.minutes', { n: minutes })
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return t('notifications.time.hours', { n: hours })
  const days = Math.floor(hours / 24)
  if (days < 7) return t('notifications.time.days', { n: days })
  return formatDateTime(iso)
}

export interface ToastContent {
  title: string
  message: string
  type: 'success' | 'warning' | 'info' | 'error'
}

const TOAST_TYPES: Record<NotificationTone, ToastContent['type']> = {
  danger: 'error',
  warning: 'warning',
  success: 'success',
  primary: 'info',
  info: 'info',
}

/** The toast for notifications that just arrived (newest first): the newest in words, and how many
 *  more came with it. */
export function toastContent(fresh: AppNotification[], t: Translate, te: HasKey): ToastContent {
  const words = notificationWords(fresh[0], t, te)
  const more = fresh.length > 1 ? t('notifications.toastMore', { count: fresh.length - 1 }) : ''
  return {
    title: words.title,
    message: more ? t('notifications.toastWithMore', { body: words.body, more }) : words.body,
    type: TOAST_TYPES[notificationTone(fresh[0])],
  }
}
