// Reading a stage form's JSON Schema (docs/cases.md, src/modules/cases/form_schema.hpp) for the
// renderer: the fields' order, which control each one gets, when it is required, the paths the
// server names in its issues ("goals[0].levels[2].description"), and the data to send.
import type { FormSchema } from '@/api/cases'

/** The control a schema node is rendered with. */
export type FieldKind =
  | 'object' // a fieldset of its properties
  | 'rows' // an array of objects: rows to add and remove
  | 'fixedRows' // an array of objects with one row per choice of its x-unique member (GAS levels)
  | 'multiEnum' // an array of choices: a multi-select
  | 'numberList' // an array of integers in a small range: a multi-select of numbers
  | 'tags' // an array of free strings: a select that takes typed entries
  | 'enum' // one choice: radio buttons or a select
  | 'number'
  | 'boolean'
  | 'date'
  | 'text'
  | 'textarea'

export interface EnumOption {
  value: string | number
  label: string
}

export type Obj = Record<string, unknown>

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The node's type, ignoring "null" in a type list. */
export function schemaType(schema: FormSchema): string {
  const type = schema.type
  if (Array.isArray(type)) return type.find((t) => t !== 'null') ?? ''
  return type ?? (schema.properties ? 'object' : '')
}

/** An object's property names: x-order first (names it knows), then any others in their order. */
export function orderedKeys(schema: FormSchema): string[] {
  const props = Object.keys(schema.properties ?? {})
  const order = (schema['x-order'] ?? []).filter((k) => props.includes(k))
  return [...order, ...props.filter((k) => !order.includes(k))]
}

const englishCache = new WeakMap<FormSchema, FormSchema>()

/**
 * The schema as an English reader sees it: every title, description and set of choice labels
 * replaced by its English twin (x-title-en, x-description-en, x-enum-labels-en) where the schema
 * has one, the Chinese kept where it has none (an agency's field without an English title).
 */
export function inEnglish(schema: FormSchema): FormSchema {
  const known = englishCache.get(schema)
  if (known) return known
  const out: FormSchema = { ...schema }
  if (schema['x-title-en']) out.title = schema['x-title-en']
  if (schema['x-description-en']) out.description = schema['x-description-en']
  const labels = schema['x-enum-labels-en']
  if (labels && schema.enum && labels.length === schema.enum.length) out['x-enum-labels'] = labels
  if (schema.properties) {
    out.properties = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, inEnglish(v)]))
  }
  if (schema.items) out.items = inEnglish(schema.items)
  englishCache.set(schema, out)
  return out
}

/** The schema in the UI's language: English when the locale is English, else as written (Chinese). */
export function inLocale(schema: FormSchema, locale: string): FormSchema {
  return locale.startsWith('en') ? inEnglish(schema) : schema
}

/** A choice node's options with their labels (x-enum-labels, else the value itself). */
export function enumOptions(schema: FormSchema): EnumOption[] {
  const labels = schema['x-enum-labels'] ?? []
  return (schema.enum ?? []).map((value, i) => ({ value, label: labels[i] ?? String(value) }))
}

/** "+1", "0", "−2": how a GAS-like level reads. */
export function signed(value: number): string {
  if (value > 0) return `+${value}`
  if (value < 0) return `−${-value}`
  return '0'
}

/** The label of one choice: numeric choices lead with their number ("+1 高于预期"). */
export function optionLabel(option: EnumOption): string {
  return typeof option.value === 'number' && option.label !== String(option.value)
    ? `${signed(option.value)} ${option.label}`
    : option.label
}

/**
 * The member that makes each row of an array distinct, when the rows are exactly one per choice of
 * that member (minItems = maxItems = the number of choices): such an array is a fixed table.
 */
export function fixedRowsKey(schema: FormSchema): string | null {
  const key = schema['x-unique']
  if (!key || !schema.items) return null
  const choices = schema.items.properties?.[key]?.enum
  if (!choices || choices.length === 0) return null
  if (schema.minItems !== choices.length || schema.maxItems !== choices.length) return null
  return key
}

// Integer lists up to this wide get a select of every number; wider ones take typed numbers.
const MAX_NUMBER_CHOICES = 60

export function fieldKind(schema: FormSchema): FieldKind {
  const type = schemaType(schema)
  if (type === 'object') return 'object'
  if (type === 'array') {
    const items = schema.items ?? {}
    const itemType = schemaType(items)
    if (itemType === 'object') return fixedRowsKey(schema) ? 'fixedRows' : 'rows'
    if (items.enum) return 'multiEnum'
    if (itemType === 'integer' && items.minimum !== undefined && items.maximum !== undefined) {
      if (items.maximum - items.minimum < MAX_NUMBER_CHOICES) return 'numberList'
    }
    return 'tags'
  }
  if (schema.enum) return 'enum'
  if (type === 'integer' || type === 'number') return 'number'
  if (type === 'boolean') return 'boolean'
  if (schema.format === 'date') return 'date'
  // Long or unbounded text gets room to write.
  if (schema.maxLength === undefined || schema.maxLength > 200) return 'textarea'
  return 'text'
}

/** Kinds that take a whole line of the form rather than one cell of its grid. */
export function isWide(schema: FormSchema): boolean {
  const kind = fieldKind(schema)
  return ['object', 'rows', 'fixedRows', 'textarea', 'tags', 'multiEnum'].includes(kind)
}

/** Not filled in, as the server counts it: null, an all-blank string, an empty array. */
export function isEmptyValue(value: unknown): boolean {
  if (value === undefined || value === null) return true
  if (typeof value === 'string') return value.trim() === ''
  if (Array.isArray(value)) return value.length === 0
  return false
}

/** Whether `key` of an object is required now: listed in "required", or x-required-if matches. */
export function isRequired(parent: FormSchema, key: string, data: unknown): boolean {
  if (parent.required?.includes(key)) return true
  const condition = parent.properties?.[key]?.['x-required-if']
  if (!condition || !isObject(data)) return false
  return Object.entries(condition).every(([sibling, expected]) => {
    const value = data[sibling]
    return Array.isArray(expected) ? expected.includes(value) : value === expected
  })
}

export function childPath(base: string, key: string): string {
  return base ? `${base}.${key}` : key
}

export function itemPath(base: string, index: number): string {
  return `${base}[${index}]`
}

type Step = { key: string } | { index: number }

/** "goals[0].levels[2].description" → steps; null when malformed. */
export function parsePath(path: string): Step[] | null {
  const steps: Step[] = []
  for (const part of path.split('.')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/.exec(part)
    if (!match) return null
    steps.push({ key: match[1] })
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push({ index: Number(index[1]) })
  }
  return steps
}

/** The path without the form's root ("closed.reason" in the form rooted at "closed" → "reason"). */
export function stripRoot(path: string, root: string): string | null {
  if (!root) return path
  if (path === root) return ''
  return path.startsWith(`${root}.`) ? path.slice(root.length + 1) : null
}

/** The schema node a path names, or null when the form has no such field. */
export function resolvePath(schema: FormSchema, path: string, root = ''): FormSchema | null {
  const local = stripRoot(path, root)
  if (local === null) return null
  if (local === '') return schema
  const steps = parsePath(local)
  if (!steps) return null
  let node: FormSchema | undefined = schema
  for (const step of steps) {
    if (!node) return null
    node = 'key' in step ? node.properties?.[step.key] : node.items
  }
  return node ?? null
}

/** A path in words: "服务目标 1 › 达成等级 3 › 表现描述" (falls back to the path itself). */
export function pathLabel(schema: FormSchema, path: string, root = ''): string {
  const local = stripRoot(path, root)
  const steps = local === null ? null : local === '' ? [] : parsePath(local)
  if (!steps) return path
  const parts: string[] = root && schema.title ? [schema.title] : []
  let node: FormSchema | undefined = schema
  for (const step of steps) {
    if (!node) return path
    if ('key' in step) {
      node = node.properties?.[step.key]
      parts.push(node?.title ?? step.key)
    } else {
      node = node.items
      parts[parts.length - 1] = `${parts[parts.length - 1] ?? ''} ${step.index + 1}`.trim()
    }
  }
  return parts.join(' › ')
}

/** What a new value of this node starts as: objects with their members, fixed tables with their rows. */
export function initialValue(schema: FormSchema): unknown {
  const kind = fieldKind(schema)
  if (kind === 'object') {
    const out: Obj = {}
    fillIn(schema, out)
    return out
  }
  if (kind === 'fixedRows') return fillRows(schema, [])
  if (kind === 'rows' || kind === 'multiEnum' || kind === 'numberList' || kind === 'tags') return []
  return undefined
}

/** Gives a fixed table one row per choice, in the choices' order, keeping what the rows hold. */
function fillRows(schema: FormSchema, rows: unknown[]): Obj[] {
  const key = fixedRowsKey(schema) as string
  const items = schema.items as FormSchema
  const choices = items.properties?.[key]?.enum ?? []
  const given = rows.filter(isObject)
  return choices.map((choice) => {
    const row = given.find((r) => r[key] === choice) ?? { [key]: choice }
    fillIn(items, row)
    return row
  })
}

/**
 * Completes data in place so that the renderer can bind every field: missing objects become {},
 * fixed tables get their rows. Answers the (possibly replaced) value.
 */
export function fillIn(schema: FormSchema, data: unknown): unknown {
  const kind = fieldKind(schema)
  if (kind === 'object') {
    if (!isObject(data)) return data
    for (const key of orderedKeys(schema)) {
      const child = (schema.properties as Record<string, FormSchema>)[key]
      const childKind = fieldKind(child)
      if (childKind === 'object') {
        if (!isObject(data[key])) data[key] = {}
        fillIn(child, data[key])
      } else if (childKind === 'fixedRows') {
        data[key] = fillRows(child, Array.isArray(data[key]) ? data[key] : [])
      } else if (childKind === 'rows' && Array.isArray(data[key])) {
        for (const row of data[key] as unknown[]) fillIn(child.items as FormSchema, row)
      }
    }
  }
  return data
}

/**
 * The data to send: blank strings, nulls and objects left empty are dropped (the server counts them
 * as not filled in anyway); array rows stay where they are, so that issue paths keep their index.
 */
export function compactData(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (isObject(v) ? (compactData(v) ?? {}) : v))
  if (isObject(value)) {
    const out: Obj = {}
    for (const [key, v] of Object.entries(value)) {
      const c = compactData(v)
      if (c === undefined) continue
      out[key] = c
    }
    return Object.keys(out).length > 0 ? out : undefined
  }
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string' && value.trim() === '') return undefined
  return value
}

/** A value as read-only text ('' when empty); `words` says yes and no. */
export function formatValue(schema: FormSchema, value: unknown, words = { yes: '✓', no: '✗' }): string {
  if (isEmptyValue(value)) return ''
  if (schema.enum) {
    const option = enumOptions(schema).find((o) => o.value === value)
    return option ? optionLabel(option) : String(value)
  }
  if (Array.isArray(value)) {
    const items = schema.items ?? {}
    return value.map((v) => formatValue(items, v, words)).filter((s) => s !== '').join('、')
  }
  if (typeof value === 'boolean') return value ? words.yes : words.no
  return String(value)
}
