// The PDCA board's pure parts: cycles grouped into a column per phase, the move a card offers (only
// what the server says is allowed now), and what a session's or a cycle's actions add up to.
import { PHASES, type Improvement, type Phase, type QualityAction } from '@/api/quality'

export type BoardColumns = Record<Phase, Improvement[]>

/** A column per phase, in PDCA order; within a column the most recently changed first. */
export function boardColumns(cycles: readonly Improvement[]): BoardColumns {
  const columns = Object.fromEntries(PHASES.map((p) => [p, [] as Improvement[]])) as BoardColumns
  for (const cycle of cycles) columns[cycle.phase].push(cycle)
  for (const phase of PHASES) columns[phase].sort((a, b) => b.updated_at.localeCompare(a.updated_at))
  return columns
}

/** The phase a card may move to now, or null (its phase still lacks something, or it is closed). */
export function nextMove(cycle: Pick<Improvement, 'phase' | 'allowed_moves'>): Phase | null {
  const index = PHASES.indexOf(cycle.phase)
  const next = index >= 0 && index < PHASES.length - 1 ? PHASES[index + 1] : null
  return next && cycle.allowed_moves.includes(next) ? next : null
}

/** Open, overdue and done counts of a list of actions. */
export function actionCounts(actions: readonly QualityAction[]): { open: number; overdue: number; done: number } {
  let open = 0
  let overdue = 0
  let done = 0
  for (const a of actions) {
    if (a.done) done++
    else {
      open++
      if (a.overdue) overdue++
    }
  }
  return { open, overdue, done }
}

/** "12, 15 ,x, 3" → [12, 15, 3]: the case numbers a form field names, each once. */
export function parseIds(text: string): number[] {
  const ids: number[] = []
  for (const part of text.split(/[,，\s]+/)) {
    if (!/^\d+$/.test(part)) continue
    const id = Number(part)
    if (id > 0 && !ids.includes(id)) ids.push(id)
  }
  return ids
}
