// Browser walk of issue 14's case-file audits (档案评审) against a real `jieli serve` with the demo
// city: the supervisor finds the demo rounds, draws a round of 王芳's cases with a seed, scores a
// case file item by item and raises a finding; 王芳 finds it on her home page and corrects it; the
// supervisor verifies the correction.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/audits.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { browserWalk, choose, field, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

// A date field found by its placeholder (date pickers keep no data-test), typed and confirmed.
async function fillDate(page, scope, placeholder, date) {
  const input = scope.getByPlaceholder(placeholder).first()
  await input.fill(date)
  await input.press('Enter')
}

function localDate(daysFromToday = 0) {
  const at = new Date(Date.now() + daysFromToday * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(at)
}

// Answers the note prompt of a finding's move (整改说明 …) and waits for the move's answer.
async function answerPrompt(page, note, path) {
  const box = page.locator('.el-message-box:visible')
  await box.waitFor()
  await box.locator('input').fill(note)
  const answer = page.waitForResponse((r) => r.url().endsWith(path) && r.request().method() === 'POST')
  await box.locator('.el-message-box__btns .el-button--primary').click()
  return answer
}

const FINDING = '走查：接案记录缺少危机评估的依据'

test('a supervisor audits a case file, the worker corrects the finding, the supervisor verifies it', async () => {
  const page = await newPage()
  await signInHome(page, 'supervisor')
  await page.locator('[data-test="menu-quality-group"]').click()
  await page.locator('[data-test="menu-quality-audits"]').click()
  await page.waitForURL('**/quality/audits')

  // The demo's rounds: the last three months' finished one and this month's spot check.
  const rounds = page.locator('[data-test="audit-rounds"]')
  await waitForText(rounds, '近三个月结案个案档案评审', 20_000)
  await waitForText(rounds, '王芳个案档案抽查')
  await shot(page, 'quality-audits')

  // A new round of 王芳's cases of the last 90 days, drawn with a seed the supervisor chooses.
  await page.locator('[data-test="audit-new"]').click()
  const form = page.locator('[data-test="audit-form"]')
  await form.waitFor()
  await field(form, 'audit-title').fill('浏览器走查档案评审')
  await fillDate(page, form, '开始日期', localDate(-90))
  await fillDate(page, form, '结束日期', localDate())
  await form.locator('.el-dialog__title').click()
  await choose(page, form.locator('[data-test="audit-worker"]'), '王芳')
  await field(form, 'audit-size').fill('2')
  await choose(page, form.locator('[data-test="audit-auditors"]'), '林晓燕')
  // Close the multi-select's menu (Escape would close the dialog).
  await form.locator('.el-dialog__title').click()
  await field(form, 'audit-seed').fill('4242')
  const drawn = page.waitForResponse((r) => r.url().endsWith('/api/v1/quality/audits') && r.request().method() === 'POST')
  await form.locator('[data-test="audit-draw"]').click()
  const created = await drawn
  assert.equal(created.status(), 201, await created.text())
  const round = await created.json()
  assert.equal(round.seed, 4242)
  assert.ok(round.cases.length >= 1, 'the sample holds a case')
  await page.waitForURL(`**/quality/audits/${round.id}`)
  await waitForText(page.locator('[data-test="audit-round-seed"]'), '4242')

  // The first case, scored item by item (every item met) and saved as done.
  await page.locator('[data-test="audit-sample"] .el-table__row').first().click()
  const scoring = page.locator('[data-test="audit-scoring"]')
  await scoring.waitFor()
  const items = scoring.locator('[data-test="audit-item"]')
  await items.first().waitFor()
  const count = await items.count()
  assert.ok(count >= 1, 'the case has checklist items')
  for (let i = 0; i < count; i++) await items.nth(i).locator('[data-test$="-met"]').first().click()
  const caseId = round.cases[0].case_id
  const saved = page.waitForResponse((r) => r.url().endsWith(`/cases/${caseId}`) && r.request().method() === 'PUT')
  await scoring.locator('[data-test="audit-save-done"]').click()
  const scored = await saved
  assert.equal(scored.status(), 200, await scored.text())
  assert.equal((await scored.json()).done, true)

  // A finding on the file, due in a week: it goes to 王芳.
  await field(scoring, 'finding-text').fill(FINDING)
  await fillDate(page, scoring, '整改期限', localDate(7))
  const raised = page.waitForResponse((r) => r.url().endsWith(`/audits/${round.id}/findings`) && r.request().method() === 'POST')
  await scoring.locator('[data-test="finding-add"]').click()
  const finding = await raised
  assert.equal(finding.status(), 201, await finding.text())
  const findingId = (await finding.json()).id
  await waitForText(page.locator('[data-test="audit-findings"]'), FINDING)
  // The results drawn as bars, per worker and per item.
  await page.locator('[data-test="audit-chart-workers"] canvas').first().waitFor()
  await page.locator('[data-test="audit-chart-items"] canvas').first().waitFor()
  await shot(page, 'quality-audit-round')

  // 王芳 finds it among her quality actions and corrects it on the round's page.
  const worker = await newPage()
  await signInHome(worker, 'worker')
  await waitForText(worker.locator('[data-test="quality-work"]'), FINDING, 20_000)
  await worker.goto(`/quality/audits/${round.id}`)
  const mine = worker.locator('[data-test="audit-findings"]')
  await waitForText(mine, FINDING, 20_000)
  await mine.locator('.el-table__row').filter({ hasText: FINDING }).locator('[data-test="finding-correct"]').click()
  const corrected = await answerPrompt(worker, '已补记危机评估的依据', `/findings/${findingId}/correct`)
  assert.equal(corrected.status(), 200, await corrected.text())
  await waitForText(mine.locator('.el-table__row').filter({ hasText: FINDING }), '已整改')
  await worker.context().close()

  // The supervisor verifies the correction: the finding is closed.
  await page.reload()
  const findings = page.locator('[data-test="audit-findings"]')
  const row = findings.locator('.el-table__row').filter({ hasText: FINDING })
  await waitForText(row, '已整改', 20_000)
  const verified = page.waitForResponse((r) => r.url().endsWith(`/findings/${findingId}/verify`) && r.request().method() === 'POST')
  await row.locator('[data-test="finding-verify"]').click()
  assert.equal((await verified).status(), 200)
  await waitForText(row, '已关闭')
  await page.context().close()
})
