// Browser walk of issue 12's case-file changes against a real `jieli serve` with the demo city:
// a worker steps a case in evaluation back to intervention with a reason and finds it on the
// timeline; a supervisor reviews a high-risk assessment from the worklist.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/casefile.test.mjs
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import { api, browserWalk, resultsDir, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

test('a worker steps a case in evaluation back to intervention with a reason', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  const me = (await api(page, 'GET', '/api/v1/me')).body
  const cases = (await api(page, 'GET', `/api/v1/cases?stage=evaluation&worker_id=${me.id}&page_size=200`)).body.items
  const kase = cases.find((c) => c.pending_approval === null)
  assert.ok(kase, 'the demo has an evaluation case of the worker with nothing pending')
  await page.goto(`/cases/${kase.id}`)
  await waitForText(page.locator('[data-test="case-stage"]'), '评估', 20_000)
  // From evaluation both steps back are offered.
  await page.locator('[data-test="stage-back-planning"]').waitFor()
  await page.locator('[data-test="stage-back-intervention"]').click()
  const dialog = page.locator('[data-test="step-back-dialog"]')
  await dialog.waitFor()
  await waitForText(dialog, '不计为重新开案')
  // The reason is required.
  await dialog.locator('[data-test="step-back-submit"]').click()
  await waitForText(dialog.locator('.el-form-item__error'), '请填写退回原因')
  const REASON = '评估发现新的家庭冲突，需要继续介入'
  await dialog.locator('[data-test="step-back-reason"]').fill(REASON)
  const answer = page.waitForResponse((r) => r.url().endsWith('/transitions') && r.request().method() === 'POST')
  await dialog.locator('[data-test="step-back-submit"]').click()
  assert.equal((await answer).status(), 200)
  await waitForText(page.locator('.el-message'), '已退回介入阶段')
  await dialog.waitFor({ state: 'hidden' })
  await waitForText(page.locator('[data-test="case-stage"]'), '介入')
  // From intervention only the step back to planning is left.
  await page.locator('[data-test="stage-back-planning"]').waitFor()
  assert.equal(await page.locator('[data-test="stage-back-intervention"]').count(), 0)
  // Not a reopening.
  assert.ok(!((await page.locator('[data-test="case-header"]').textContent()) ?? '').includes('重新开案'))
  await page.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '时间线' }).click()
  const timeline = page.locator('[data-test="case-timeline"]')
  await waitForText(timeline, '从评估退回介入')
  await waitForText(timeline, `原因：${REASON}`)
  await shot(page, 'case-stepped-back')

  // The printed file lists the step back, the plan's versions and the risk reviews, on A4.
  await page.goto(`/cases/${kase.id}/print`)
  await waitForText(page.locator('[data-test="print-steps-back"]'), REASON, 20_000)
  await page.locator('[data-test="print-plan-versions"]').waitFor()
  await page.locator('[data-test="print-risk-reviews"]').waitFor()
  await page.emulateMedia({ media: 'print' })
  const pdf = await page.pdf({ path: join(resultsDir, 'case-file.pdf'), format: 'A4', printBackground: true })
  assert.ok(pdf.length > 10_000, 'the case file prints')
  await page.context().close()
})

test('a supervisor reviews a high-risk assessment from the worklist', async () => {
  const worker = await newPage()
  await signInHome(worker, 'worker')
  const me = (await api(worker, 'GET', '/api/v1/me')).body
  const cases = (await api(worker, 'GET', `/api/v1/cases?stage=assessment&worker_id=${me.id}&page_size=200`)).body.items
  const kase = cases.find((c) => (c.risk === 'low' || c.risk === 'medium') && c.risk_review === null)
  assert.ok(kase, 'the demo has an assessment case of the worker at low or medium risk')
  // The worker rates the risk high (a draft is enough): the case now waits for a review.
  const form = (await api(worker, 'GET', `/api/v1/cases/${kase.id}/stages/assessment`)).body
  const saved = await api(worker, 'PUT', `/api/v1/cases/${kase.id}/stages/assessment`, {
    data: { ...form.data, risk_level: 'high' },
    draft: true,
  })
  assert.equal(saved.status, 200, JSON.stringify(saved.body))
  await worker.goto(`/cases/${kase.id}`)
  await waitForText(worker.locator('[data-test="risk-review-tag"]'), '高风险预估待督导审阅', 20_000)
  assert.equal(await worker.locator('[data-test="risk-review-open"]').count(), 0, 'the worker does not review')
  await worker.context().close()

  const supervisor = await newPage()
  await signInHome(supervisor, 'supervisor')
  const worklist = (await api(supervisor, 'GET', '/api/v1/worklist?page_size=100')).body
  const item = worklist.items.find((i) => i.kind === 'risk_review' && i.case_id === kase.id)
  assert.ok(item, 'the review is on the supervisor’s worklist')
  // The home page lists it; its case link (beside the client's name, which leads to the client
  // profile) leads to the case.
  const waiting = supervisor.locator('[data-test="risk-reviews-waiting"]')
  await waitForText(waiting, '待我审阅的高风险预估')
  await waiting.locator('[data-test="risk-review-item"]').filter({ hasText: `#${kase.id}` }).first().click()
  await supervisor.waitForURL(`**/cases/${kase.id}`)
  await waitForText(supervisor.locator('[data-test="risk-review-tag"]'), '高风险预估待督导审阅', 20_000)
  await shot(supervisor, 'case-risk-review')
  await supervisor.locator('[data-test="risk-review-open"]').click()
  const dialog = supervisor.locator('[data-test="risk-review-dialog"]')
  await dialog.waitFor()
  const COMMENT = '已与社工电话确认安全计划'
  await dialog.locator('[data-test="risk-review-comment"]').fill(COMMENT)
  const answer = supervisor.waitForResponse((r) => r.url().endsWith('/risk-review') && r.request().method() === 'POST')
  await dialog.locator('[data-test="risk-review-submit"]').click()
  assert.equal((await answer).status(), 200)
  await waitForText(supervisor.locator('.el-message'), '已完成风险审阅')
  await supervisor.locator('[data-test="risk-review-banner"]').waitFor({ state: 'detached' })
  await supervisor.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '风险审阅记录' }).click()
  await waitForText(supervisor.locator('[data-test="risk-reviews"]'), COMMENT)
  await supervisor.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '时间线' }).click()
  await waitForText(supervisor.locator('[data-test="case-timeline"]'), '督导已审阅高风险预估')
  await shot(supervisor, 'case-risk-reviewed')
  await supervisor.context().close()
})

test('a worker revises the approved plan of a case in intervention and sends it for approval', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  const me = (await api(page, 'GET', '/api/v1/me')).body
  const cases = (await api(page, 'GET', `/api/v1/cases?stage=intervention&worker_id=${me.id}&page_size=200`)).body.items
  let kase = null
  let plan = null
  for (const c of cases.filter((x) => x.pending_approval === null)) {
    const form = (await api(page, 'GET', `/api/v1/cases/${c.id}/stages/planning`)).body
    if (form.plan?.approved_version && !form.plan.changed && form.editable) {
      kase = c
      plan = form.plan
      break
    }
  }
  assert.ok(kase, 'the demo has an intervention case of the worker with an approved plan')
  const next = plan.approved_version + 1
  await page.goto(`/cases/${kase.id}`)
  await waitForText(page.locator('[data-test="case-stage"]'), '介入', 20_000)
  await page.locator('[data-test="step-planning"]').click()
  await waitForText(page.locator('[data-test="plan-current"]'), `当前生效：第 ${plan.approved_version} 版`, 20_000)
  assert.equal(await page.locator('[data-test="plan-submit"]').count(), 0, 'nothing to send while unchanged')
  // The versions' history lists the version in effect with its goals.
  await page.locator('[data-test="plan-history"]').click()
  const history = page.locator('[data-test="plan-history-dialog"]')
  await waitForText(history, `第 ${plan.approved_version} 版`)
  await history.locator('[data-test="plan-version-goals"]').waitFor()
  await history.locator('.el-dialog__headerbtn').click()
  await history.waitFor({ state: 'hidden' })
  // A change to the plan is the next version in the making.
  await page.locator('[data-path="goals[0].name"] input, [data-path="goals[0].name"] textarea').first().fill('稳定家庭经济来源（修订）')
  await page.locator('[data-test="stage-save"]').click()
  await waitForText(page.locator('[data-test="plan-next"]'), `已修改，形成第 ${next} 版草稿，提交督导审批后生效`)
  const answer = page.waitForResponse((r) => r.url().endsWith('/plan-revisions') && r.request().method() === 'POST')
  await page.locator('[data-test="plan-submit"]').click()
  assert.equal((await answer).status(), 202)
  await waitForText(page.locator('.el-message'), '服务计划修订已提交督导审批')
  await waitForText(page.locator('[data-test="approval-banner"]'), '待督导审批：服务计划修订')
  await waitForText(page.locator('[data-test="plan-next"]'), `第 ${next} 版待督导审批`)
  await shot(page, 'case-plan-revision')
  await page.context().close()
})
