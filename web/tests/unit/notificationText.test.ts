// Every notification kind in words, in Chinese and in English: the bell, the toast and the
// notifications page all say these. Also the tone an item is marked with, where it leads, the
// relative times, the toast's text, and a kind this app does not know yet.
import { afterEach, describe, expect, it } from 'vitest'
import { NOTIFICATION_KINDS, type AppNotification, type NotificationKind } from '@/api/notifications'
import { i18n, setLocale, type Locale } from '@/locales'
import {
  notificationTarget,
  notificationTone,
  notificationWords,
  relativeTime,
  toastContent,
} from '@/views/notifications/notificationText'

function make(kind: string, params: AppNotification['params'], subjectId: number | null = 42): AppNotification {
  return {
    id: 1,
    kind,
    org_id: 3,
    subject_type: subjectId === null ? '' : 'case',
    subject_id: subjectId,
    params,
    created_at: '2026-12-03T09:30:00+08:00',
    read_at: null,
  }
}

const SAMPLES: Record<NotificationKind, AppNotification> = {
  approval_requested: make('approval_requested', {
    client_name: '孙桂英',
    from: 'planning',
    to: 'intervention',
    approval_id: 7,
    requested_by: '王芳',
  }),
  approval_decided: make('approval_decided', {
    client_name: '孙桂英',
    from: 'evaluation',
    to: 'closed',
    decision: 'approve',
    comment: '',
    decided_by: '林晓燕',
  }),
  case_transferred: make('case_transferred', { client_name: '孙桂英', stage: 'assessment', reason: '', by: '王芳' }),
  supervisor_assigned: make('supervisor_assigned', { client_name: '孙桂英', stage: 'planning', reason: '', by: '陈志远' }),
  deadline_soon: make('deadline_soon', { client_name: '孙桂英', stage: 'assessment', due_at: '2026-12-04T23:59:59+08:00' }),
  deadline_overdue: make('deadline_overdue', { client_name: '孙桂英', stage: 'planning', due_at: '2026-12-02T23:59:59+08:00' }),
  case_escalated: make('case_escalated', {
    client_name: '孙桂英',
    stage: 'evaluation',
    due_at: '2026-11-30T23:59:59+08:00',
    days: 3,
  }),
  followup_due: make('followup_due', { client_name: '孙桂英', followup_id: 9, due_on: '2026-12-03' }),
  risk_review_requested: make('risk_review_requested', { client_name: '孙桂英', risk: 'high', review_id: 4, requested_by: '王芳' }),
  risk_reviewed: make('risk_reviewed', { client_name: '孙桂英', risk: 'critical', comment: '已联系家属', reviewed_by: '林晓燕' }),
  quality_signal: make('quality_signal', {
    indicator: 'assessment_on_time',
    indicator_name_zh: '预估按时完成率',
    indicator_name_en: 'Assessments on time',
    org: '江城市阳光社会工作服务中心',
    org_id: 2,
    period: '2026-10',
    rules: '1, 4',
  }),
  complaint_overdue: make('complaint_overdue', {
    complaint_id: 12,
    subject: '上门服务迟到',
    level: 'supervisor',
    due: '2026-12-04T17:30:00+08:00',
    org: '阳光社工站',
  }),
  complaint_assigned: make('complaint_assigned', { complaint_id: 12, subject: '上门服务迟到' }),
  intake_request_received: { ...make('intake_request_received', { request_id: 31, reference: 'K7QX3M9P', name: '王阿姨' }), subject_type: 'intake_request', subject_id: 31 },
}

const EXPECTED: Record<Locale, Record<NotificationKind, string>> = {
  'zh-CN': {
    approval_requested: '督导审批：孙桂英 的服务计划待审批（王芳 提交）',
    approval_decided: '审批结果：孙桂英 的结案申请已由 林晓燕 批准',
    case_transferred: '个案转交：王芳 将 孙桂英 的个案（预估阶段）转交给您',
    supervisor_assigned: '督导安排：陈志远 安排您督导 孙桂英 的个案（计划阶段）',
    deadline_soon: '时限提醒：孙桂英 预估阶段将于 2026-12-04 23:59 到期',
    deadline_overdue: '个案逾期：孙桂英 计划阶段已于 2026-12-02 23:59 逾期',
    case_escalated: '个案已升级督办：孙桂英 评估阶段逾期 3 天',
    followup_due: '回访提醒：孙桂英 的结案回访应于 2026-12-03 完成',
    risk_review_requested: '风险审阅：孙桂英 的预估评为高风险，待您审阅（王芳 提交）',
    risk_reviewed: '风险审阅结果：孙桂英 的极高风险预估已由 林晓燕 审阅，意见：已联系家属',
    quality_signal: '质量信号：江城市阳光社会工作服务中心 的“预估按时完成率”在 2026-10 出现信号（判异规则 1, 4）',
    complaint_overdue: '投诉超时：阳光社工站 的投诉“上门服务迟到”已于 2026-12-04 17:30 超时，已上报督导',
    complaint_assigned: '投诉待处理：投诉“上门服务迟到”已指派给您处理',
    intake_request_received: '新的咨询预约：王阿姨 在线提交了咨询预约（预约编号 K7QX3M9P），请尽快联系',
  },
  en: {
    approval_requested: "Approval: 孙桂英's service plan awaits your approval (submitted by 王芳)",
    approval_decided: "Decision: 孙桂英's case closure was approved by 林晓燕",
    case_transferred: "Case handed over: 王芳 handed 孙桂英's case (Assessment) to you",
    supervisor_assigned: "Supervision: 陈志远 asked you to supervise 孙桂英's case (Planning)",
    deadline_soon: "Deadline soon: 孙桂英's Assessment stage is due 2026-12-04 23:59",
    deadline_overdue: "Overdue: 孙桂英's Planning stage was due 2026-12-02 23:59",
    case_escalated: "Case escalated: 孙桂英's Evaluation stage is 3 days overdue",
    followup_due: "Follow-up due: 孙桂英's follow-up is due on 2026-12-03",
    risk_review_requested: "Risk review: 孙桂英's assessment rates the risk High: it awaits your review (王芳)",
    risk_reviewed: "Risk reviewed: 孙桂英's Critical-risk assessment was reviewed by 林晓燕; comment: 已联系家属",
    quality_signal: 'Quality signal: 江城市阳光社会工作服务中心: Assessments on time broke rule 1, 4 in 2026-10',
    complaint_overdue: 'Complaint overdue: 阳光社工站: the complaint "上门服务迟到" was due 2026-12-04 17:30; the supervisor has been told',
    complaint_assigned: 'Complaint to handle: The complaint "上门服务迟到" is yours to handle',
    intake_request_received: 'New booking request: 王阿姨 asked for help online (reference K7QX3M9P): please call back soon',
  },
}

function words(n: AppNotification) {
  return notificationWords(n, i18n.global.t, i18n.global.te)
}

afterEach(() => setLocale('zh-CN'))

describe('notification words', () => {
  it('has a sample for every kind the server sends', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...NOTIFICATION_KINDS].sort())
  })

  for (const locale of ['zh-CN', 'en'] as const) {
    it.each(NOTIFICATION_KINDS)(`says %s in ${locale}`, (kind) => {
      setLocale(locale)
      const said = words(SAMPLES[kind])
      expect(said.text).toBe(EXPECTED[locale][kind])
      expect(said.text.startsWith(said.title)).toBe(true)
      expect(said.text.endsWith(said.body)).toBe(true)
    })
  }

  it('names the plan, the closure or the move an approval is about', () => {
    const closure = make('approval_requested', { client_name: '何军', from: 'evaluation', to: 'closed', approval_id: 1, requested_by: '李强' })
    expect(words(closure).body).toBe('何军 的结案申请待审批（李强 提交）')
    const other = make('approval_requested', { client_name: '何军', from: 'intake', to: 'assessment', approval_id: 1, requested_by: '李强' })
    expect(words(other).body).toBe('何军 的接案→预估申请待审批（李强 提交）')
    setLocale('en')
    expect(words(other).body).toBe("何军's move from Intake to Assessment awaits your approval (submitted by 李强)")
  })

  it('calls a plan revision by its name, not by its stages', () => {
    const revision = make('approval_requested', {
      client_name: '何军',
      from: 'intervention',
      to: 'intervention',
      kind: 'plan_revision',
      approval_id: 1,
      requested_by: '李强',
    })
    expect(words(revision).body).toBe('何军 的服务计划修订待审批（李强 提交）')
    setLocale('en')
    expect(words(revision).body).toBe("何军's service plan revision awaits your approval (submitted by 李强)")
  })

  it('says a rejection with its comment, and a hand-over with its reason', () => {
    const rejected = make('approval_decided', {
      client_name: '孙桂英',
      from: 'planning',
      to: 'intervention',
      decision: 'reject',
      comment: '目标请写成可观察的行为',
      decided_by: '林晓燕',
    })
    expect(words(rejected).text).toBe('审批结果：孙桂英 的服务计划被 林晓燕 退回，意见：目标请写成可观察的行为')
    const handed = make('case_transferred', { client_name: '孙桂英', stage: 'intake', reason: '休产假', by: '王芳' })
    expect(words(handed).body).toBe('王芳 将 孙桂英 的个案（接案阶段）转交给您，原因：休产假')
    setLocale('en')
    expect(words(rejected).body).toBe("孙桂英's service plan was sent back by 林晓燕; comment: 目标请写成可观察的行为")
    expect(words(handed).body).toBe("王芳 handed 孙桂英's case (Intake) to you; reason: 休产假")
  })

  it('says something sensible of a kind it does not know, and of an unknown stage', () => {
    expect(words(make('budget_exceeded', { client_name: '孙桂英' })).text).toBe('通知：关于 孙桂英 的新通知')
    expect(words(make('budget_exceeded', {}, null)).text).toBe('通知：您有一条新通知')
    expect(words(make('case_escalated', { client_name: '孙桂英', stage: 'aftercare', days: 3 })).body).toBe('孙桂英 aftercare阶段逾期 3 天')
    setLocale('en')
    expect(words(make('budget_exceeded', {}, null)).text).toBe('Notification: You have a new notification')
  })
})

describe('notification tone, target and time', () => {
  it('marks late things in the danger colour and near ones as warnings', () => {
    expect(notificationTone(SAMPLES.case_escalated)).toBe('danger')
    expect(notificationTone(SAMPLES.deadline_overdue)).toBe('danger')
    expect(notificationTone(SAMPLES.complaint_overdue)).toBe('danger')
    expect(notificationTone(SAMPLES.complaint_assigned)).toBe('primary')
    expect(notificationTone(SAMPLES.deadline_soon)).toBe('warning')
    expect(notificationTone(SAMPLES.followup_due)).toBe('warning')
    expect(notificationTone(SAMPLES.approval_requested)).toBe('primary')
    expect(notificationTone(SAMPLES.approval_decided)).toBe('success')
    expect(notificationTone(make('approval_decided', { decision: 'reject' }))).toBe('danger')
    expect(notificationTone(make('something_new', {}))).toBe('info')
  })

  it('leads to the case, the complaint, or nowhere', () => {
    expect(notificationTarget(SAMPLES.approval_requested)).toBe('/cases/42')
    expect(notificationTarget(SAMPLES.complaint_overdue)).toBe('/complaints/12')
    expect(notificationTarget(SAMPLES.complaint_assigned)).toBe('/complaints/12')
    expect(notificationTarget(make('complaint_assigned', { subject: '无编号' }, null))).toBe('/complaints')
    expect(notificationTarget(make('budget_exceeded', {}, null))).toBeNull()
    // A booking request leads to the queue, not to a case with the request's id.
    expect(notificationTarget(SAMPLES.intake_request_received)).toBe('/intake')
    expect(notificationTone(SAMPLES.intake_request_received)).toBe('primary')
  })

  it('says how long ago, then the local time', () => {
    const { t } = i18n.global
    const now = new Date('2026-12-03T10:00:00+08:00')
    expect(relativeTime('2026-12-03T09:59:40+08:00', t, now)).toBe('刚刚')
    expect(relativeTime('2026-12-03T09:55:00+08:00', t, now)).toBe('5 分钟前')
    expect(relativeTime('2026-12-03T07:00:00+08:00', t, now)).toBe('3 小时前')
    expect(relativeTime('2026-12-01T09:00:00+08:00', t, now)).toBe('2 天前')
    expect(relativeTime('2026-11-20T08:15:00+08:00', t, now)).toBe('2026-11-20 08:15')
    setLocale('en')
    expect(relativeTime('2026-12-03T09:55:00+08:00', t, now)).toBe('5 min ago')
  })

  it('toasts the newest, with how many more came', () => {
    const { t, te } = i18n.global
    expect(toastContent([SAMPLES.case_escalated], t, te)).toEqual({
      title: '个案已升级督办',
      message: '孙桂英 评估阶段逾期 3 天',
      type: 'error',
    })
    expect(toastContent([SAMPLES.deadline_soon, SAMPLES.followup_due, SAMPLES.approval_requested], t, te).message).toBe(
      '孙桂英 预估阶段将于 2026-12-04 23:59 到期（另有 2 条新通知）',
    )
  })
})
