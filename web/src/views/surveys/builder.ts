// The questionnaire builder's operations, as plain functions of the data (tested without a browser):
// a new item of a type (its id the next free "q<n>"), changing an item's type (keeping what still
// fits), moving and removing items without leaving a condition that names a later or missing item,
// renaming an item's id together with the conditions that name it, the 5-point Likert preset, our
// own checks before sending, and which of the server's field issues
// (`questionnaire.items[2].options`) belong to which item.
import { CHOICE_TYPES, SCORABLE_TYPES, type Item, type ItemType, type Option, type Questionnaire } from '@/api/surveys'

export const ID_PATTERN = /^[a-z0-9_]+$/
export const MIN_OPTIONS = 2
export const MAX_OPTIONS = 20
export const MIN_SCALE = 2
export const MAX_SCALE = 10

export function hasOptions(type: ItemType): boolean {
  return (CHOICE_TYPES as readonly ItemType[]).includes(type)
}

export function mayBeScored(type: ItemType): boolean {
  return (SCORABLE_TYPES as readonly ItemType[]).includes(type)
}

/** The next free id of the form "q<n>" (one more than the highest used). */
export function nextItemId(items: Pick<Item, 'id'>[]): string {
  let highest = 0
  for (const item of items) {
    const match = /^q(\d+)$/.exec(item.id)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  let n = highest + 1
  const used = new Set(items.map((i) => i.id))
  while (used.has(`q${n}`)) n++
  return `q${n}`
}

/** The next free option value: "1", "2", … */
export function nextOptionValue(options: Pick<Option, 'value'>[]): string {
  const used = new Set(options.map((o) => o.value))
  let n = options.length + 1
  for (let i = 1; i <= options.length + 1; i++) {
    if (!used.has(String(i))) {
      n = i
      break
    }
  }
  return String(n)
}

/** 非常不同意 … 非常同意, scored 1–5. */
export function likert5Options(): Option[] {
  return [
    { value: '1', label_zh: '非常不同意', label_en: 'Strongly disagree', score: 1 },
    { value: '2', label_zh: '不同意', label_en: 'Disagree', score: 2 },
    { value: '3', label_zh: '中立', label_en: 'Neutral', score: 3 },
    { value: '4', label_zh: '同意', label_en: 'Agree', score: 4 },
    { value: '5', label_zh: '非常同意', label_en: 'Strongly agree', score: 5 },
  ]
}

function blankOptions(count: number): Option[] {
  return Array.from({ length: count }, (_, i) => ({ value: String(i + 1), label_zh: '', label_en: '', score: null }))
}

/** A new item of the type, its id the next free "q<n>". */
export function newItem(type: ItemType, items: Pick<Item, 'id'>[]): Item {
  const item: Item = {
    id: nextItemId(items),
    type,
    text_zh: '',
    text_en: '',
    required: type !== 'section' && type !== 'text',
    scored: type === 'likert' || type === 'rating',
    scale_max: 5,
    options: [],
    show_if: null,
  }
  if (type === 'likert') item.options = likert5Options()
  else if (type === 'single' || type === 'multiple') item.options = blankOptions(2)
  return item
}

/** The item as it is under another type: options kept between choice types (a Likert needs
 *  scores), dropped otherwise; scored only where it may be; a section is never required. */
export function changeType(item: Item, type: ItemType): Item {
  const next: Item = { ...item, type, options: item.options.map((o) => ({ ...o })) }
  if (!hasOptions(type)) next.options = []
  else if (next.options.length === 0) next.options = type === 'likert' ? likert5Options() : blankOptions(2)
  if (!mayBeScored(type)) next.scored = false
  if (type === 'section') next.required = false
  if (type === 'rating' && (next.scale_max < MIN_SCALE || next.scale_max > MAX_SCALE)) next.scale_max = 5
  return next
}

/** The earlier items a condition of item `index` may name: those with options. */
export function conditionSources(items: Item[], index: number): Item[] {
  return items.slice(0, Math.max(0, index)).filter((item) => hasOptions(item.type))
}

/** The conditions that no longer hold together (naming a later, missing or option-less item, or
 *  values that are not options of it) dropped, or trimmed to the values that still exist. */
export function repairConditions(items: Item[]): Item[] {
  return items.map((item, index) => {
    const cond = item.show_if
    if (!cond) return item
    const source = conditionSources(items, index).find((s) => s.id === cond.item)
    if (!source) return { ...item, show_if: null }
    const values = new Set(source.options.map((o) => o.value))
    const anyOf = cond.any_of.filter((v) => values.has(v))
    if (anyOf.length === cond.any_of.length) return item
    return { ...item, show_if: anyOf.length > 0 ? { item: cond.item, any_of: anyOf } : null }
  })
}

/** The items with the one at `index` moved by `delta` (−1 up, +1 down); conditions repaired. */
export function moveItem(items: Item[], index: number, delta: number): Item[] {
  const target = index + delta
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return items
  const next = [...items]
  const [moved] = next.splice(index, 1)
  next.splice(target, 0, moved)
  return repairConditions(next)
}

/** The items without the one at `index`; conditions that named it dropped. */
export function removeItem(items: Item[], index: number): Item[] {
  return repairConditions(items.filter((_, i) => i !== index))
}

/** Renames item `from` to `to` in the conditions that name it. */
export function renameReferences(items: Item[], from: string, to: string): Item[] {
  if (from === to) return items
  return items.map((item) =>
    item.show_if && item.show_if.item === from ? { ...item, show_if: { ...item.show_if, item: to } } : item,
  )
}

/** Renames option `from` of item `itemId` to `to` in the conditions that name that value. */
export function renameOptionReferences(items: Item[], itemId: string, from: string, to: string): Item[] {
  if (from === to) return items
  return items.map((item) =>
    item.show_if && item.show_if.item === itemId && item.show_if.any_of.includes(from)
      ? { ...item, show_if: { item: itemId, any_of: item.show_if.any_of.map((v) => (v === from ? to : v)) } }
      : item,
  )
}

/** A deep copy (the builder edits its own; the built-in stays as the server sent it). */
export function copyQuestionnaire(q: Questionnaire): Questionnaire {
  return {
    title_zh: q.title_zh,
    title_en: q.title_en,
    items: q.items.map((item) => ({
      ...item,
      options: item.options.map((o) => ({ ...o })),
      show_if: item.show_if ? { item: item.show_if.item, any_of: [...item.show_if.any_of] } : null,
    })),
  }
}

export function emptyQuestionnaire(): Questionnaire {
  return { title_zh: '', title_en: '', items: [] }
}

/** The questionnaire as the server takes it: texts trimmed, options only where the type has them,
 *  scores only where the item is scored, scale_max kept for ratings. */
export function cleanQuestionnaire(q: Questionnaire): Questionnaire {
  return {
    title_zh: q.title_zh.trim(),
    title_en: q.title_en.trim(),
    items: q.items.map((item) => {
      const scored = mayBeScored(item.type) && item.scored
      return {
        id: item.id.trim(),
        type: item.type,
        text_zh: item.text_zh.trim(),
        text_en: item.text_en.trim(),
        required: item.type === 'section' ? false : item.required,
        scored,
        scale_max: item.scale_max,
        options: hasOptions(item.type)
          ? item.options.map((o) => ({
              value: o.value.trim(),
              label_zh: o.label_zh.trim(),
              label_en: o.label_en.trim(),
              score: scored && o.score !== null && Number.isFinite(o.score) ? o.score : null,
            }))
          : [],
        show_if: item.show_if && item.show_if.any_of.length > 0 ? { item: item.show_if.item, any_of: [...item.show_if.any_of] } : null,
      }
    }),
  }
}

/**
 * Our own checks, with the server's field paths ("questionnaire.items[2].options") → i18n key
 * (and values) of the message. The server checks again; these catch the common slips before a
 * round trip.
 */
export function questionnaireIssues(q: Questionnaire, prefix = 'questionnaire'): Record<string, { key: string; values?: Record<string, unknown> }> {
  const issues: Record<string, { key: string; values?: Record<string, unknown> }> = {}
  if (!q.items.some((item) => item.type !== 'section')) issues[`${prefix}.items`] = { key: 'surveys.builder.issues.noQuestions' }
  const ids = new Map<string, number>()
  q.items.forEach((item, i) => {
    const at = `${prefix}.items[${i}]`
    const id = item.id.trim()
    if (!ID_PATTERN.test(id)) issues[`${at}.id`] = { key: 'surveys.builder.issues.idPattern' }
    else if (ids.has(id)) issues[`${at}.id`] = { key: 'surveys.builder.issues.idTaken', values: { n: (ids.get(id) as number) + 1 } }
    else ids.set(id, i)
    if (!item.text_zh.trim()) issues[`${at}.text_zh`] = { key: 'surveys.builder.issues.textRequired' }
    if (hasOptions(item.type)) {
      if (item.options.length < MIN_OPTIONS || item.options.length > MAX_OPTIONS) {
        issues[`${at}.options`] = { key: 'surveys.builder.issues.optionCount', values: { min: MIN_OPTIONS, max: MAX_OPTIONS } }
      }
      const values = new Set<string>()
      item.options.forEach((o, j) => {
        const value = o.value.trim()
        if (!value) issues[`${at}.options[${j}].value`] = { key: 'surveys.builder.issues.valueRequired' }
        else if (values.has(value)) issues[`${at}.options[${j}].value`] = { key: 'surveys.builder.issues.valueTaken' }
        values.add(value)
        if (!o.label_zh.trim()) issues[`${at}.options[${j}].label_zh`] = { key: 'surveys.builder.issues.labelRequired' }
        if (mayBeScored(item.type) && item.scored && (o.score === null || !Number.isFinite(o.score))) {
          issues[`${at}.options[${j}].score`] = { key: 'surveys.builder.issues.scoreRequired' }
        }
      })
    }
    if (item.type === 'rating' && (!Number.isInteger(item.scale_max) || item.scale_max < MIN_SCALE || item.scale_max > MAX_SCALE)) {
      issues[`${at}.scale_max`] = { key: 'surveys.builder.issues.scaleRange', values: { min: MIN_SCALE, max: MAX_SCALE } }
    }
    if (item.show_if && item.show_if.any_of.length === 0) issues[`${at}.show_if`] = { key: 'surveys.builder.issues.conditionValues' }
  })
  return issues
}

/** An item's own issues out of all field issues: the part of the path after `…items[index]`
 *  ("" for the item itself, "options", "options[1].value", "show_if") → message. */
export function itemIssues(errors: Record<string, string>, index: number, prefix = 'questionnaire'): Record<string, string> {
  const head = `${prefix}.items[${index}]`
  const out: Record<string, string> = {}
  for (const [field, message] of Object.entries(errors)) {
    if (field === head) out[''] = message
    else if (field.startsWith(`${head}.`)) out[field.slice(head.length + 1)] = message
  }
  return out
}

/** The sub-paths an item's editor shows at their own fields; others are listed under the item. */
export function placedAtField(path: string): boolean {
  return /^(id|type|text_zh|text_en|required|scored|scale_max|options|show_if(\.[a-z_]+)?|options\[\d+\](\.(value|label_zh|label_en|score))?)$/.test(path)
}
