// Answering a questionnaire, as plain functions of the data (tested without a browser): which items
// show given the answers so far (an item's show_if names an earlier item and the option values that
// reveal it; an item hidden by its condition also hides those that depend on it), which required
// items are still unanswered, the body POST …/answers takes (hidden items' answers dropped), and
// where the server's issues (`answers.<itemId>`) belong. The public page and the admin's preview
// both render through QuestionnaireForm, which keeps its drafts here.
import type { Answer, Item, Questionnaire } from '@/api/surveys'

/** What the form holds for one item while it is being answered. */
export interface Draft {
  /** single and likert: at most one value; multiple: any. */
  choices: string[]
  rating: number | null
  text: string
}

export type Drafts = Record<string, Draft>

export function emptyDraft(): Draft {
  return { choices: [], rating: null, text: '' }
}

/** An empty draft for every item of the questionnaire (sections included, harmlessly). */
export function emptyDrafts(questionnaire: Questionnaire): Drafts {
  return Object.fromEntries(questionnaire.items.map((item) => [item.id, emptyDraft()]))
}

/** Whether the item takes an answer (a section is only a heading). */
export function isQuestion(item: Item): boolean {
  return item.type !== 'section'
}

/** Whether the draft holds an answer for an item of this type. */
export function hasAnswer(item: Item, draft: Draft | undefined): boolean {
  if (!draft) return false
  switch (item.type) {
    case 'single':
    case 'multiple':
    case 'likert':
      return draft.choices.length > 0
    case 'rating':
      return draft.rating !== null
    case 'text':
      return draft.text.trim() !== ''
    default:
      return false
  }
}

/**
 * The ids of the items shown, in order. An item without a condition shows; one with a condition
 * shows when the item it names is itself shown (and earlier) and was answered with one of
 * `any_of`. A condition naming an unknown or later item hides the item (the server refuses those
 * questionnaires anyway).
 */
export function visibleItemIds(questionnaire: Questionnaire, drafts: Drafts): Set<string> {
  const shown = new Set<string>()
  const seen = new Set<string>()
  for (const item of questionnaire.items) {
    const cond = item.show_if
    if (!cond) {
      shown.add(item.id)
    } else if (seen.has(cond.item) && shown.has(cond.item)) {
      const chosen = drafts[cond.item]?.choices ?? []
      if (chosen.some((value) => cond.any_of.includes(value))) shown.add(item.id)
    }
    seen.add(item.id)
  }
  return shown
}

/** The items shown, in order. */
export function visibleItems(questionnaire: Questionnaire, drafts: Drafts): Item[] {
  const shown = visibleItemIds(questionnaire, drafts)
  return questionnaire.items.filter((item) => shown.has(item.id))
}

/** The ids of the shown, required questions that have no answer yet, in order. */
export function missingRequired(questionnaire: Questionnaire, drafts: Drafts): string[] {
  return visibleItems(questionnaire, drafts)
    .filter((item) => isQuestion(item) && item.required && !hasAnswer(item, drafts[item.id]))
    .map((item) => item.id)
}

/** One item's answer as the server takes it; null when it has none. */
export function answerOf(item: Item, draft: Draft | undefined): Answer | null {
  if (!draft || !hasAnswer(item, draft)) return null
  switch (item.type) {
    case 'single':
    case 'likert':
      return { choices: draft.choices.slice(0, 1) }
    case 'multiple': {
      // In the order of the options, each once.
      const order = item.options.map((o) => o.value)
      return { choices: order.filter((value) => draft.choices.includes(value)) }
    }
    case 'rating':
      return { rating: draft.rating as number }
    case 'text':
      return { text: draft.text.trim() }
    default:
      return null
  }
}

/** The `answers` of POST …/answers: every shown question that has an answer; the answers of items
 *  hidden by their conditions (and unanswered ones) are left out. */
export function buildAnswers(questionnaire: Questionnaire, drafts: Drafts): Record<string, Answer> {
  const out: Record<string, Answer> = {}
  for (const item of visibleItems(questionnaire, drafts)) {
    if (!isQuestion(item)) continue
    const answer = answerOf(item, drafts[item.id])
    if (answer) out[item.id] = answer
  }
  return out
}

/** Empties the drafts of items that are hidden now, so that a hidden item's answer does not come
 *  back when its condition holds again later without the person seeing it. Answers whether any
 *  draft changed. */
export function clearHidden(questionnaire: Questionnaire, drafts: Drafts): boolean {
  const shown = visibleItemIds(questionnaire, drafts)
  let changed = false
  for (const item of questionnaire.items) {
    const draft = drafts[item.id]
    if (shown.has(item.id) || !draft || !hasAnswer(item, draft)) continue
    drafts[item.id] = emptyDraft()
    changed = true
  }
  // Emptying one may hide others that depended on it.
  if (changed) clearHidden(questionnaire, drafts)
  return changed
}

/** The item an issue's field is about: "answers.q3" and "answers.q3.choices" → "q3"; null for
 *  other fields. */
export function issueItemId(field: string): string | null {
  const match = /^answers\.([a-z0-9_]+)/.exec(field)
  return match ? match[1] : null
}

/** The server's issues as item id → message (the first of each item); the rest as a list. */
export function placeIssues(details: { field: string; message: string }[]): { byItem: Record<string, string>; rest: string[] } {
  const byItem: Record<string, string> = {}
  const rest: string[] = []
  for (const d of details) {
    const id = issueItemId(d.field)
    if (id === null) rest.push(d.message)
    else if (!(id in byItem)) byItem[id] = d.message
  }
  return { byItem, rest }
}

/** A text in the page's language, falling back to the other one when it is empty. */
export function localized(locale: string, zh: string, en: string): string {
  if (locale === 'en') return en || zh
  return zh || en
}
