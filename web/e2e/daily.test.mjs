// Browser walk of issue 13's daily-use changes on the case page and lists, against a real
// `jieli serve` with the demo city: a supervisor approves with a comment on the case page and
// finds the comment on the timeline; a worker filters the worklist by kind (kept in the URL); a
// leader filters the case list by a worker and a reload keeps the filter; a worker corrects a
// service record and withdraws another; the printed file has signature lines.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/daily.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()


function casesAnswer(page, check = () => true) {
  return page.waitForResponse((r) => {
    const url = new URL(r.url())
    return url.pathname === '/api/v1/cases' && r.request().method() === 'GET' && check(url)
  })
}

test('a supervisor approves on the case page with a comment, and the comment is on the timeline', async () => {
  const page = await newPage()
  await signInHome(page, 'supervisor')
  const waiting = (await api(page, 'GET', '/api/v1/approvals?mine=true&page_size=200')).body.items
  const approval = waiting.find((a) => a.kind === 'move')
  assert.ok(approval, 'the demo has a move waiting for the supervisor')
  await page.goto(`/cases/${approval.case_id}`)
  await page.locator('[data-test="approval-banner"]').waitFor({ timeout: 20_000 })
  await page.locator('[data-test="approval-approve"]').click()
  const dialog = page.locator('[data-test="approval-dialog"]')
  await dialog.waitFor()
  const COMMENT = '计划目标清晰，同意实施；请注意家属的参与'
  await dialog.locator('[data-test="approval-comment"]').fill(COMMENT)
  const answer = page.waitForResponse((r) => r.url().endsWith(`/approvals/${approval.id}/decision`))
  await dialog.locator('[data-test="approval-submit"]').click()
  assert.equal((await answer).status(), 200)
  await waitForText(page.locator('.el-message'), '已批准')
  await page.locator('[data-test="approval-banner"]').waitFor({ state: 'detached' })
  await page.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '时间线' }).click()
  const timeline = page.locator('[data-test="case-timeline"]')
  await waitForText(timeline, '督导批准：')
  await waitForText(timeline, `意见：${COMMENT}`)
  await shot(page, 'daily-approved-with-comment')

  // The inbox's 全部 tab: the newest first.
  await page.goto('/approvals?tab=all')
  await page.locator('[data-test="approvals-table"] .el-table__row').first().waitFor()
  const all = (await api(page, 'GET', '/api/v1/approvals?sort=-requested_at&page_size=50')).body.items
  for (let i = 1; i < all.length; i++) assert.ok(all[i - 1].requested_at >= all[i].requested_at, 'newest first')
  await page.context().close()
})

test('a worker filters the worklist by kind, and the filter stays in the URL', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  const worklist = page.locator('[data-test="worklist"]')
  await worklist.waitFor()
  await page.locator('[data-test="worklist-kind-followup"]').click()
  await page.waitForURL(/kind=followup/)
  const rows = worklist.locator('.el-table__body tr')
  for (const text of await rows.allTextContents()) assert.ok(text.includes('回访'), `a follow-up: ${text}`)
  await page.reload()
  await page.locator('[data-test="greeting"]').waitFor()
  await page.locator('[data-test="worklist-kind-followup"].is-active').waitFor()
  // The overdue card opens the overdue items.
  await page.locator('[data-test="worklist-kind"] .el-radio-button').first().click()
  await page.locator('[data-test="stat-my-overdue"] a').click()
  await page.waitForURL(/due=overdue/)
  await page.locator('[data-test="worklist-overdue"].is-checked').waitFor()
  for (const text of await rows.allTextContents()) assert.ok(text.includes('逾期'), `overdue: ${text}`)
  await shot(page, 'daily-worklist-overdue')
  await page.context().close()
})

test('a leader filters the case list by a worker, and a reload keeps the filter', async () => {
  const page = await newPage()
  await signInHome(page, 'leader')
  const workers = (await api(page, 'GET', '/api/v1/users?role=worker&active=true&page_size=200')).body.items
  const worker = workers.find((u) => u.username === 'worker')
  assert.ok(worker, 'the demo worker is in the leader’s agency')
  await page.goto('/cases')
  await page.locator('[data-test="cases-table"] .el-table__row').first().waitFor({ timeout: 20_000 })
  await page.locator('[data-test="cases-worker"]').click()
  await page.locator(`[data-test="cases-worker-${worker.id}"]`).click()
  const filtered = casesAnswer(page, (url) => url.searchParams.get('worker_id') === String(worker.id))
  await page.locator('.filter-bar button[type="submit"]').click()
  const first = await (await filtered).json()
  assert.ok(first.total > 0, 'the worker has cases')
  for (const c of first.items) assert.ok(c.primary_worker.id === worker.id || c.co_worker?.id === worker.id)
  await page.waitForURL(new RegExp(`worker=${worker.id}`))

  // Reloaded (or opened from a bookmark), the list asks for the same worker's cases.
  const again = casesAnswer(page, (url) => url.searchParams.get('worker_id') === String(worker.id))
  await page.reload()
  assert.equal((await (await again).json()).total, first.total)
  await waitForText(page.locator('[data-test="cases-worker"]'), worker.display_name)
  await shot(page, 'daily-cases-by-worker')
  await page.context().close()
})

test('a worker corrects a service record and withdraws another; the print has signature lines', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  const me = (await api(page, 'GET', '/api/v1/me')).body
  const cases = (await api(page, 'GET', `/api/v1/cases?stage=intervention&worker_id=${me.id}&page_size=200`)).body.items
  const kase = cases.find((c) => c.pending_approval === null && c.primary_worker.id === me.id)
  assert.ok(kase, 'the demo has an intervention case of the worker')
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
  const record = { date: today, minutes: 60, mode: 'home_visit', content: '入户探访，了解近况' }
  const first = await api(page, 'POST', `/api/v1/cases/${kase.id}/services`, record)
  assert.equal(first.status, 201, JSON.stringify(first.body))
  const second = await api(page, 'POST', `/api/v1/cases/${kase.id}/services`, { ...record, content: '误录的记录' })
  assert.equal(second.status, 201)

  await page.goto(`/cases/${kase.id}`)
  await page.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '服务记录' }).click()
  const table = page.locator('[data-test="services-table"]')
  const row = table.locator('.el-table__row').filter({ hasText: '入户探访，了解近况' }).first()
  await row.locator('[data-test="service-edit"]').click()
  const dialog = page.locator('[data-test="service-edit-dialog"]')
  await dialog.waitFor()
  await dialog.locator('[data-test="service-edit-content"]').fill('情绪较上周平稳')
  const saved = page.waitForResponse((r) => r.url().endsWith(`/services/${first.body.id}`) && r.request().method() === 'PATCH')
  await dialog.locator('[data-test="service-edit-save"]').click()
  assert.equal((await saved).status(), 200)
  await waitForText(table, '情绪较上周平稳')

  const mistaken = table.locator('.el-table__row').filter({ hasText: '误录的记录' }).first()
  await mistaken.locator('[data-test="service-withdraw"]').click()
  const box = page.locator('.el-message-box')
  await box.locator('textarea').fill('重复录入')
  const withdrawn = page.waitForResponse((r) => r.url().endsWith(`/services/${second.body.id}/withdraw`))
  await box.getByRole('button', { name: '撤回' }).click()
  assert.equal((await withdrawn).status(), 200)
  await table.locator('.withdrawn-row').filter({ hasText: '误录的记录' }).waitFor()

  await page.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '时间线' }).click()
  const timeline = page.locator('[data-test="case-timeline"]')
  await waitForText(timeline, '修改服务记录：家访 60 分钟（修改了服务内容） — 情绪较上周平稳')
  await waitForText(timeline, '原因：重复录入')
  await shot(page, 'daily-service-corrected')

  await page.goto(`/cases/${kase.id}/print`)
  const signatures = page.locator('[data-test="print-signatures"]')
  await signatures.waitFor({ timeout: 20_000 })
  for (const who of ['worker', 'supervisor', 'client']) await page.locator(`[data-test="print-sign-${who}"]`).waitFor()
  await waitForText(signatures, '服务对象')
  await page.context().close()
})
