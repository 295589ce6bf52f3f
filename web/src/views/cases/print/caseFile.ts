// What the printed case file adds to the stage forms (issue 12): the steps back from the timeline,
// and the evaluation's scale results before and after the service.
import type { FormData, TimelineEvent } from '@/api/cases'

export interface StepBack {
  at: string
  from: string
  to: string
  reason: string
  by: string | null
}

/** The timeline's steps back, in the order given (the file prints the oldest first). */
export function stepsBack(events: readonly TimelineEvent[]): StepBack[] {
  return events
    .filter((e) => e.kind === 'stepped_back')
    .map((e) => ({
      at: e.at,
      from: String(e.data.from ?? ''),
      to: String(e.data.to ?? ''),
      reason: typeof e.data.reason === 'string' ? e.data.reason : '',
      by: e.actor?.name ?? null,
    }))
}

export interface ScaleResult {
  scale: string
  pre: number | null
  post: number | null
  change: number | null
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null
}

/** The evaluation's scale_results ({scale, name?, pre, post, change}); the change is worked out
 *  when only pre and post are there. A scale is named by the name typed ("other" scales), else by
 *  its label among `labels` (the form's choices, in the chosen language), else by its code. */
export function scaleResults(data: FormData | undefined, labels: Record<string, string> = {}): ScaleResult[] {
  const rows = data?.scale_results
  if (!Array.isArray(rows)) return []
  return rows
    .filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null)
    .map((r) => {
      const pre = num(r.pre)
      const post = num(r.post)
      const given = num(r.change)
      const change = given ?? (pre !== null && post !== null ? Math.round((post - pre) * 100) / 100 : null)
      const code = String(r.scale ?? '')
      const name = typeof r.name === 'string' && r.name.trim() ? r.name : (labels[code] ?? code)
      return { scale: name, pre, post, change }
    })
}

/** A change with its sign ("+3", "−2.5", "0"). */
export function signed(change: number | null): string {
  if (change === null) return '—'
  if (change > 0) return `+${change}`
  if (change < 0) return `−${Math.abs(change)}`
  return '0'
}
