// An agency's own fields of a stage form, as rows a person edits (name, title, type, required,
// choices) and back as {"properties": {...}, "required": [...], "x-order": [...]} for
// PUT /api/v1/orgs/{id}/case-forms/{stage}; "x-order" keeps the rows' order, which the properties
// object cannot (the server keeps JSON object keys sorted).
// Keywords the editor does not show (description, maxLength, minimum …) are kept as loaded; a field
// of a kind it cannot edit (object, array) is kept whole. See docs/cases.md, "Agency fields".
import type { AgencyFields, FormSchema } from '@/api/cases'
import type { ErrorDetail } from '@/api/request'

export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'enum'] as const
export type FieldType = (typeof FIELD_TYPES)[number]

export interface FieldOption {
  value: string
  label: string
}

export interface FieldRow {
  /** A stable key for v-for. */
  key: number
  name: string
  title: string
  /** The English title (x-title-en), shown when the UI is in English; empty: the Chinese stands in. */
  titleEn: string
  /** 'other': a kind the editor keeps but does not edit (object, array). */
  type: FieldType | 'other'
  required: boolean
  options: FieldOption[]
  /** The loaded keywords the editor does not edit, and the type they belong to. */
  extra: FormSchema
  extraType: FieldType | 'other' | null
}

/** The server's rule for a field name: snake_case ASCII, a letter first, at most 64 characters. */
export const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/

let lastKey = 0

export function newFieldRow(): FieldRow {
  return { key: ++lastKey, name: '', title: '', titleEn: '', type: 'string', required: false, options: [], extra: {}, extraType: null }
}

function typeOf(schema: FormSchema): FieldType | 'other' {
  if (Array.isArray(schema.type)) return 'other'
  if (schema.enum) return schema.type === 'string' ? 'enum' : 'other'
  switch (schema.type) {
    case 'string':
      return schema.format === 'date' ? 'date' : 'string'
    case 'integer':
    case 'number':
    case 'boolean':
      return schema.type
    default:
      return 'other'
  }
}

/** The rows for the agency fields, in their own "x-order" when the server gives it back, else in
 *  `order` (the form's x-order) where it names them (the rest by name), and the built-in fields
 *  they make required. */
export function rowsFromFields(fields: AgencyFields, order: string[] = []): { rows: FieldRow[]; builtinRequired: string[] } {
  const properties = fields.properties ?? {}
  const required = new Set(fields.required ?? [])
  const names = Object.keys(properties)
  const sequence = fields['x-order']?.length ? fields['x-order'] : order
  const position = (name: string) => {
    const i = sequence.indexOf(name)
    return i < 0 ? sequence.length : i
  }
  names.sort((a, b) => position(a) - position(b) || a.localeCompare(b))
  const rows = names.map((name): FieldRow => {
    const schema = properties[name]
    const type = typeOf(schema)
    const {
      title,
      'x-title-en': titleEn,
      type: _type,
      format: _format,
      enum: choices,
      'x-enum-labels': labels,
      'x-agency': _agency,
      ...rest
    } = schema
    const extra: FormSchema = type === 'other' ? { ...rest, type: schema.type } : rest
    if (type === 'other') {
      if (schema.format) extra.format = schema.format
      if (choices) extra.enum = choices
      if (labels) extra['x-enum-labels'] = labels
    }
    return {
      key: ++lastKey,
      name,
      title: title ?? '',
      titleEn: titleEn ?? '',
      type,
      required: required.has(name),
      options:
        type === 'enum' ? (choices ?? []).map((v, i) => ({ value: String(v), label: labels?.[i] ?? String(v) })) : [],
      extra,
      extraType: type,
    }
  })
  return { rows, builtinRequired: [...required].filter((name) => !(name in properties)) }
}

/** Only the description (and its English) survives a change of type; maxLength, minimum … belong to the old one. */
function extraFor(row: FieldRow): FormSchema {
  if (row.extraType === row.type) return row.extra
  const kept: FormSchema = {}
  if (row.extra.description) kept.description = row.extra.description
  if (row.extra['x-description-en']) kept['x-description-en'] = row.extra['x-description-en']
  return kept
}

/** One field's schema. */
export function schemaOfRow(row: FieldRow): FormSchema {
  const title = row.title.trim()
  const extra = { ...extraFor(row) }
  const titleEn = row.titleEn.trim()
  if (titleEn) extra['x-title-en'] = titleEn
  // English choice labels (set through the API) last only while the choices keep their number.
  if (row.type === 'enum' && extra['x-enum-labels-en']?.length !== row.options.length) delete extra['x-enum-labels-en']
  switch (row.type) {
    case 'other':
      return { ...extra, title }
    case 'date':
      return { ...extra, type: 'string', format: 'date', title }
    case 'enum':
      return {
        ...extra,
        type: 'string',
        title,
        enum: row.options.map((o) => o.value.trim()),
        'x-enum-labels': row.options.map((o) => o.label.trim() || o.value.trim()),
      }
    default:
      return { ...extra, type: row.type, title }
  }
}

/** The body of PUT …/case-forms/{stage}: the rows' fields, then which are required (the rows' own
 *  first, then the built-in ones), then the rows' order. */
export function fieldsFromRows(rows: FieldRow[], builtinRequired: string[] = []): AgencyFields {
  const properties: Record<string, FormSchema> = {}
  for (const row of rows) properties[row.name.trim()] = schemaOfRow(row)
  const required = [...rows.filter((r) => r.required).map((r) => r.name.trim()), ...builtinRequired]
  return { properties, required: [...new Set(required)], 'x-order': [...new Set(rows.map((r) => r.name.trim()))] }
}

/** Where an issue sits: a row's column, or the built-in required list. */
export type FieldColumn = 'name' | 'title' | 'titleEn' | 'type' | 'options'

/** The error key of a row's column, e.g. "2.name". */
export function issueKey(index: number, column: FieldColumn): string {
  return `${index}.${column}`
}

/** Checks the rows before saving; answers issue key → casework.settings.errors.* key. */
export function checkRows(rows: FieldRow[], builtinNames: Iterable<string>): Record<string, string> {
  const builtin = new Set(builtinNames)
  const issues: Record<string, string> = {}
  const seen = new Set<string>()
  rows.forEach((row, i) => {
    const name = row.name.trim()
    if (!name) issues[issueKey(i, 'name')] = 'nameRequired'
    else if (!FIELD_NAME.test(name)) issues[issueKey(i, 'name')] = 'nameInvalid'
    else if (builtin.has(name)) issues[issueKey(i, 'name')] = 'nameBuiltin'
    else if (seen.has(name)) issues[issueKey(i, 'name')] = 'nameDuplicate'
    seen.add(name)
    if (!row.title.trim()) issues[issueKey(i, 'title')] = 'titleRequired'
    if (row.type === 'enum') {
      const values = row.options.map((o) => o.value.trim())
      if (values.length === 0) issues[issueKey(i, 'options')] = 'optionsRequired'
      else if (values.some((v) => !v) || new Set(values).size !== values.length) issues[issueKey(i, 'options')] = 'optionInvalid'
    }
  })
  return issues
}

/**
 * Places the details of a cases.schema_invalid answer ("properties.pet_name", "properties.pet_name.title",
 * "required") at the rows and columns they name; `rest` holds those that name none.
 */
export function placeSchemaIssues(
  details: ErrorDetail[],
  rows: FieldRow[],
): { placed: Record<string, string>; builtinRequired: string; rest: ErrorDetail[] } {
  const placed: Record<string, string> = {}
  let builtinRequired = ''
  const rest: ErrorDetail[] = []
  for (const d of details) {
    const match = /^properties\.([^.]+)(?:\.(.+))?$/.exec(d.field)
    const index = match ? rows.findIndex((r) => r.name.trim() === match[1]) : -1
    if (match && index >= 0) {
      const keyword = match[2]?.split('.')[0] ?? ''
      const column: FieldColumn =
        keyword === ''
          ? 'name'
          : keyword === 'title'
            ? 'title'
            : keyword === 'x-title-en'
              ? 'titleEn'
              : keyword === 'enum' || keyword.startsWith('x-enum-labels')
                ? 'options'
                : 'type'
      const key = issueKey(index, column)
      placed[key] ??= d.message
    } else if (d.field === 'required') {
      builtinRequired ||= d.message
    } else {
      rest.push(d)
    }
  }
  return { placed, builtinRequired, rest }
}

export interface PreviewField {
  name: string
  title: string
  type: FieldType | 'other' | 'object' | 'array'
  required: boolean
  agency: boolean
  /** The choices' labels, for a single choice. */
  choices: string[]
  /** Computed, not filled in (the GAS T-score). */
  readOnly: boolean
}

/**
 * The built-in fields of a stage form, in the form's order, each required as the built-in template
 * says: `schema` is the form as the server extended it with `loaded` (the agency's fields then), so
 * the agency's fields and what the agency made required are taken out again.
 */
export function builtinFields(schema: FormSchema, loaded: AgencyFields): PreviewField[] {
  const properties = schema.properties ?? {}
  const names = Object.keys(properties).filter((n) => !properties[n]['x-agency'] && !(n in (loaded.properties ?? {})))
  const order = schema['x-order'] ?? []
  const position = (name: string) => {
    const i = order.indexOf(name)
    return i < 0 ? order.length : i
  }
  names.sort((a, b) => position(a) - position(b))
  const agencyRequired = new Set(loaded.required ?? [])
  const required = new Set((schema.required ?? []).filter((n) => !agencyRequired.has(n)))
  return names.map((name) => {
    const p = properties[name]
    const type = typeOf(p)
    return {
      name,
      title: p.title ?? name,
      type: type === 'other' ? (p.type === 'object' || p.type === 'array' ? p.type : 'other') : type,
      required: required.has(name),
      agency: false,
      choices: type === 'enum' ? (p['x-enum-labels'] ?? (p.enum ?? []).map(String)) : [],
      readOnly: p.readOnly === true,
    }
  })
}

/** The built-in fields an agency may make required: optional and filled in by people. */
export function optionalBuiltins(builtin: PreviewField[]): PreviewField[] {
  return builtin.filter((f) => !f.required && !f.readOnly)
}

/** The form's fields as the worker will see them: the built-in ones, then the rows (with their English
 *  titles when `english`, where given); required as edited. */
export function previewFields(builtin: PreviewField[], rows: FieldRow[], builtinRequired: string[], english = false): PreviewField[] {
  const extraRequired = new Set(builtinRequired)
  const out = builtin.map((f) => ({ ...f, required: f.required || extraRequired.has(f.name) }))
  for (const row of rows) {
    const s = schemaOfRow(row)
    out.push({
      name: row.name.trim(),
      title: (english && row.titleEn.trim()) || row.title.trim(),
      type: row.type === 'other' && (s.type === 'object' || s.type === 'array') ? s.type : row.type,
      required: row.required,
      agency: true,
      choices: row.type === 'enum' ? (s['x-enum-labels'] ?? []) : [],
      readOnly: false,
    })
  }
  return out
}
