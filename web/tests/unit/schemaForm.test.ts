// The stage-form renderer: reading the schema (order, kinds, conditional requirements, issue paths,
// the data sent) and the rendered form (order and labels, rows, fixed GAS tables, read-only and
// agency fields, errors at nested paths and under a root such as "closed").
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import type { FormData, FormSchema } from '@/api/cases'
import SchemaForm from '@/components/schema-form/SchemaForm.vue'
import {
  compactData,
  fieldKind,
  fillIn,
  isRequired,
  orderedKeys,
  inEnglish,
  inLocale,
  parsePath,
  pathLabel,
  resolvePath,
} from '@/components/schema-form/schema'
import { i18n, setLocale } from '@/locales'

const LEVEL_LABELS = ['远低于预期', '低于预期', '达到预期', '高于预期', '远高于预期']

// The planning template as the server sends it: properties in alphabetical order, x-order added.
const PLANNING: FormSchema = {
  title: '服务计划',
  type: 'object',
  properties: {
    agreement: {
      title: '服务对象同意',
      type: 'object',
      properties: {
        date: { title: '同意日期', type: 'string', format: 'date' },
        method: {
          title: '同意方式',
          type: 'string',
          enum: ['signed', 'verbal', 'guardian'],
          'x-enum-labels': ['书面签署', '口头同意', '监护人同意'],
        },
      },
      required: ['date', 'method'],
      'x-order': ['date', 'method'],
    },
    goals: {
      title: '服务目标',
      description: '每个目标用目标达成量表（GAS）描述五个等级，并设定权重。',
      type: 'array',
      minItems: 1,
      maxItems: 20,
      items: {
        title: '目标',
        type: 'object',
        properties: {
          domain: {
            title: '对应需求领域',
            type: 'string',
            enum: ['physical', 'economic'],
            'x-enum-labels': ['生理健康', '经济'],
          },
          levels: {
            title: '达成等级',
            type: 'array',
            minItems: 5,
            maxItems: 5,
            'x-unique': 'level',
            items: {
              title: '等级',
              type: 'object',
              properties: {
                description: { title: '表现描述', type: 'string', maxLength: 500 },
                level: { title: '等级', type: 'integer', enum: [-2, -1, 0, 1, 2], 'x-enum-labels': LEVEL_LABELS },
              },
              required: ['level', 'description'],
              'x-order': ['level', 'description'],
            },
          },
          name: { title: '目标名称', type: 'string', maxLength: 200 },
          weight: { title: '权重', type: 'number', exclusiveMinimum: 0, maximum: 100 },
        },
        required: ['name', 'weight', 'levels'],
        'x-order': ['name', 'domain', 'weight', 'levels'],
      },
    },
    schedule: {
      title: '时间安排',
      type: 'object',
      properties: { start_date: { title: '开始日期', type: 'string', format: 'date' } },
    },
    gas_t_score: { title: 'GAS T 分数', type: 'number', readOnly: true },
    partner_note: { title: '合作方备注', type: 'string', 'x-agency': true },
  },
  required: ['goals', 'schedule', 'agreement'],
  'x-order': ['goals', 'schedule', 'agreement', 'gas_t_score'],
}

const INTAKE: FormSchema = {
  type: 'object',
  properties: {
    decision: {
      title: '接案决定',
      type: 'string',
      enum: ['accept', 'refer_out', 'decline'],
      'x-enum-labels': ['接案', '转介', '不予接案'],
    },
    decline_reason: { title: '不予接案原因', type: 'string', maxLength: 1000, 'x-required-if': { decision: 'decline' } },
    source: {
      title: '案主来源',
      type: 'string',
      enum: ['walk_in', 'hotline', 'referral_in', 'outreach', 'assigned'],
      'x-enum-labels': ['主动求助', '热线来电', '转介转入', '外展发现', '上级交办'],
    },
    categories: { title: '服务对象类别', type: 'array', items: { type: 'string', maxLength: 50 } },
    follow_up_months: { title: '跟进回访', type: 'array', items: { type: 'integer', minimum: 1, maximum: 36 } },
    needs: { title: '需求', type: 'array', items: { type: 'string', enum: ['a', 'b'] } },
    urgent: { title: '加急', type: 'boolean' },
  },
  required: ['source', 'decision'],
}

const CLOSURE: FormSchema = {
  title: '结案表',
  type: 'object',
  properties: {
    reason: {
      title: '结案原因',
      type: 'string',
      enum: ['goals_met', 'other'],
      'x-enum-labels': ['目标达成', '其他'],
    },
    reason_note: { title: '原因说明', type: 'string', maxLength: 1000, 'x-required-if': { reason: 'other' } },
    summary: { title: '结案小结', type: 'string', maxLength: 4000 },
  },
  required: ['reason', 'summary'],
  'x-order': ['reason', 'reason_note', 'summary'],
}

describe('reading a form schema', () => {
  it('orders fields by x-order, then the rest in their order', () => {
    expect(orderedKeys(PLANNING)).toEqual(['goals', 'schedule', 'agreement', 'gas_t_score', 'partner_note'])
    expect(orderedKeys(INTAKE)).toEqual(Object.keys(INTAKE.properties ?? {}))
  })

  it('picks a control per field', () => {
    const p = PLANNING.properties ?? {}
    const i = INTAKE.properties ?? {}
    expect(fieldKind(p.goals)).toBe('rows')
    expect(fieldKind(p.goals.items?.properties?.levels ?? {})).toBe('fixedRows')
    expect(fieldKind(p.agreement)).toBe('object')
    expect(fieldKind(p.agreement.properties?.date ?? {})).toBe('date')
    expect(fieldKind(p.gas_t_score)).toBe('number')
    expect(fieldKind(p.partner_note)).toBe('textarea') // no maxLength: room to write
    expect(fieldKind(i.decline_reason)).toBe('textarea') // maxLength > 200
    expect(fieldKind({ type: 'string', maxLength: 200 })).toBe('text')
    expect(fieldKind(i.source)).toBe('enum')
    expect(fieldKind(i.categories)).toBe('tags')
    expect(fieldKind(i.follow_up_months)).toBe('numberList')
    expect(fieldKind(i.needs)).toBe('multiEnum')
    expect(fieldKind(i.urgent)).toBe('boolean')
  })

  it('knows when a field is required, x-required-if included', () => {
    expect(isRequired(INTAKE, 'source', {})).toBe(true)
    expect(isRequired(INTAKE, 'decline_reason', { decision: 'accept' })).toBe(false)
    expect(isRequired(INTAKE, 'decline_reason', { decision: 'decline' })).toBe(true)
    const list: FormSchema = { properties: { x: { 'x-required-if': { y: ['a', 'b'] } } } }
    expect(isRequired(list, 'x', { y: 'b' })).toBe(true)
    expect(isRequired(list, 'x', { y: 'c' })).toBe(false)
  })

  it('follows the server’s issue paths to their fields and says them in words', () => {
    expect(parsePath('goals[0].levels[2].description')).toEqual([
      { key: 'goals' },
      { index: 0 },
      { key: 'levels' },
      { index: 2 },
      { key: 'description' },
    ])
    expect(parsePath('goals[x]')).toBeNull()
    expect(parsePath('a..b')).toBeNull()
    expect(resolvePath(PLANNING, 'goals[0].levels[2].description')?.title).toBe('表现描述')
    expect(resolvePath(PLANNING, 'goals[1]')?.title).toBe('目标')
    expect(resolvePath(PLANNING, 'goals[0].nope')).toBeNull()
    expect(resolvePath(CLOSURE, 'closed.reason', 'closed')?.title).toBe('结案原因')
    expect(resolvePath(CLOSURE, 'reason', 'closed')).toBeNull()
    expect(pathLabel(PLANNING, 'goals[0].levels[2].description')).toBe('服务目标 1 › 达成等级 3 › 表现描述')
    expect(pathLabel(CLOSURE, 'closed.reason', 'closed')).toBe('结案表 › 结案原因')
  })

  it('completes data for binding and sends only what is filled in', () => {
    const data: FormData = { goals: [{ name: '经济', levels: [{ level: 1, description: '略超预期' }] }] }
    fillIn(PLANNING, data)
    const goal = (data.goals as Record<string, unknown>[])[0]
    // One row per level, in order, keeping what was there.
    expect((goal.levels as Record<string, unknown>[]).map((l) => l.level)).toEqual([-2, -1, 0, 1, 2])
    expect((goal.levels as Record<string, unknown>[])[3].description).toBe('略超预期')
    expect(data.schedule).toEqual({})
    expect(data.agreement).toEqual({})
    data.partner_note = '  '
    expect(compactData(data)).toEqual({
      goals: [
        {
          name: '经济',
          levels: [{ level: -2 }, { level: -1 }, { level: 0 }, { level: 1, description: '略超预期' }, { level: 2 }],
        },
      ],
    })
  })
})

const WAIT = { timeout: 5000 }

function labels(root: Element): string[] {
  return [...root.querySelectorAll(':scope > .el-form > .sf-grid > [data-path]')].map((el) => el.getAttribute('data-path') ?? '')
}

function errorAt(root: Element, path: string): string {
  const field = root.querySelector(`[data-path="${path}"]`)
  return field?.querySelector('.el-form-item__error, .sf-error')?.textContent?.trim() ?? ''
}

/** Lets Element Plus finish its own updates (error messages, textarea sizing) first. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await nextTick()
}

async function done(wrapper: VueWrapper): Promise<void> {
  await settle()
  wrapper.unmount()
}

async function render(schema: FormSchema, data: FormData, props: Record<string, unknown> = {}, locale: 'zh-CN' | 'en' = 'zh-CN') {
  setLocale(locale)
  const model = ref<FormData>(data)
  const wrapper = mount(
    {
      components: { SchemaForm },
      setup: () => ({ model, schema, props }),
      template: '<div class="host"><SchemaForm v-model="model" :schema="schema" v-bind="props" /></div>',
    },
    { global: { plugins: [i18n, ElementPlus] }, attachTo: document.body },
  )
  await settle()
  return { wrapper, model }
}

describe('the schema form', { timeout: 30_000 }, () => {
  it('renders the fields in x-order with their titles, rows and the fixed GAS levels', async () => {
    const { wrapper } = await render(PLANNING, {
      goals: [
        { name: '经济', weight: 2, levels: [] },
        { name: '就业', weight: 1 },
      ],
      gas_t_score: 58,
    })
    const host = wrapper.find('.host').element
    expect(labels(host)).toEqual(['goals', 'schedule', 'agreement', 'gas_t_score', 'partner_note'])
    // Two goal rows, each with its fields in order and five level rows labelled −2 … +2.
    const rows = wrapper.findAll('[data-path="goals"] > .sf-row')
    expect(rows).toHaveLength(2)
    expect(rows[0].find('.sf-row-title').text()).toBe('目标 1')
    const fieldOrder = rows[0].findAll('.sf-grid > [data-path]').map((f) => f.attributes('data-path'))
    expect(fieldOrder).toEqual(['goals[0].name', 'goals[0].domain', 'goals[0].weight', 'goals[0].levels'])
    const levelKeys = rows[1].findAll('.sf-fixed-key').map((k) => k.text())
    expect(levelKeys).toEqual(['−2 远低于预期', '−1 低于预期', '0 达到预期', '+1 高于预期', '+2 远高于预期'])
    expect(wrapper.find('[data-path="goals[1].levels[4].description"] textarea').exists()).toBe(true)
    // Required marks, the description as help, the computed score read-only, the agency's field marked.
    expect(wrapper.find('[data-path="goals"] .sf-required').exists()).toBe(true)
    expect(wrapper.find('[data-path="goals"]').text()).toContain('每个目标用目标达成量表')
    expect(wrapper.find('[data-path="gas_t_score"] .sf-value').text()).toBe('58')
    expect(wrapper.find('[data-path="gas_t_score"] input').exists()).toBe(false)
    expect(wrapper.find('[data-path="partner_note"] [data-test="agency-field"]').text()).toBe('本机构字段')
    // The agreement's method has three choices: radio buttons with their labels.
    expect(wrapper.findAll('[data-path="agreement.method"] .el-radio').map((r) => r.text())).toEqual([
      '书面签署',
      '口头同意',
      '监护人同意',
    ])
    await done(wrapper)
  })

  it('adds and removes rows, keeping at least minItems', async () => {
    const { wrapper, model } = await render(PLANNING, { goals: [{ name: '经济', weight: 1 }] })
    const remove = () => wrapper.find('[data-path="goals[0]"] [data-test="row-remove"]')
    expect(remove().attributes('disabled')).toBeDefined()
    await wrapper.find('[data-test="add-goals"]').trigger('click')
    await nextTick()
    const goals = model.value.goals as Record<string, unknown>[]
    expect(goals).toHaveLength(2)
    // A new goal comes with its five levels waiting for descriptions.
    expect((goals[1].levels as unknown[]).length).toBe(5)
    expect(wrapper.findAll('[data-path="goals"] > .sf-row')).toHaveLength(2)
    await remove().trigger('click')
    await nextTick()
    expect((model.value.goals as Record<string, unknown>[]).map((g) => g.name)).toEqual([undefined])
    await done(wrapper)
  })

  it('shows the server’s issues at their nested paths', async () => {
    const errors = {
      'goals[0].levels[2].description': '必填。',
      'goals[1].weight': '超出范围。',
      'agreement.method': '必填。',
      goals: '至少 1 项。',
    }
    const { wrapper } = await render(
      PLANNING,
      { goals: [{ name: '经济', weight: 1 }, { name: '就业', weight: 0 }] },
      { errors },
    )
    const host = wrapper.find('.host').element
    // Element Plus shows a form item's message a moment after its error arrives.
    await vi.waitFor(() => expect(errorAt(host, 'goals[0].levels[2].description')).toBe('必填。'), WAIT)
    expect(errorAt(host, 'goals[0].levels[1].description')).toBe('')
    expect(errorAt(host, 'goals[1].weight')).toBe('超出范围。')
    expect(errorAt(host, 'agreement.method')).toBe('必填。')
    expect(host.querySelector('[data-path="goals"] > .sf-error')?.textContent?.trim()).toBe('至少 1 项。')
    await done(wrapper)
  })

  it('marks a conditionally required field once its condition holds', async () => {
    const { wrapper, model } = await render(INTAKE, { decision: 'accept' })
    const mark = () => wrapper.find('[data-path="decline_reason"] .sf-required').exists()
    expect(mark()).toBe(false)
    model.value.decision = 'decline'
    await nextTick()
    expect(mark()).toBe(true)
    await done(wrapper)
  })

  it('prefixes every path with the root, so that a move’s "closed.reason" lands in the closure form', async () => {
    const { wrapper } = await render(CLOSURE, {}, { root: 'closed', errors: { 'closed.reason': '必填。', reason: 'x' } })
    const host = wrapper.find('.host').element
    expect(labels(host)).toEqual(['closed.reason', 'closed.reason_note', 'closed.summary'])
    await vi.waitFor(() => expect(errorAt(host, 'closed.reason')).toBe('必填。'), WAIT)
    await done(wrapper)
  })

  it('neither adds nor removes rows of an x-fixed-items array', async () => {
    const fixed: FormSchema = {
      ...PLANNING,
      properties: { ...PLANNING.properties, goals: { ...PLANNING.properties!.goals, 'x-fixed-items': true } },
    }
    const { wrapper } = await render(fixed, { goals: [{ name: '经济', weight: 1 }, { name: '住房', weight: 2 }] })
    expect(wrapper.findAll('[data-path="goals"] > .sf-row')).toHaveLength(2)
    expect(wrapper.find('[data-test="add-goals"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="row-remove"]').exists()).toBe(false)
    await done(wrapper)
  })

  it('shows every value as text when read-only', async () => {
    const { wrapper } = await render(
      PLANNING,
      { goals: [{ name: '经济', domain: 'economic', weight: 2 }], agreement: { method: 'verbal' } },
      { readonly: true },
    )
    expect(wrapper.findAll('input, textarea')).toHaveLength(0)
    expect(wrapper.find('[data-test="add-goals"]').exists()).toBe(false)
    expect(wrapper.find('[data-path="goals[0].domain"] .sf-value').text()).toBe('经济')
    expect(wrapper.find('[data-path="agreement.method"] .sf-value').text()).toBe('口头同意')
    expect(wrapper.find('[data-path="schedule.start_date"] .sf-value').text()).toBe('—')
    expect(wrapper.find('.sf-required').exists()).toBe(false)
    await done(wrapper)
  })
})

// Issue 13: the forms in English. The schemas carry English twins of titles, descriptions and choice
// labels; a field without them (an agency's, in Chinese only) keeps its Chinese.
const BILINGUAL: FormSchema = {
  title: '服务计划',
  'x-title-en': 'Service plan',
  type: 'object',
  properties: {
    method: {
      title: '同意方式',
      'x-title-en': 'How consent was given',
      description: '服务对象如何表示同意。',
      'x-description-en': 'How the client gave consent.',
      type: 'string',
      enum: ['signed', 'verbal', 'guardian'],
      'x-enum-labels': ['书面签署', '口头同意', '监护人同意'],
      'x-enum-labels-en': ['Signed in writing', 'Verbal consent', "Guardian's consent"],
    },
    goals: {
      title: '服务目标',
      'x-title-en': 'Goals',
      type: 'array',
      items: {
        title: '目标',
        'x-title-en': 'Goal',
        type: 'object',
        properties: {
          level: {
            title: '等级',
            'x-title-en': 'Level',
            type: 'integer',
            enum: [-2, -1, 0, 1, 2],
            'x-enum-labels': LEVEL_LABELS,
            'x-enum-labels-en': ['Much less', 'Less', 'As expected', 'More', 'Much more'],
          },
        },
      },
    },
    partner_note: { title: '合作方备注', type: 'string', 'x-agency': true },
  },
  'x-order': ['method', 'goals', 'partner_note'],
}

describe('a form in English', { timeout: 30_000 }, () => {
  it('takes the English twins and keeps the Chinese where there are none', () => {
    const en = inEnglish(BILINGUAL)
    expect(en.title).toBe('Service plan')
    expect(en.properties?.method.title).toBe('How consent was given')
    expect(en.properties?.method.description).toBe('How the client gave consent.')
    expect(en.properties?.method['x-enum-labels']).toEqual(['Signed in writing', 'Verbal consent', "Guardian's consent"])
    expect(en.properties?.goals.items?.properties?.level.title).toBe('Level')
    expect(en.properties?.partner_note.title).toBe('合作方备注')
    // The original is untouched, the values stay the same, and Chinese is the schema as written.
    expect(BILINGUAL.properties?.method.title).toBe('同意方式')
    expect(en.properties?.method.enum).toEqual(['signed', 'verbal', 'guardian'])
    expect(inLocale(BILINGUAL, 'zh-CN')).toBe(BILINGUAL)
    expect(inLocale(BILINGUAL, 'en')).toBe(en)
    expect(pathLabel(en, 'goals[1].level')).toBe('Goals 2 › Level')
  })

  it('renders titles, help and choices in English when English is chosen', async () => {
    const { wrapper } = await render(BILINGUAL, { method: 'verbal', goals: [{ level: 1 }] }, {}, 'en')
    try {
      const host = wrapper.find('.host').element
      expect(labels(host)).toEqual(['method', 'goals', 'partner_note'])
      expect(wrapper.find('[data-path="method"]').text()).toContain('How consent was given')
      expect(wrapper.find('[data-path="method"]').text()).toContain('How the client gave consent.')
      expect(wrapper.findAll('[data-path="method"] .el-radio').map((r) => r.text())).toEqual([
        'Signed in writing',
        'Verbal consent',
        "Guardian's consent",
      ])
      expect(wrapper.find('[data-path="goals"] .sf-row-title').text()).toBe('Goal 1')
      expect(wrapper.find('[data-path="partner_note"]').text()).toContain('合作方备注')
    } finally {
      setLocale('zh-CN')
      await done(wrapper)
    }
  })

  it('shows read-only values with their English labels', async () => {
    const { wrapper } = await render(BILINGUAL, { method: 'guardian', goals: [{ level: -2 }] }, { readonly: true }, 'en')
    try {
      expect(wrapper.find('[data-path="method"] .sf-value').text()).toBe("Guardian's consent")
    } finally {
      setLocale('zh-CN')
      await done(wrapper)
    }
  })
})
