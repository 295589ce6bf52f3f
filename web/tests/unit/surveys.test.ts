// 满意度调查: which items show given the answers (conditions, chains, hidden parents), the answers
// sent (hidden items' answers dropped), the builder's operations and checks (ids, conditions kept
// consistent through moves, removals and renames, issues at their items), the helpers of the
// screens and the API's paths and bodies; and — against a fake server — the public answer page
// (reachable without a session and never asking /api/v1/me; the honeypot; the server's issues
// under their items; the link's states; the thank-you).
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { describe, expect, it } from 'vitest'
import {
  closeSurvey,
  createSurvey,
  getPublicSurvey,
  getSurveyLinks,
  getSurveyList,
  getSurveyResults,
  qrPngUrl,
  qrSvgUrl,
  sendSurvey,
  submitSurveyAnswers,
  surveyUrl,
  tokenOf,
  type Item,
  type PublicSurvey,
  type Questionnaire,
  type SurveyResults,
} from '@/api/surveys'
import { i18n, setLocale } from '@/locales'
import {
  buildAnswers,
  clearHidden,
  emptyDrafts,
  issueItemId,
  missingRequired,
  placeIssues,
  visibleItemIds,
  type Drafts,
} from '@/views/surveys/answers'
import {
  changeType,
  cleanQuestionnaire,
  conditionSources,
  itemIssues,
  likert5Options,
  moveItem,
  newItem,
  nextItemId,
  nextOptionValue,
  placedAtField,
  questionnaireIssues,
  removeItem,
  renameOptionReferences,
  renameReferences,
} from '@/views/surveys/builder'
import { distributionBars, itemMeans } from '@/views/surveys/chart'
import { addDays, conflictState, percent, sendInput, sendIssues, surveyTitle } from '@/views/surveys/surveys'
import { errorBody, mockFetch, type RecordedRequest, type Reply } from './fetchMock'

function item(fields: Partial<Item> & Pick<Item, 'id' | 'type'>): Item {
  return { text_zh: fields.id, text_en: '', required: false, scored: false, scale_max: 5, options: [], show_if: null, ...fields }
}

const yesNo = [
  { value: 'yes', label_zh: '是', label_en: 'Yes', score: null },
  { value: 'no', label_zh: '否', label_en: 'No', score: null },
]

/** q1 used services? → (yes) q2 which ones (multiple) → (home) q3 rating of home visits; q4 text. */
function questionnaire(): Questionnaire {
  return {
    title_zh: '服务满意度',
    title_en: 'Satisfaction',
    items: [
      item({ id: 's1', type: 'section' }),
      item({ id: 'q1', type: 'single', required: true, options: yesNo }),
      item({
        id: 'q2',
        type: 'multiple',
        required: true,
        options: [
          { value: 'home', label_zh: '上门', label_en: 'Home', score: null },
          { value: 'group', label_zh: '小组', label_en: 'Group', score: null },
          { value: 'phone', label_zh: '电话', label_en: 'Phone', score: null },
        ],
        show_if: { item: 'q1', any_of: ['yes'] },
      }),
      item({ id: 'q3', type: 'rating', required: true, scored: true, scale_max: 10, show_if: { item: 'q2', any_of: ['home', 'group'] } }),
      item({ id: 'q4', type: 'text' }),
      item({ id: 'q5', type: 'likert', scored: true, options: likert5Options() }),
    ],
  }
}

function drafts(q: Questionnaire, set: Record<string, Partial<Drafts[string]>> = {}): Drafts {
  const d = emptyDrafts(q)
  for (const [id, patch] of Object.entries(set)) d[id] = { ...d[id], ...patch }
  return d
}

describe('which items show', () => {
  it('shows items without a condition, and those whose condition holds', () => {
    const q = questionnaire()
    expect([...visibleItemIds(q, drafts(q))]).toEqual(['s1', 'q1', 'q4', 'q5'])
    expect([...visibleItemIds(q, drafts(q, { q1: { choices: ['no'] } }))]).toEqual(['s1', 'q1', 'q4', 'q5'])
    expect([...visibleItemIds(q, drafts(q, { q1: { choices: ['yes'] } }))]).toEqual(['s1', 'q1', 'q2', 'q4', 'q5'])
    // Any one of any_of among a multiple choice's answers.
    expect(visibleItemIds(q, drafts(q, { q1: { choices: ['yes'] }, q2: { choices: ['phone', 'group'] } })).has('q3')).toBe(true)
    expect(visibleItemIds(q, drafts(q, { q1: { choices: ['yes'] }, q2: { choices: ['phone'] } })).has('q3')).toBe(false)
  })

  it('hides an item whose condition names a hidden item, even if that one still holds an answer', () => {
    const q = questionnaire()
    const d = drafts(q, { q1: { choices: ['no'] }, q2: { choices: ['home'] } })
    expect(visibleItemIds(q, d).has('q2')).toBe(false)
    expect(visibleItemIds(q, d).has('q3')).toBe(false)
  })

  it('hides an item whose condition names a later or unknown item', () => {
    const q: Questionnaire = {
      title_zh: '',
      title_en: '',
      items: [
        item({ id: 'a', type: 'text', show_if: { item: 'b', any_of: ['yes'] } }),
        item({ id: 'b', type: 'single', options: yesNo }),
        item({ id: 'c', type: 'text', show_if: { item: 'zz', any_of: ['yes'] } }),
      ],
    }
    expect([...visibleItemIds(q, drafts(q, { b: { choices: ['yes'] } }))]).toEqual(['b'])
  })

  it('asks for the shown required questions only', () => {
    const q = questionnaire()
    expect(missingRequired(q, drafts(q))).toEqual(['q1'])
    expect(missingRequired(q, drafts(q, { q1: { choices: ['yes'] } }))).toEqual(['q2'])
    expect(missingRequired(q, drafts(q, { q1: { choices: ['yes'] }, q2: { choices: ['home'] } }))).toEqual(['q3'])
    expect(missingRequired(q, drafts(q, { q1: { choices: ['yes'] }, q2: { choices: ['home'] }, q3: { rating: 7 } }))).toEqual([])
    // A blank text is no answer.
    const textRequired: Questionnaire = { title_zh: '', title_en: '', items: [item({ id: 't', type: 'text', required: true })] }
    expect(missingRequired(textRequired, drafts(textRequired, { t: { text: '   ' } }))).toEqual(['t'])
  })
})

describe('the answers sent', () => {
  it('sends each shown question\'s answer in its shape, and nothing for sections and blanks', () => {
    const q = questionnaire()
    const d = drafts(q, {
      q1: { choices: ['yes'] },
      q2: { choices: ['phone', 'home'] },
      q3: { rating: 9 },
      q4: { text: '  很好  ' },
      q5: { choices: ['4'] },
    })
    expect(buildAnswers(q, d)).toEqual({
      q1: { choices: ['yes'] },
      // In the options' order.
      q2: { choices: ['home', 'phone'] },
      q3: { rating: 9 },
      q4: { text: '很好' },
      q5: { choices: ['4'] },
    })
    expect(buildAnswers(q, drafts(q, { q4: { text: ' ' } }))).toEqual({})
  })

  it('drops the answers of items hidden by their conditions', () => {
    const q = questionnaire()
    // Answered q2 and q3, then changed q1 to no: both are hidden, and neither answer is sent.
    const d = drafts(q, { q1: { choices: ['no'] }, q2: { choices: ['home'] }, q3: { rating: 8 }, q4: { text: '无' } })
    expect(buildAnswers(q, d)).toEqual({ q1: { choices: ['no'] }, q4: { text: '无' } })
    // q2 still shown, but no longer with home or group: q3 goes.
    const d2 = drafts(q, { q1: { choices: ['yes'] }, q2: { choices: ['phone'] }, q3: { rating: 8 } })
    expect(buildAnswers(q, d2)).toEqual({ q1: { choices: ['yes'] }, q2: { choices: ['phone'] } })
  })

  it('empties hidden items\' drafts, down the chain', () => {
    const q = questionnaire()
    const d = drafts(q, { q1: { choices: ['no'] }, q2: { choices: ['home'] }, q3: { rating: 8 } })
    expect(clearHidden(q, d)).toBe(true)
    expect(d.q2.choices).toEqual([])
    expect(d.q3.rating).toBeNull()
    expect(d.q1.choices).toEqual(['no'])
    expect(clearHidden(q, d)).toBe(false)
  })

  it('places the server\'s issues at their items', () => {
    expect(issueItemId('answers.q3')).toBe('q3')
    expect(issueItemId('answers.q3.choices')).toBe('q3')
    expect(issueItemId('website')).toBeNull()
    expect(
      placeIssues([
        { field: 'answers.q1', message: '必答' },
        { field: 'answers.q1.choices', message: '不是选项' },
        { field: 'answers', message: '太多' },
      ]),
    ).toEqual({ byItem: { q1: '必答' }, rest: ['太多'] })
  })
})

describe('the questionnaire builder', () => {
  it('gives the next free id and option value', () => {
    expect(nextItemId([])).toBe('q1')
    expect(nextItemId([{ id: 'q1' }, { id: 'intro' }, { id: 'q7' }])).toBe('q8')
    expect(nextOptionValue([{ value: '1' }, { value: '3' }])).toBe('2')
    expect(nextOptionValue([{ value: '1' }, { value: '2' }])).toBe('3')
  })

  it('makes new items of each type with what the type needs', () => {
    const likert = newItem('likert', [{ id: 'q1' }])
    expect(likert.id).toBe('q2')
    expect(likert.options.map((o) => o.label_zh)).toEqual(['非常不同意', '不同意', '中立', '同意', '非常同意'])
    expect(likert.options.map((o) => o.score)).toEqual([1, 2, 3, 4, 5])
    expect(likert.scored).toBe(true)
    expect(newItem('single', []).options).toHaveLength(2)
    expect(newItem('section', []).required).toBe(false)
    expect(newItem('rating', []).scale_max).toBe(5)
  })

  it('changes an item\'s type keeping what fits', () => {
    const single = { ...newItem('single', []), scored: true }
    const multiple = changeType(single, 'multiple')
    expect(multiple.options).toHaveLength(2)
    expect(multiple.scored).toBe(false)
    const text = changeType(single, 'text')
    expect(text.options).toEqual([])
    expect(changeType(single, 'section').required).toBe(false)
  })

  it('keeps conditions pointing at earlier items through moves and removals', () => {
    const items = questionnaire().items
    expect(conditionSources(items, 3).map((i) => i.id)).toEqual(['q1', 'q2'])
    // q2 moved above q1: its condition on q1 would point down, so it goes.
    const moved = moveItem(items, 2, -1)
    expect(moved.map((i) => i.id)).toEqual(['s1', 'q2', 'q1', 'q3', 'q4', 'q5'])
    expect(moved[1].show_if).toBeNull()
    expect(moved[3].show_if).toEqual({ item: 'q2', any_of: ['home', 'group'] })
    // Removing q2 drops q3's condition on it.
    const removed = removeItem(items, 2)
    expect(removed.find((i) => i.id === 'q3')?.show_if).toBeNull()
    // Out of range: unchanged.
    expect(moveItem(items, 0, -1)).toBe(items)
  })

  it('renames ids and option values in the conditions that name them', () => {
    const items = questionnaire().items
    const renamed = renameReferences(items, 'q1', 'used')
    expect(renamed[2].show_if).toEqual({ item: 'used', any_of: ['yes'] })
    const values = renameOptionReferences(items, 'q2', 'home', 'visit')
    expect(values[3].show_if).toEqual({ item: 'q2', any_of: ['visit', 'group'] })
  })

  it('checks the questionnaire at the server\'s field paths', () => {
    const q: Questionnaire = {
      title_zh: '',
      title_en: '',
      items: [
        item({ id: 'q1', type: 'single', options: [{ value: 'a', label_zh: '甲', label_en: '', score: null }] }),
        item({ id: 'q1', type: 'likert', scored: true, options: [{ value: 'x', label_zh: '', label_en: '', score: null }, { value: 'x', label_zh: '乙', label_en: '', score: 2 }] }),
        item({ id: 'Bad-id', type: 'rating', text_zh: ' ', scale_max: 11, show_if: { item: 'q1', any_of: [] } }),
      ],
    }
    const issues = questionnaireIssues(q)
    expect(Object.keys(issues).sort()).toEqual(
      [
        'questionnaire.items[0].options',
        'questionnaire.items[1].id',
        'questionnaire.items[1].options[0].label_zh',
        'questionnaire.items[1].options[0].score',
        'questionnaire.items[1].options[1].value',
        'questionnaire.items[2].id',
        'questionnaire.items[2].scale_max',
        'questionnaire.items[2].show_if',
        'questionnaire.items[2].text_zh',
      ].sort(),
    )
    expect(issues['questionnaire.items[1].id']).toEqual({ key: 'surveys.builder.issues.idTaken', values: { n: 1 } })
    expect(questionnaireIssues({ title_zh: '', title_en: '', items: [item({ id: 's', type: 'section' })] })).toHaveProperty(['questionnaire.items'])
    // Every message key exists in both languages.
    for (const issue of Object.values(issues)) {
      expect(i18n.global.te(issue.key, 'zh-CN')).toBe(true)
      expect(i18n.global.te(issue.key, 'en')).toBe(true)
    }
  })

  it('shows an item\'s server issues at its fields, the others listed under it', () => {
    const errors = {
      'questionnaire.items[2].options': '选项至少 2 个',
      'questionnaire.items[2].options[1].score': '需要分值',
      'questionnaire.items[2].weird': '未知',
      'questionnaire.items[12].id': '重复',
      'questionnaire.items': '至少一题',
    }
    expect(itemIssues(errors, 2)).toEqual({ options: '选项至少 2 个', 'options[1].score': '需要分值', weird: '未知' })
    expect(itemIssues(errors, 1)).toEqual({})
    expect(itemIssues(errors, 12)).toEqual({ id: '重复' })
    expect(placedAtField('options')).toBe(true)
    expect(placedAtField('options[1].score')).toBe(true)
    expect(placedAtField('show_if.any_of')).toBe(true)
    expect(placedAtField('weird')).toBe(false)
  })

  it('cleans the questionnaire for the server', () => {
    const q: Questionnaire = {
      title_zh: ' 标题 ',
      title_en: '',
      items: [
        item({ id: ' q1 ', type: 'multiple', text_zh: ' 哪些 ', scored: true, options: [{ value: ' a ', label_zh: ' 甲 ', label_en: '', score: 3 }] }),
        item({ id: 'q2', type: 'text', options: yesNo, required: true, show_if: { item: 'q1', any_of: [] } }),
        item({ id: 's', type: 'section', required: true }),
      ],
    }
    const clean = cleanQuestionnaire(q)
    expect(clean.title_zh).toBe('标题')
    expect(clean.items[0]).toMatchObject({ id: 'q1', text_zh: '哪些', scored: false, options: [{ value: 'a', label_zh: '甲', label_en: '', score: null }] })
    expect(clean.items[1]).toMatchObject({ options: [], show_if: null, required: true })
    expect(clean.items[2].required).toBe(false)
  })
})

describe('the survey screens\' helpers', () => {
  it('reads a link\'s 409 codes as its states', () => {
    expect(conflictState('survey.answered')).toBe('answered')
    expect(conflictState('survey.expired')).toBe('expired')
    expect(conflictState('survey.withdrawn')).toBe('withdrawn')
    expect(conflictState('survey.closed')).toBe('closed')
    expect(conflictState('survey.link_not_found')).toBe('not_found')
    expect(conflictState('http.conflict')).toBeNull()
  })

  it('writes rates and titles', () => {
    expect(percent(0.625)).toBe('62.5')
    expect(percent(1 / 3)).toBe('33.3')
    expect(percent(null)).toBeNull()
    const s = { title_zh: '', title_en: 'Own', questionnaire: { title_zh: '服务满意度问卷', title_en: 'Service satisfaction', items: [] } }
    expect(surveyTitle(s, 'zh-CN')).toBe('服务满意度问卷')
    expect(surveyTitle(s, 'en')).toBe('Own')
  })

  it('checks a send and builds its body', () => {
    expect(addDays('2026-12-07', 30)).toBe('2027-01-06')
    expect(sendIssues({ clientIds: [], caseId: null, expiresOn: '' }, '2026-12-07')).toHaveProperty('client_ids')
    expect(sendIssues({ clientIds: [1], caseId: null, expiresOn: '2026-12-07' }, '2026-12-07')).toHaveProperty('expires_on')
    expect(sendIssues({ clientIds: [1], caseId: null, expiresOn: '2027-06-06' }, '2026-12-07')).toHaveProperty('expires_on')
    expect(sendIssues({ clientIds: [1], caseId: null, expiresOn: '2027-06-05' }, '2026-12-07')).toEqual({})
    expect(sendIssues({ clientIds: Array.from({ length: 201 }, (_, i) => i + 1), caseId: null, expiresOn: '' }, '2026-12-07').client_ids.key).toBe('surveys.send.tooMany')
    expect(sendInput({ clientIds: [5], caseId: 9, expiresOn: '2027-01-01' })).toEqual({ client_ids: [5], case_id: 9, expires_on: '2027-01-01' })
    // A case only with one client; no date, the server's default.
    expect(sendInput({ clientIds: [5, 6], caseId: 9, expiresOn: '' })).toEqual({ client_ids: [5, 6] })
  })

  it('charts every possible total, and the means of the items that have one', () => {
    expect(distributionBars({ mean: 20, min_possible: 8, max_possible: 12, distribution: [{ total: 9, count: 2 }, { total: 12, count: 1 }] })).toEqual({
      totals: [8, 9, 10, 11, 12],
      counts: [0, 2, 0, 0, 1],
    })
    expect(distributionBars({ mean: 1, min_possible: 0, max_possible: 500, distribution: [{ total: 40, count: 3 }] })).toEqual({ totals: [40], counts: [3] })
    const results = {
      items: [
        { id: 's', type: 'section', text_zh: '一', text_en: '', answered: 0, mean: null, options: [] },
        { id: 'q1', type: 'likert', text_zh: '服务人员态度很好，令人非常满意的服务', text_en: 'Staff', answered: 3, mean: 3.456, options: [] },
        { id: 'q2', type: 'text', text_zh: '建议', text_en: '', answered: 1, mean: null, options: [] },
      ],
    } as unknown as SurveyResults
    expect(itemMeans(results, 'zh-CN')).toEqual([{ label: '1. 服务人员态度很好，令人非常满…', mean: 3.46 }])
    expect(itemMeans(results, 'en')).toEqual([{ label: '1. Staff', mean: 3.46 }])
  })
})

describe('the surveys API', () => {
  it('calls the contract\'s routes with their queries and bodies', async () => {
    const { requests } = mockFetch(() => ({ status: 200, body: { items: [], total: 0, page: 1, page_size: 20, links: [] } }))
    await getSurveyList({ state: 'open', org_id: 3, sort: 'title', page: 2 })
    await createSurvey({ org_id: 3, named: true, anonymous: false })
    await closeSurvey(12, 4)
    await sendSurvey(12, { client_ids: [5] })
    await getSurveyLinks(12, { page: 1, page_size: 20 })
    await getSurveyResults(12, { from: '2026-01-01' })
    await getPublicSurvey('a b')
    await submitSurveyAnswers('tok', { answers: { q1: { choices: ['yes'] } }, website: '' })
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/surveys?state=open&org_id=3&sort=title&page=2',
      'POST /api/v1/surveys',
      'POST /api/v1/surveys/12/close',
      'POST /api/v1/surveys/12/send',
      'GET /api/v1/surveys/12/links?page=1&page_size=20',
      'GET /api/v1/surveys/12/results?from=2026-01-01',
      'GET /api/v1/public/surveys/a%20b',
      'POST /api/v1/public/surveys/tok/answers',
    ])
    expect(requests[2].body).toEqual({ version: 4 })
    expect(requests[7].body).toEqual({ answers: { q1: { choices: ['yes'] } }, website: '' })
  })

  it('makes absolute links and QR addresses', () => {
    expect(surveyUrl('/p/s/abc')).toBe(`${window.location.origin}/p/s/abc`)
    expect(surveyUrl('https://x.example/p/s/abc')).toBe('https://x.example/p/s/abc')
    expect(qrSvgUrl('abc')).toBe('/api/v1/public/surveys/abc/qr.svg')
    expect(qrPngUrl('abc')).toBe('/api/v1/public/surveys/abc/qr.png')
    expect(tokenOf('/p/s/abc_1-2')).toBe('abc_1-2')
    expect(tokenOf('/surveys/3')).toBeNull()
  })
})

describe('the public answer page', { timeout: 30_000 }, () => {
  function publicSurvey(fields: Partial<PublicSurvey> = {}): PublicSurvey {
    return { title_zh: '服务满意度调查', title_en: 'Satisfaction survey', org_name: '阳光社工站', questionnaire: questionnaire(), state: 'open', ...fields }
  }

  async function open(answer: (r: RecordedRequest) => Reply) {
    setLocale('zh-CN')
    setActivePinia(createPinia())
    const fetch = mockFetch(answer)
    // The app's own router and guard: the page must open without a session.
    const { router } = await import('@/router')
    const { default: App } = await import('@/App.vue')
    await router.push('/p/s/tok123')
    await router.isReady()
    const wrapper = mount(App, { global: { plugins: [i18n, ElementPlus, router] }, attachTo: document.body })
    await flushPromises()
    await flushPromises()
    return { wrapper, ...fetch }
  }

  it('opens without a session, answers, drops hidden answers and thanks', async () => {
    let posted: RecordedRequest | null = null
    const { wrapper, requests } = await open((r) => {
      if (r.method === 'GET' && r.url === '/api/v1/public/surveys/tok123') return { body: publicSurvey() }
      if (r.method === 'POST' && r.url === '/api/v1/public/surveys/tok123/answers') {
        posted = r
        return { status: 201, body: { ok: true } }
      }
      return { status: 401, body: errorBody('auth.unauthenticated', '请先登录') }
    })
    expect(requests.some((r) => r.url.startsWith('/api/v1/me'))).toBe(false)
    expect(requests.every((r) => r.url.startsWith('/api/v1/public/'))).toBe(true)
    expect(wrapper.find('[data-test="survey-form"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="item-q2"]').exists()).toBe(false)

    // Submitting with q1 unanswered: asked for it, nothing sent.
    await wrapper.find('form[data-test="survey-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test="item-error-q1"]').text()).toBe('请回答此题')
    expect(posted).toBeNull()

    await wrapper.find('[data-test="option-q1-yes"] input').setValue(true)
    expect(wrapper.find('[data-test="item-q2"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="item-error-q1"]').exists()).toBe(false)
    await wrapper.find('[data-test="option-q2-home"] input').setValue(true)
    await wrapper.find('[data-test="rating-q3-8"]').trigger('click')
    // Changed the mind: no services used. q2 and q3 hide, and their answers are not sent.
    await wrapper.find('[data-test="option-q1-no"] input').setValue(true)
    expect(wrapper.find('[data-test="item-q3"]').exists()).toBe(false)
    await wrapper.find('[data-test="text-q4"]').setValue('很好')
    await wrapper.find('[data-test="option-q5-5"] input').setValue(true)
    // The honeypot is there, out of reach.
    const honeypot = wrapper.find('input[name="website"]')
    expect(honeypot.attributes('tabindex')).toBe('-1')
    expect(honeypot.attributes('autocomplete')).toBe('off')

    await wrapper.find('form[data-test="survey-form"]').trigger('submit')
    await flushPromises()
    expect(posted).not.toBeNull()
    expect((posted as unknown as RecordedRequest).body).toEqual({
      answers: { q1: { choices: ['no'] }, q4: { text: '很好' }, q5: { choices: ['5'] } },
      website: '',
    })
    expect(wrapper.find('[data-test="survey-thanks"]').text()).toContain('感谢您的反馈')
    expect(requests.some((r) => r.url.startsWith('/api/v1/me'))).toBe(false)
    wrapper.unmount()
  })

  it('shows the server\'s issues under their items, a 429 and a 409', async () => {
    let reply: Reply = { status: 422, body: errorBody('validation.failed', '输入有误', [{ field: 'answers.q5', code: 'not_an_option', message: '不是有效选项' }]) }
    const { wrapper } = await open((r) => (r.method === 'GET' ? { body: publicSurvey() } : reply))
    await wrapper.find('[data-test="option-q1-no"] input').setValue(true)
    await wrapper.find('[data-test="option-q5-3"] input').setValue(true)
    await wrapper.find('form[data-test="survey-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test="item-error-q5"]').text()).toBe('不是有效选项')

    reply = { status: 429, body: errorBody('http.rate_limited', '太快'), headers: { 'Retry-After': '30' } }
    await wrapper.find('form[data-test="survey-form"]').trigger('submit')
    await flushPromises()
    expect(wrapper.find('[data-test="survey-error"]').text()).toBe('提交太频繁，请稍后再试')

    reply = { status: 409, body: errorBody('survey.answered', '已回答') }
    await wrapper.find('form[data-test="survey-form"]').trigger('submit')
    await flushPromises()
    const state = wrapper.find('[data-test="survey-state"]')
    expect(state.attributes('data-state')).toBe('answered')
    expect(state.text()).toContain('已经回答过了')
    wrapper.unmount()
  })

  it('says kindly why a link takes no answer, and switches to English', async () => {
    const { wrapper } = await open(() => ({ body: publicSurvey({ state: 'expired' }) }))
    expect(wrapper.find('[data-test="survey-state"]').attributes('data-state')).toBe('expired')
    expect(wrapper.find('[data-test="survey-state"]').text()).toContain('链接已过期')
    await wrapper.find('[data-test="survey-lang-en"]').trigger('click')
    expect(wrapper.find('[data-test="survey-state"]').text()).toContain('Link expired')
    expect(wrapper.find('h1').text()).toBe('Satisfaction survey')
    setLocale('zh-CN')
    wrapper.unmount()

    const missing = await open(() => ({ status: 404, body: errorBody('survey.link_not_found', '链接无效') }))
    expect(missing.wrapper.find('[data-test="survey-state"]').attributes('data-state')).toBe('not_found')
    expect(missing.wrapper.find('[data-test="survey-state"]').text()).toContain('链接无效')
    missing.wrapper.unmount()
  })
})

describe('the builder component', () => {
  it('shows the server\'s issues at the item they name, adds items and keeps conditions earlier', async () => {
    setLocale('zh-CN')
    const { default: QuestionnaireBuilder } = await import('@/views/surveys/QuestionnaireBuilder.vue')
    const q = questionnaire()
    const wrapper = mount(QuestionnaireBuilder, {
      props: {
        modelValue: q,
        'onUpdate:modelValue': (value: Questionnaire) => wrapper.setProps({ modelValue: value }),
        errors: { 'questionnaire.items[2].options': '选项至少 2 个', 'questionnaire.items[2].weird': '奇怪', 'questionnaire.items': '至少一题' },
      },
      global: { plugins: [i18n, ElementPlus] },
    })
    await flushPromises()
    const items = wrapper.findAll('[data-test="builder-item"]')
    expect(items).toHaveLength(6)
    expect(items[2].find('[data-test="builder-options-issue"]').text()).toBe('选项至少 2 个')
    expect(items[2].find('[data-test="builder-item-issues"]').text()).toContain('weird: 奇怪')
    expect(items[1].find('[data-test="builder-options-issue"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="builder-items-issue"]').text()).toContain('至少一题')
    // The first item has no condition to set; the others may depend on earlier items only.
    expect(items[0].find('[data-test="builder-condition"]').exists()).toBe(false)

    await wrapper.find('[data-test="builder-add-rating"]').trigger('click')
    const model = wrapper.props('modelValue') as Questionnaire
    expect(model.items.at(-1)).toMatchObject({ id: 'q6', type: 'rating', scale_max: 5 })

    // q2 (which depends on q1) moved up above q1: its condition goes.
    await wrapper.findAll('[data-test="builder-item"]')[2].find('[data-test="builder-move-up"]').trigger('click')
    const moved = wrapper.props('modelValue') as Questionnaire
    expect(moved.items[1].id).toBe('q2')
    expect(moved.items[1].show_if).toBeNull()
    // The text areas size themselves after a tick; let them before the component goes.
    await flushPromises()
    wrapper.unmount()
  })
})
