// Browser walk of issue 14's supervision and improvement screens against a real `jieli serve`
// with the demo city: a supervisor records a supervision session with an agreed action (the
// supervisee finds it on the home page), opens an improvement cycle, fills its plan and moves it
// from plan to do on the PDCA board.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/quality.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, choose, field, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

// An action's due date (today): the date picker keeps no data-test, so it is found by its
// placeholder 完成期限.
async function fillDue(page, scope) {
  const input = scope.getByPlaceholder('完成期限').first()
  await input.fill(today())
  await input.press('Enter')
  await page.locator('.el-picker-panel:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
}

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
}

test('a supervisor records a session with an action; the supervisee sees it on the home page', async () => {
  const page = await newPage()
  await signInHome(page, 'supervisor')
  await page.goto('/quality/supervision')
  await page.locator('[data-test="supervision-add"]').click()
  const form = page.locator('[data-test="supervision-form"]')
  await form.waitFor()
  await choose(page, form.locator('[data-test="session-supervisees"]'), '王芳')
  // Close the multi-select's menu (Escape would close the dialog).
  await form.locator('.el-dialog__title').click()
  const TOPIC = '浏览器走查：独居老人个案督导'
  await field(form, 'session-topics').fill(TOPIC)
  await form.locator('[data-test="action-add"]').click()
  await field(form, 'action-text-0').fill('补充居家安全评估表（走查）')
  await choose(page, form.locator('[data-test="action-owner-0"]'), '王芳')
  await fillDue(page, form)
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/quality/supervision') && r.request().method() === 'POST')
  await form.locator('[data-test="session-save"]').click()
  const created = await answer
  assert.equal(created.status(), 201, await created.text())
  await form.waitFor({ state: 'hidden' })
  await waitForText(page.locator('[data-test="supervision-table"]'), TOPIC)
  await page.locator('[data-test="supervision-table"] .el-table__row').filter({ hasText: TOPIC }).click()
  await waitForText(page.locator('[data-test="supervision-detail"]'), '补充居家安全评估表（走查）')
  await shot(page, 'quality-supervision')
  await page.context().close()

  const worker = await newPage()
  await signInHome(worker, 'worker')
  await waitForText(worker.locator('[data-test="quality-work"]'), '补充居家安全评估表（走查）', 20_000)
  await worker.context().close()
})

test('a supervisor opens an improvement cycle and moves it from plan to do', async () => {
  const page = await newPage()
  await signInHome(page, 'supervisor')
  await page.goto('/quality/improvements')
  await page.locator('[data-test="pdca-column-plan"]').waitFor()
  await page.locator('[data-test="improvement-open"]').click()
  const dialog = page.locator('[data-test="improvement-open-form"]')
  await dialog.waitFor()
  const TITLE = '走查：服务记录录入不及时'
  await field(dialog, 'improvement-title').fill(TITLE)
  await field(dialog, 'improvement-problem').fill('部分服务记录在服务一周后才录入')
  await dialog.locator('[data-test="improvement-open-save"]').click()
  await dialog.waitFor({ state: 'hidden' })

  // The plan still lacks its root cause, indicator and an action: no move is offered.
  const drawer = page.locator('[data-test="improvement-detail"]')
  await waitForText(drawer, TITLE)
  assert.equal(await drawer.locator('[data-test="improvement-move"]').count(), 0)
  await field(drawer, 'improvement-root-cause').fill('记录模板字段过多，手机上填写不便')
  await field(drawer, 'improvement-indicator').fill('case_file_completeness')
  await field(drawer, 'improvement-action-text').fill('精简手机端服务记录表')
  await choose(page, drawer.locator('[data-test="improvement-action-owner"]'), '王芳')
  await fillDue(page, drawer)
  await drawer.locator('[data-test="improvement-save"]').click()
  await drawer.locator('[data-test="improvement-move"]').waitFor()
  const moved = page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST')
  await drawer.locator('[data-test="improvement-move"]').click()
  assert.equal((await moved).status(), 200)
  await waitForText(page.locator('.el-message'), '已进入')
  await page.keyboard.press('Escape')
  await waitForText(page.locator('[data-test="pdca-column-do"]'), TITLE)
  await shot(page, 'quality-pdca-board')

  const cycles = (await api(page, 'GET', '/api/v1/quality/improvements?phase=do&page_size=200')).body.items
  const cycle = cycles.find((c) => c.title === TITLE)
  assert.ok(cycle, 'the cycle is in do')
  await page.context().close()
})
