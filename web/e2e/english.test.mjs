// Browser walk of issue 13's "both languages everywhere" against a real `jieli serve` with the demo
// city: a worker switches to English and reads a case's stage forms (assessment, plan) with English
// titles and choice labels, and the printed file in English; an administrator filters the audit log
// by choice in English; a leader reads the case settings (forms, scales) in English.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/english.test.mjs
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/casefile.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

/** Switches the UI to English with the language menu, as a person would. */
async function switchToEnglish(page) {
  await page.locator('[data-test="lang-switch"]').click()
  await page.locator('[data-test="lang-en"]').click()
  await waitForText(page.locator('[data-test="greeting"]'), 'Good')
}

/** Opens an Element Plus select in `item` and picks the option that reads exactly `text`. */
async function pick(page, item, text) {
  await item.locator('.el-select__wrapper').first().click()
  const popper = page.locator('.el-popper:visible')
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  await popper.locator('.el-select-dropdown__item').filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).last().click()
  await popper.first().waitFor({ state: 'hidden' }).catch(() => {})
}

const HAN = /[\u4e00-\u9fff]/

/** The labels of a stage panel's fields (the legends and form-item labels), trimmed. */
async function fieldLabels(panel) {
  return (await panel.locator('.sf-label > span:not(.sf-required)').allTextContents()).map((s) => s.trim()).filter(Boolean)
}

test('a worker reads the assessment and the plan in English, and prints the file in English', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  await switchToEnglish(page)
  const me = (await api(page, 'GET', '/api/v1/me')).body
  const cases = (await api(page, 'GET', `/api/v1/cases?stage=planning&worker_id=${me.id}&page_size=200`)).body.items
  const kase = cases.find((c) => c.pending_approval === null)
  assert.ok(kase, 'the demo has a planning case of the worker with nothing pending')
  const assessment = (await api(page, 'GET', `/api/v1/cases/${kase.id}/stages/assessment`)).body
  await page.goto(`/cases/${kase.id}`)
  await waitForText(page.locator('[data-test="case-stage"]'), 'Planning', 20_000)

  // The plan, editable: its title, fields and choices in English.
  const plan = page.locator('[data-test="stage-panel-planning"]')
  await plan.locator('[data-path]').first().waitFor()
  await waitForText(plan.locator('.panel-title'), 'Service plan')
  const planLabels = await fieldLabels(plan)
  for (const title of ['Goals', 'Intervention', 'Schedule', "Client's agreement", 'Contingency plan for risk']) {
    assert.ok(planLabels.includes(title), `the plan shows "${title}" (${planLabels.join(', ')})`)
  }
  assert.deepEqual(planLabels.filter((l) => HAN.test(l)), [], 'no Chinese field title in the plan')
  const method = plan.locator('[data-path="agreement.method"]')
  assert.deepEqual((await method.locator('.el-radio').allTextContents()).map((s) => s.trim()), [
    'Signed in writing',
    'Verbal consent',
    "Guardian's consent",
  ])
  // The GAS levels of a goal read in English.
  await waitForText(plan.locator('[data-path="goals[0].levels"]'), 'As expected')
  await shot(page, 'english-plan')

  // The assessment, read-only now: titles and the chosen values in English.
  await page.locator('[data-test="step-assessment"]').click()
  const panel = page.locator('[data-test="stage-panel-assessment"]')
  await panel.locator('[data-path]').first().waitFor()
  await waitForText(panel.locator('.panel-title'), 'Assessment form')
  const labels = await fieldLabels(panel)
  for (const title of ['Needs', 'Strengths and resources', 'Ecological analysis', 'Risk level', 'Problem definition']) {
    assert.ok(labels.includes(title), `the assessment shows "${title}"`)
  }
  assert.deepEqual(labels.filter((l) => HAN.test(l)), [], 'no Chinese field title in the assessment')
  const RISK = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' }
  if (assessment.data.risk_level) {
    await waitForText(panel.locator('[data-path="risk_level"]'), RISK[assessment.data.risk_level])
  }
  const DOMAINS = { physical: 'Physical health', psychological: 'Emotional and mental health', family: 'Family relationships', social: 'Social life', economic: 'Finances', housing: 'Housing', legal: 'Legal', education: 'Education', employment: 'Employment' }
  const firstNeed = assessment.data.needs?.[0]?.domain
  if (firstNeed) await waitForText(panel.locator('[data-path="needs[0].domain"]'), DOMAINS[firstNeed])
  await shot(page, 'english-assessment')

  // The printed file: the stage forms in English too.
  await page.goto(`/cases/${kase.id}/print`)
  const sheet = page.locator('.print-page')
  await waitForText(sheet, 'Assessment form', 20_000)
  await waitForText(sheet, 'Service plan')
  await waitForText(sheet, 'Problem definition')
  assert.ok(!((await sheet.textContent()) ?? '').includes('问题界定'), 'no Chinese field title in the print')
  await shot(page, 'english-print')
  await page.context().close()
})

test('an administrator filters the audit log by choice in English', async () => {
  const page = await newPage()
  await signInHome(page, 'admin')
  await switchToEnglish(page)
  await page.goto('/admin/audit')
  const table = page.locator('[data-test="audit-table"]')
  await table.locator('.el-table__row').first().waitFor()
  // Actions and entity types by name, not code.
  await waitForText(table, 'Signed in')
  const actions = (await table.locator('[data-test="audit-action"]').allTextContents()).map((s) => s.trim())
  assert.ok(actions.length > 0)
  assert.deepEqual(actions.filter((a) => /^[a-z_]+\.[a-z_]+$/.test(a)), [], 'no action shown as a code')

  // One action: the list asks the server for it and shows only it.
  const auditQuery = (r) => (r.url().includes('/api/v1/audit?') ? new URL(r.url()).searchParams : null)
  let answer = page.waitForResponse((r) => auditQuery(r)?.get('action') === 'auth.login')
  await pick(page, page.locator('.el-form-item').filter({ has: page.locator('[data-test="audit-action-filter"]') }), 'Signed in')
  await page.getByRole('button', { name: 'Search' }).click()
  assert.equal((await answer).status(), 200)
  await page.waitForTimeout(300)
  const shown = new Set((await table.locator('[data-test="audit-action"]').allTextContents()).map((s) => s.trim()))
  assert.deepEqual([...shown], ['Signed in'])

  // A module's every action and an entity type, both chosen.
  answer = page.waitForResponse((r) => auditQuery(r)?.get('action') === 'users.' && auditQuery(r)?.get('entity_type') === 'user')
  await pick(page, page.locator('.el-form-item').filter({ has: page.locator('[data-test="audit-action-filter"]') }), 'Users (all)')
  await pick(page, page.locator('.el-form-item').filter({ has: page.locator('[data-test="audit-entity-filter"]') }), 'User')
  await page.getByRole('button', { name: 'Search' }).click()
  assert.equal((await answer).status(), 200)
  await waitForText(table, 'Created user')
  await shot(page, 'english-audit')
  await page.context().close()
})

test('a leader reads the case settings in English', async () => {
  const page = await newPage()
  await signInHome(page, 'leader')
  await switchToEnglish(page)
  await page.goto('/admin/casework')
  // The deadline policy: labelled fields, the review gate by name.
  const policy = page.locator('[data-test="case-policy"]')
  await waitForText(policy, 'high-risk assessment')
  assert.ok(!((await policy.textContent()) ?? '').includes('risk_review_gate'))
  // The forms' preview: built-in fields by their English titles and choices.
  const preview = page.locator('[data-test="fields-preview"]')
  await waitForText(preview, 'Intake channel')
  await waitForText(preview, 'Walk-in')
  await pick(page, page.locator('[data-test="case-forms"] .head'), 'Assessment')
  await waitForText(preview, 'Risk level')
  await waitForText(preview, 'Critical')
  // The scales by name, not code.
  const scales = page.locator('[data-test="scales-catalogue"]')
  await waitForText(scales, 'Patient Health Questionnaire (PHQ-9)')
  assert.ok(!((await scales.textContent()) ?? '').includes('phq_9'))
  await shot(page, 'english-casework')
  await page.context().close()
})
