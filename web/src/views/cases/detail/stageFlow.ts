// The six stages as the case page walks them (docs/cases.md, "The stage machine"): which move the
// page offers next, which moves wait for a supervisor, and which stages a case has been through.
import { STAGES, type Case, type Stage } from '@/api/cases'

export function stageIndex(stage: Stage): number {
  return STAGES.indexOf(stage)
}

/** Intake decisions that close the case at once (转介, 不予接案). */
export const CLOSING_DECISIONS = ['refer_out', 'decline'] as const

export function closesAtIntake(decision: unknown): boolean {
  return (CLOSING_DECISIONS as readonly unknown[]).includes(decision)
}

/** The move the page offers from the case's stage, given the intake's decision; null when closed. */
export function nextStage(current: Stage, intakeDecision?: unknown): Stage | null {
  if (current === 'closed') return null
  if (current === 'intake' && closesAtIntake(intakeDecision)) return 'closed'
  return STAGES[stageIndex(current) + 1]
}

/** Planning → intervention and evaluation → closed need a supervisor's approval. */
export function needsApproval(from: Stage, to: Stage): boolean {
  return (from === 'planning' && to === 'intervention') || (from === 'evaluation' && to === 'closed')
}

/** When the case entered a stage (the opening for intake), or null when it never did. */
export function enteredAt(c: Case, stage: Stage): string | null {
  return stage === 'intake' ? c.opened_at : c.stage_started_at[stage]
}

export type StepStatus = 'wait' | 'process' | 'finish' | 'success'

/** A step's look: done, the one in progress, or not (yet) reached. */
export function stepStatus(c: Case, stage: Stage): StepStatus {
  const here = stageIndex(c.stage)
  const i = stageIndex(stage)
  if (c.stage === 'closed') return enteredAt(c, stage) !== null || i === here ? 'success' : 'wait'
  if (i < here) return 'success'
  if (i === here) return 'process'
  return 'wait'
}

/** Whether the stage's form can be opened: the case has been there (or is there now). */
export function canView(c: Case, stage: Stage): boolean {
  return stageIndex(stage) <= stageIndex(c.stage) || enteredAt(c, stage) !== null
}

/** The steps back a case may take from its stage (with a reason; not a reopening), nearest first. */
export function stepBacks(current: Stage): Stage[] {
  if (current === 'evaluation') return ['intervention', 'planning']
  if (current === 'intervention') return ['planning']
  return []
}
