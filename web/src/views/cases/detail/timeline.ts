// A timeline entry in words: the caseTerms.event text with its stage names filled in.
import type { TimelineEvent } from '@/api/cases'

type Translate = (key: string, values?: Record<string, unknown>) => string

const STAGE_KEYS = ['stage', 'from', 'to'] as const

export function eventText(event: TimelineEvent, t: Translate, te: (key: string) => boolean): string {
  const key = `caseTerms.event.${event.kind}`
  if (!te(key)) return event.kind
  const values: Record<string, string> = {}
  for (const name of STAGE_KEYS) {
    const stage = event.data[name]
    if (typeof stage === 'string') values[name] = te(`caseTerms.stage.${stage}`) ? t(`caseTerms.stage.${stage}`) : stage
  }
  return t(key, values)
}

/** The free text an entry carries: a decision's comment, a reopen's or transfer's reason. */
export function eventNote(event: TimelineEvent): { kind: 'comment' | 'reason'; text: string } | null {
  const { comment, reason } = event.data
  if (typeof comment === 'string' && comment.trim()) return { kind: 'comment', text: comment }
  if (typeof reason === 'string' && reason.trim()) return { kind: 'reason', text: reason }
  return null
}
