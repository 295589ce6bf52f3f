// The timeline says what happened, in the chosen language: a service record in brief with the
// start of its content, a move as "阶段推进：预估 → 计划", a decision with its comment, a correction
// with the fields it changed, a withdrawal or a step back with its reason. Entries written before
// the server kept the details read as their bare kind.
import { describe, expect, it } from 'vitest'
import type { TimelineEvent } from '@/api/cases'
import { i18n, setLocale } from '@/locales'
import { eventNote, eventText } from '@/views/cases/detail/timeline'

function entry(kind: string, data: Record<string, unknown>): TimelineEvent {
  return { id: 1, at: '2026-12-03T10:00:00+08:00', actor: { id: 5, name: '王芳' }, kind, data }
}

function say(event: TimelineEvent): string {
  const { t, te } = i18n.global
  return eventText(event, (key, values) => t(key, values ?? {}), (key) => te(key))
}

describe('timeline sentences', () => {
  const cases: { name: string; event: TimelineEvent; zh: string; en: string }[] = [
    {
      name: 'a service record with its content',
      event: entry('service_added', { service_id: 4, mode: 'home_visit', minutes: 45, excerpt: '情绪较上周平稳' }),
      zh: '服务记录：家访 45 分钟 — 情绪较上周平稳',
      en: 'Service record: Home visit, 45 min — 情绪较上周平稳',
    },
    {
      name: 'a record written before the excerpt was kept',
      event: entry('service_added', { service_id: 3, mode: 'phone', minutes: 30 }),
      zh: '服务记录：电话 30 分钟',
      en: 'Service record: Phone, 30 min',
    },
    {
      name: 'a crisis intervention',
      event: entry('service_added', { service_id: 5, mode: 'crisis', minutes: 90, excerpt: '评估自伤风险' }),
      zh: '危机介入：90 分钟 — 评估自伤风险',
      en: 'Crisis intervention: 90 min — 评估自伤风险',
    },
    {
      name: 'a follow-up with how the client is now',
      event: entry('followup_done', { followup_id: 2, due_on: '2026-12-25', situation: 'worse', note: '血压不稳' }),
      zh: '完成回访（2026-12-25）：案主情况变差',
      en: 'Follow-up done (2026-12-25): Worse',
    },
    {
      name: 'a follow-up recorded before the situation was asked',
      event: entry('followup_done', { followup_id: 1, due_on: '2026-06-25', note: '电话回访' }),
      zh: '完成回访（2026-06-25）',
      en: 'Follow-up done (2026-06-25)',
    },
    {
      name: 'a case opened for the needs a follow-up found',
      event: entry('followup_new_case', { followup_id: 2, case_id: 812 }),
      zh: '为回访发现的新需求新建个案 #812',
      en: 'Opened case #812 for needs found at a follow-up',
    },
    {
      name: 'a correction',
      event: entry('service_corrected', {
        service_id: 4,
        mode: 'home_visit',
        minutes: 45,
        excerpt: '情绪较上周平稳',
        fields: ['minutes', 'content'],
      }),
      zh: '修改服务记录：家访 45 分钟（修改了时长、服务内容） — 情绪较上周平稳',
      en: 'Service record corrected: Home visit, 45 min (changed: minutes, content) — 情绪较上周平稳',
    },
    {
      name: 'a withdrawal',
      event: entry('service_withdrawn', { service_id: 4, mode: 'phone', minutes: 20, reason: '记错个案' }),
      zh: '撤回服务记录：电话 20 分钟',
      en: 'Service record withdrawn: Phone, 20 min',
    },
    {
      name: 'a move',
      event: entry('moved', { from: 'assessment', to: 'planning' }),
      zh: '阶段推进：预估 → 计划',
      en: 'Stage moved on: Assessment → Planning',
    },
    {
      name: 'an approval',
      event: entry('approved', { approval_id: 2, from: 'planning', to: 'intervention', comment: '同意' }),
      zh: '督导批准：计划 → 介入',
      en: 'Approved: Planning → Intervention',
    },
    {
      name: 'a step back',
      event: entry('stepped_back', { from: 'planning', to: 'assessment', reason: '需重新预估' }),
      zh: '从计划退回预估',
      en: 'Stepped back from Planning to Assessment',
    },
    {
      name: 'a file',
      event: entry('attachment_added', { attachment_id: 1, file_name: '知情同意书.pdf' }),
      zh: '上传附件：知情同意书.pdf',
      en: 'File uploaded: 知情同意书.pdf',
    },
    {
      name: 'an unknown kind',
      event: entry('something_new', {}),
      zh: 'something_new',
      en: 'something_new',
    },
  ]

  for (const c of cases) {
    it(`says ${c.name} in both languages`, () => {
      setLocale('zh-CN')
      expect(say(c.event)).toBe(c.zh)
      setLocale('en')
      expect(say(c.event)).toBe(c.en)
      setLocale('zh-CN')
    })
  }

  it('keeps the comment of a decision and the reason of a withdrawal or step back', () => {
    expect(eventNote(entry('approved', { comment: '同意，注意家属支持' }))).toEqual({ kind: 'comment', text: '同意，注意家属支持' })
    expect(eventNote(entry('service_withdrawn', { reason: '记错个案' }))).toEqual({ kind: 'reason', text: '记错个案' })
    expect(eventNote(entry('stepped_back', { reason: '需重新预估' }))).toEqual({ kind: 'reason', text: '需重新预估' })
    expect(eventNote(entry('approved', { comment: '' }))).toBeNull()
  })
})
