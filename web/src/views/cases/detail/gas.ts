// Goal Attainment Scaling (目标达成量表): the Kiresuk–Sherman T-score the evaluation form previews
// while the worker picks each goal's attained level. The server computes the same on save
// (src/modules/cases/gas.hpp) and its value is the one kept; this is only the live preview.
//
//   T = 50 + 10·Σ(wᵢxᵢ) / sqrt((1−ρ)·Σwᵢ² + ρ·(Σwᵢ)²),   ρ = 0.3
import { isObject } from '@/components/schema-form/schema'

/** The assumed correlation between goals' scores. */
export const GAS_RHO = 0.3

export interface GasGoal {
  weight: number
  /** The attained level, −2 … +2. */
  level: number
}

/** The T-score, or null for no goals, a weight ≤ 0 or a level outside −2…+2. */
export function gasTScore(goals: GasGoal[], rho = GAS_RHO): number | null {
  if (goals.length === 0) return null
  let sumWx = 0
  let sumW = 0
  let sumW2 = 0
  for (const { weight, level } of goals) {
    if (!(weight > 0) || !Number.isInteger(level) || level < -2 || level > 2) return null
    sumWx += weight * level
    sumW += weight
    sumW2 += weight * weight
  }
  return 50 + (10 * sumWx) / Math.sqrt((1 - rho) * sumW2 + rho * sumW * sumW)
}

/** Rounded to two decimals, as the server stores it. */
export function roundScore(score: number): number {
  return Math.round(score * 100) / 100
}

export interface GasPreview {
  /** The preview, when every goal has a level. */
  score: number | null
  /** Goals without an attained level yet. */
  unrated: number
  /** Some goal's weight is not above 0. */
  invalid: boolean
}

/** The preview from the evaluation form's goal_attainment rows (a missing weight counts as 1, as on the server). */
export function previewFromRows(rows: unknown): GasPreview {
  const list = Array.isArray(rows) ? rows.filter(isObject) : []
  const goals: GasGoal[] = []
  let unrated = 0
  let invalid = false
  for (const row of list) {
    const level = row.attained
    const weight = typeof row.weight === 'number' ? row.weight : 1
    if (!(weight > 0)) invalid = true
    if (typeof level !== 'number') unrated++
    else goals.push({ weight, level })
  }
  const score = !invalid && unrated === 0 ? gasTScore(goals) : null
  return { score: score === null ? null : roundScore(score), unrated, invalid }
}
