// The agency fields editor's model: schema → rows → schema, the checks before saving, the server's
// cases.schema_invalid details placed at rows, and the preview of the whole form.
import { describe, expect, it } from 'vitest'
import type { AgencyFields, FormSchema } from '@/api/cases'
import { inEnglish } from '@/components/schema-form/schema'
import {
  builtinFields,
  checkRows,
  fieldsFromRows,
  newFieldRow,
  optionalBuiltins,
  placeSchemaIssues,
  previewFields,
  rowsFromFields,
  type FieldRow,
} from '@/views/settings/casework/agencyFields'

const FIELDS: AgencyFields = {
  properties: {
    visit_count: { type: 'integer', title: '探访次数', 'x-title-en': 'Visits', minimum: 0 },
    referral_date: { type: 'string', format: 'date', title: '转介日期' },
    has_pet: { type: 'boolean', title: '养宠物' },
    housing: { type: 'string', title: '住房', enum: ['own', 'rent'], 'x-enum-labels': ['自有', '租住'] },
    note: { type: 'string', title: '备注', maxLength: 200, description: '其他情况' },
    score: { type: 'number', title: '评分' },
    pets: { type: 'array', title: '宠物', items: { type: 'string', title: '名字' } },
  },
  required: ['visit_count', 'housing', 'referral_from'],
}

function row(overrides: Partial<FieldRow>): FieldRow {
  return { ...newFieldRow(), ...overrides }
}

describe('rows from and to the schema', () => {
  it('reads each type, the choices, required and the built-in fields made required', () => {
    const { rows, builtinRequired } = rowsFromFields(FIELDS, ['source', 'note', 'housing'])
    expect(rows.map((r) => [r.name, r.type, r.required])).toEqual([
      ['note', 'string', false],
      ['housing', 'enum', true],
      ['has_pet', 'boolean', false],
      ['pets', 'other', false],
      ['referral_date', 'date', false],
      ['score', 'number', false],
      ['visit_count', 'integer', true],
    ])
    expect(rows[1].options).toEqual([
      { value: 'own', label: '自有' },
      { value: 'rent', label: '租住' },
    ])
    expect(builtinRequired).toEqual(['referral_from'])
  })

  it('gives back what it read, the keywords it does not edit included', () => {
    const { rows, builtinRequired } = rowsFromFields(FIELDS)
    const back = fieldsFromRows(rows, builtinRequired)
    expect(back.properties).toEqual(FIELDS.properties)
    expect(new Set(back.required)).toEqual(new Set(FIELDS.required))
  })

  it('writes each type as the server reads it', () => {
    const rows = [
      row({ name: 'a_text', title: ' 文本 ', type: 'string', required: true }),
      row({ name: 'a_date', title: '日期', type: 'date' }),
      row({ name: 'a_int', title: '整数', type: 'integer' }),
      row({ name: 'a_num', title: '数字', type: 'number' }),
      row({ name: 'a_bool', title: '是否', type: 'boolean', required: true }),
      row({
        name: 'a_choice',
        title: '单选',
        type: 'enum',
        options: [
          { value: 'x', label: '甲' },
          { value: 'y', label: '' },
        ],
      }),
    ]
    expect(fieldsFromRows(rows, ['decline_reason'])).toEqual({
      properties: {
        a_text: { type: 'string', title: '文本' },
        a_date: { type: 'string', format: 'date', title: '日期' },
        a_int: { type: 'integer', title: '整数' },
        a_num: { type: 'number', title: '数字' },
        a_bool: { type: 'boolean', title: '是否' },
        a_choice: { type: 'string', title: '单选', enum: ['x', 'y'], 'x-enum-labels': ['甲', 'y'] },
      },
      required: ['a_text', 'a_bool', 'decline_reason'],
      'x-order': ['a_text', 'a_date', 'a_int', 'a_num', 'a_bool', 'a_choice'],
    })
  })

  it('sends the rows\' order as x-order and reads it back, whatever the order of the keys', () => {
    const rows = [
      row({ name: 'zeta_note', title: '备注' }),
      row({ name: 'alpha_count', title: '次数', type: 'integer' }),
      row({ name: 'mid_date', title: '日期', type: 'date' }),
    ]
    const body = fieldsFromRows(rows)
    expect(body['x-order']).toEqual(['zeta_note', 'alpha_count', 'mid_date'])
    // The server keeps object keys sorted: what comes back is in another order.
    const sorted = Object.fromEntries(Object.entries(body.properties).sort(([a], [b]) => a.localeCompare(b)))
    const answer: AgencyFields = { properties: sorted, required: [], 'x-order': body['x-order'] }
    // Its own x-order wins over the form's (which an older server appends in key order).
    const back = rowsFromFields(answer, ['source', 'alpha_count', 'mid_date', 'zeta_note'])
    expect(back.rows.map((r) => r.name)).toEqual(['zeta_note', 'alpha_count', 'mid_date'])
    // Without it, the form's order, then the names the form does not list.
    const older = rowsFromFields({ properties: sorted }, ['source', 'mid_date'])
    expect(older.rows.map((r) => r.name)).toEqual(['mid_date', 'alpha_count', 'zeta_note'])
    // A row moved keeps its place in the next body.
    expect(fieldsFromRows([back.rows[2], back.rows[0], back.rows[1]])['x-order']).toEqual(['mid_date', 'zeta_note', 'alpha_count'])
  })

  it('drops the old type\'s keywords when the type changes, keeping the description', () => {
    const { rows } = rowsFromFields(FIELDS)
    const note = rows.find((r) => r.name === 'note') as FieldRow
    note.type = 'integer'
    expect(fieldsFromRows([note]).properties.note).toEqual({ type: 'integer', title: '备注', description: '其他情况' })
    note.type = 'string'
    expect(fieldsFromRows([note]).properties.note).toMatchObject({ maxLength: 200 })
  })
})

describe('checkRows', () => {
  it('accepts good rows', () => {
    expect(checkRows([row({ name: 'pet_name', title: '宠物名' })], ['source'])).toEqual({})
  })

  it('finds bad, duplicate and built-in names, missing titles and bad choices', () => {
    const issues = checkRows(
      [
        row({ name: '', title: 'a' }),
        row({ name: 'PetName', title: 'b' }),
        row({ name: 'source', title: 'c' }),
        row({ name: 'pet', title: '' }),
        row({ name: 'pet', title: 'e', type: 'enum', options: [] }),
        row({ name: 'color', title: 'f', type: 'enum', options: [{ value: 'a', label: '' }, { value: 'a', label: '' }] }),
        row({ name: '9lives', title: 'g' }),
      ],
      ['source'],
    )
    expect(issues).toEqual({
      '0.name': 'nameRequired',
      '1.name': 'nameInvalid',
      '2.name': 'nameBuiltin',
      '3.title': 'titleRequired',
      '4.name': 'nameDuplicate',
      '4.options': 'optionsRequired',
      '5.options': 'optionInvalid',
      '6.name': 'nameInvalid',
    })
  })
})

describe('placeSchemaIssues', () => {
  it('puts each detail at the row and column it names', () => {
    const rows = [row({ name: 'pet_name', title: 'x' }), row({ name: 'housing', title: 'y', type: 'enum' })]
    const { placed, builtinRequired, rest } = placeSchemaIssues(
      [
        { field: 'properties.pet_name', code: 'invalid_choice', message: '重名' },
        { field: 'properties.housing.x-enum-labels', code: 'wrong_type', message: '选项有误' },
        { field: 'properties.housing.title', code: 'required', message: '必填。' },
        { field: 'required', code: 'not_found', message: '不存在' },
        { field: 'properties.gone', code: 'x', message: '?' },
        { field: 'properties.pet_name.maxLength', code: 'wrong_type', message: '类型不对' },
      ],
      rows,
    )
    expect(placed).toEqual({ '0.name': '重名', '1.options': '选项有误', '1.title': '必填。', '0.type': '类型不对' })
    expect(builtinRequired).toBe('不存在')
    expect(rest.map((d) => d.field)).toEqual(['properties.gone'])
  })
})

describe('preview', () => {
  const schema: FormSchema = {
    type: 'object',
    properties: {
      urgency: { type: 'string', title: '紧急程度', enum: ['normal', 'crisis'], 'x-enum-labels': ['一般', '危机'] },
      source: { type: 'string', title: '来源' },
      referral_from: { type: 'string', title: '转介来源' },
      gas_t_score: { type: 'number', title: 'T 分数', readOnly: true },
      housing: { type: 'string', title: '住房', 'x-agency': true },
    },
    required: ['source', 'urgency', 'referral_from', 'housing'],
    'x-order': ['source', 'referral_from', 'urgency', 'gas_t_score', 'housing'],
  }
  const loaded: AgencyFields = { properties: { housing: { type: 'string', title: '住房' } }, required: ['referral_from', 'housing'] }

  it('lists the built-in fields in order, required as the template says', () => {
    const builtin = builtinFields(schema, loaded)
    expect(builtin.map((f) => [f.name, f.required])).toEqual([
      ['source', true],
      ['referral_from', false],
      ['urgency', true],
      ['gas_t_score', false],
    ])
    expect(builtin[2]).toMatchObject({ type: 'enum', choices: ['一般', '危机'] })
    expect(optionalBuiltins(builtin).map((f) => f.name)).toEqual(['referral_from'])
  })

  it('shows the form as edited: built-in fields, then the rows', () => {
    const builtin = builtinFields(schema, loaded)
    const rows = [row({ name: 'pets', title: '宠物', type: 'enum', required: true, options: [{ value: 'cat', label: '猫' }] })]
    const preview = previewFields(builtin, rows, ['referral_from'])
    expect(preview.map((f) => [f.name, f.required, f.agency])).toEqual([
      ['source', true, false],
      ['referral_from', true, false],
      ['urgency', true, false],
      ['gas_t_score', false, false],
      ['pets', true, true],
    ])
    expect(preview[4].choices).toEqual(['猫'])
  })
})

// Issue 13: an agency's field may have an English title (x-title-en), edited beside the Chinese one.
describe('English titles', () => {
  it('reads, edits and writes a field\'s English title, and leaves it out when blank', () => {
    const { rows } = rowsFromFields(FIELDS)
    const visits = rows.find((r) => r.name === 'visit_count') as FieldRow
    expect(visits.titleEn).toBe('Visits')
    expect(visits.extra).not.toHaveProperty('x-title-en')
    visits.titleEn = ' Home visits '
    const back = fieldsFromRows(rows)
    expect(back.properties?.visit_count['x-title-en']).toBe('Home visits')
    expect(back.properties?.score).not.toHaveProperty('x-title-en')
    // A changed type keeps the English title (it is the row's, not the old type's).
    visits.type = 'string'
    expect(fieldsFromRows(rows).properties?.visit_count).toEqual({ type: 'string', title: '探访次数', 'x-title-en': 'Home visits' })
  })

  it('places the server\'s issue with the English title at its column', () => {
    const rows = [row({ name: 'pet_name', title: 'x' })]
    const { placed } = placeSchemaIssues([{ field: 'properties.pet_name.x-title-en', code: 'wrong_type', message: '格式不对' }], rows)
    expect(placed).toEqual({ '0.titleEn': '格式不对' })
  })

  it('previews the form in English: built-in titles and choices, the rows\' English titles where given', () => {
    const schema: FormSchema = {
      type: 'object',
      properties: {
        urgency: {
          type: 'string',
          title: '紧急程度',
          'x-title-en': 'Urgency',
          enum: ['normal', 'crisis'],
          'x-enum-labels': ['一般', '危机'],
          'x-enum-labels-en': ['Ordinary', 'Crisis'],
        },
      },
    }
    const builtin = builtinFields(inEnglish(schema), { properties: {} })
    expect(builtin[0]).toMatchObject({ title: 'Urgency', choices: ['Ordinary', 'Crisis'] })
    const rows = [row({ name: 'pets', title: '宠物', titleEn: 'Pets' }), row({ name: 'diet', title: '饮食' })]
    expect(previewFields(builtin, rows, [], true).map((f) => f.title)).toEqual(['Urgency', 'Pets', '饮食'])
    expect(previewFields(builtin, rows, []).map((f) => f.title)).toEqual(['Urgency', '宠物', '饮食'])
  })
})
