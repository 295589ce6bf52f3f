// Browser walk of issue 15's complaints (投诉建议) against a real `jieli serve` with the demo city:
// the worker registers a complaint a client phoned in; the supervisor, its handler by default, sees
// the board with the demo's overdue complaint in red and told to her, then acknowledges the new one,
// resolves it with its cause and closes it with the complainant's satisfaction.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/complaints.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { browserWalk, choose, field, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

const SUBJECT = '社区助餐连续三天送晚'

test('a complaint is registered, handled through its states and closed', async () => {
  // The worker takes the call.
  const worker = await newPage()
  await signInHome(worker, 'worker')
  await worker.locator('[data-test="menu-complaints"]').click()
  await worker.waitForURL('**/complaints')
  await worker.locator('[data-test="complaint-add"]').click()
  const form = worker.locator('[data-test="complaint-form"]')
  await form.waitFor()
  await form.locator('[data-test="complaint-kind-complaint"]').click()
  await choose(worker, form.locator('[data-test="complaint-category"]'), '及时')
  await field(form, 'complaint-subject').fill(SUBJECT)
  await field(form, 'complaint-details').fill('案主来电：本周一至周三的助餐都超过下午一点才送到。')
  await field(form, 'complaint-complainant-name').fill('周大爷')
  await field(form, 'complaint-complainant-contact').fill('13812345678')
  const created = worker.waitForResponse((r) => r.url().endsWith('/api/v1/complaints') && r.request().method() === 'POST')
  await form.locator('[data-test="complaint-save"]').click()
  const answer = await created
  assert.equal(answer.status(), 201, await answer.text())
  const complaint = await answer.json()
  assert.equal(complaint.handler.name, '林晓燕', 'the supervisor handles it by default')
  await worker.context().close()

  // The supervisor's board: the demo's overdue complaint red and escalated, the new one in.
  const page = await newPage()
  await signInHome(page, 'supervisor')
  await page.goto('/complaints')
  const board = page.locator('[data-test="complaints-page"]')
  await waitForText(board, SUBJECT, 20_000)
  const late = board.locator('.el-table__row').filter({ hasText: '约好的家访两次改期' })
  await late.first().waitFor()
  assert.equal(await late.first().locator('[data-test="complaint-colour"]').getAttribute('data-colour'), 'red')
  await waitForText(late.first().locator('[data-test="complaint-escalation"]'), '督导')
  await page.locator('[data-test="complaints-chart"] canvas').first().waitFor()
  await shot(page, 'complaints-board')

  // Handled: acknowledged, resolved with its cause, closed with the complainant satisfied.
  await page.goto(`/complaints/${complaint.id}`)
  const detail = page.locator('[data-test="complaint-detail"]')
  await waitForText(detail.locator('[data-test="complaint-state"]'), '待受理', 20_000)
  await waitForText(detail, '138****5678')
  // The handler sees the contact in clear to call back, after being told the view is audited.
  await detail.locator('[data-test="complaint-reveal"]').click()
  const box = page.locator('.el-message-box')
  await waitForText(box, '审计日志')
  const revealed = page.waitForResponse((r) => r.url().endsWith(`/complaints/${complaint.id}/reveal`))
  await box.locator('.el-button--primary').click()
  assert.equal((await revealed).status(), 200)
  await waitForText(detail.locator('[data-test="complaint-contact-clear"]'), '13812345678')
  assert.equal(await detail.locator('[data-test="complaint-reveal"]').count(), 0)
  const act = async (action, fill) => {
    await detail.locator(`[data-test="complaint-action-${action}"]`).click()
    const dialog = page.locator('[data-test="complaint-action-dialog"]')
    await dialog.waitFor()
    if (fill) await fill(dialog)
    const done = page.waitForResponse((r) => r.url().endsWith('/actions') && r.request().method() === 'POST')
    await dialog.locator('[data-test="complaint-action-save"]').click()
    const reply = await done
    assert.equal(reply.status(), 200, await reply.text())
    await dialog.waitFor({ state: 'hidden' })
  }
  await act('acknowledge')
  await waitForText(detail.locator('[data-test="complaint-state"]'), '处理中')
  await act('resolve', async (dialog) => {
    await field(dialog, 'complaint-action-resolution').fill('与助餐点协调，改由就近站点配送，已连续三天准时。')
    await field(dialog, 'complaint-action-cause').fill('助餐点更换配送员，路线未交接。')
  })
  await waitForText(detail.locator('[data-test="complaint-state"]'), '已办结')
  await act('close', async (dialog) => {
    await dialog.locator('[data-test="complaint-satisfaction-satisfied"]').click()
  })
  await waitForText(detail.locator('[data-test="complaint-state"]'), '已结案')
  await waitForText(detail.locator('[data-test="complaint-satisfaction"]'), '满意')
  assert.equal(await detail.locator('[data-test="complaint-history-item"]').count(), 4)
  await shot(page, 'complaint-detail')
  await page.context().close()
})
