// A timeline entry in words: the caseTerms.event text with its stage names and numbers (an
// escalation's days) filled in; a service record of mode crisis reads as a crisis intervention.
// The server keeps the entry's data (the record's mode, minutes and the start of its content, the
// fields a correction changed, a file's name); the sentence is built here, in the chosen language:
// "服务记录：家访 45 分钟 — 情绪较上周平稳", "阶段推进：预估 → 计划".
import type { TimelineEvent } from '@/api/cases'

type Translate = (key: string, values?: Record<string, unknown>) => string

const STAGE_KEYS = ['stage', 'from', 'to'] as const

/** The entries about one service record, which read as the record in brief. */
const SERVICE_KINDS = new Set(['service_added', 'service_corrected', 'service_withdrawn'])

/** A service record of mode crisis (危机介入). */
export function isCrisis(event: TimelineEvent): boolean {
  return event.kind === 'service_added' && event.data.mode === 'crisis'
}

export function eventText(event: TimelineEvent, t: Translate, te: (key: string) => boolean): string {
  const key = isCrisis(event) ? 'caseTerms.event.crisis_intervention' : `caseTerms.event.${event.kind}`
  if (!te(key)) return event.kind
  const values: Record<string, string> = {}
  for (const [name, value] of Object.entries(event.data)) if (typeof value === 'number') values[name] = String(value)
  for (const name of STAGE_KEYS) {
    const stage = event.data[name]
    if (typeof stage === 'string') values[name] = te(`caseTerms.stage.${stage}`) ? t(`caseTerms.stage.${stage}`) : stage
  }
  const risk = event.data.risk
  if (typeof risk === 'string' && te(`caseTerms.risk.${risk}`)) values.risk = t(`caseTerms.risk.${risk}`)
  for (const name of ['file_name', 'due_on', 'date'] as const) {
    const text = event.data[name]
    if (typeof text === 'string') values[name] = text
  }
  // A follow-up recorded since the situation is asked says how the client is.
  const situation = event.data.situation
  if (event.kind === 'followup_done' && typeof situation === 'string' && te(`caseDetail.followups.situations.${situation}`)) {
    values.situation = t(`caseDetail.followups.situations.${situation}`)
    return t('caseTerms.event.followup_done_situation', values)
  }
  if (SERVICE_KINDS.has(event.kind)) return serviceText(event, key, values, t, te)
  return t(key, values)
}

/** A service record's entry: "服务记录：家访 45 分钟 — 情绪较上周平稳"; a correction names the fields
 *  it changed. Entries written before the server kept the mode or minutes read as the bare kind. */
function serviceText(
  event: TimelineEvent,
  key: string,
  values: Record<string, string>,
  t: Translate,
  te: (key: string) => boolean,
): string {
  const { mode, minutes, excerpt, fields } = event.data
  let text = t(key, values)
  if (typeof mode === 'string' && typeof minutes === 'number') {
    const modeName = te(`caseTerms.mode.${mode}`) ? t(`caseTerms.mode.${mode}`) : mode
    // A crisis record's kind already says 危机介入: its mode is not said twice.
    const brief = isCrisis(event)
      ? t('caseTerms.event.serviceMinutes', { minutes })
      : t('caseTerms.event.serviceBrief', { mode: modeName, minutes })
    text = t('caseTerms.event.withDetail', { what: text, detail: brief })
  }
  if (event.kind === 'service_corrected' && Array.isArray(fields) && fields.length > 0) {
    const names = fields
      .filter((f): f is string => typeof f === 'string')
      .map((f) => (te(`caseTerms.serviceField.${f}`) ? t(`caseTerms.serviceField.${f}`) : f))
    text += t('caseTerms.event.changedFields', { fields: names.join(t('caseTerms.listSeparator')) })
  }
  if (typeof excerpt === 'string' && excerpt.trim() && event.kind !== 'service_withdrawn') text += ` — ${excerpt}`
  return text
}

/** Entries shown in the danger colour: the system's escalation of a late case (升级督办), and a
 *  crisis intervention (危机介入). */
export function isAlarm(event: TimelineEvent): boolean {
  return event.kind === 'escalated' || isCrisis(event)
}

/** The free text an entry carries: a decision's comment, a reopen's or transfer's reason. */
export function eventNote(event: TimelineEvent): { kind: 'comment' | 'reason'; text: string } | null {
  const { comment, reason } = event.data
  if (typeof comment === 'string' && comment.trim()) return { kind: 'comment', text: comment }
  if (typeof reason === 'string' && reason.trim()) return { kind: 'reason', text: reason }
  return null
}
