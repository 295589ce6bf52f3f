// A timeline entry in words: the caseTerms.event text with its stage names and numbers (an
// escalation's days) filled in; a service record of mode crisis reads as a crisis intervention.
import type { TimelineEvent } from '@/api/cases'

type Translate = (key: string, values?: Record<string, unknown>) => string

const STAGE_KEYS = ['stage', 'from', 'to'] as const

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
  return t(key, values)
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
