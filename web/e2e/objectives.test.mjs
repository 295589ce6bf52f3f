// Browser walk of issue 14's quality objectives (质量目标) against a real `jieli serve` with the demo
// city: the leader opens 质量目标 from the menu, sees the agency's policy and demo objectives with
// their status (one on track, one off), adds an objective, and finds it inherited at a department
// beside the department's own override.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/objectives.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { browserWalk, choose, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

test('the leader sees the objectives, adds one and finds it inherited at a department', async () => {
  const page = await newPage()
  await signInHome(page, 'leader')
  await page.locator('[data-test="menu-quality-group"]').click()
  await page.locator('[data-test="menu-quality-objectives"]').click()
  await page.waitForURL('**/quality/objectives')

  // The agency's policy and its objectives, judged on the records.
  await waitForText(page.locator('[data-test="policy-text"]'), '以服务对象为中心', 20_000)
  const table = page.locator('[data-test="objectives-table"]')
  await waitForText(table, '按时完成预估率', 20_000)
  const statuses = await table.locator('[data-test="objective-status"]').allTextContents()
  assert.ok(statuses.some((s) => s.trim() === '达标'), `one on track: ${statuses}`)
  assert.ok(statuses.some((s) => s.trim() === '未达标'), `one off track: ${statuses}`)
  await page.locator('[data-test="objectives-chart"] canvas').first().waitFor()
  await shot(page, 'quality-objectives')

  // A new objective at the agency: follow-ups on time ≥ 85 % a quarter.
  await page.locator('[data-test="objective-add"]').click()
  const dialog = page.locator('[data-test="objective-dialog"]')
  await dialog.waitFor()
  await choose(page, dialog.locator('[data-test="objective-indicator"]'), '按时回访率')
  const target = dialog.locator('[data-test="objective-target"] input')
  await target.fill('85')
  await target.press('Tab')
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/quality/objectives') && r.request().method() === 'POST')
  await dialog.locator('[data-test="objective-save"]').click()
  const created = await answer
  assert.equal(created.status(), 201, await created.text())
  await dialog.waitFor({ state: 'hidden' })
  await waitForText(table, '按时回访率')
  await waitForText(table, '≥ 85.0%')

  // At 个案服务部: the new one inherited from the agency, assessments its own.
  // The picker is a tree select: its input filters the tree, the tree sits in a popper.
  await page.locator('.el-select[data-test="objectives-org"]').click()
  await page.keyboard.type('个案服务部')
  await page.locator('.el-tree[data-test="objectives-org"] .el-tree-node__content').filter({ hasText: '个案服务部' }).first().click()
  const row = table.locator('.el-table__row').filter({ hasText: '按时回访率' })
  await waitForText(row, '上级设定', 20_000)
  await waitForText(row, '江城市阳光社会工作服务中心')
  const own = table.locator('.el-table__row').filter({ hasText: '按时完成预估率' })
  await waitForText(own, '个案服务部')
  assert.ok(!((await own.textContent()) ?? '').includes('上级设定'), 'the department sets its own assessment target')
  await waitForText(page.locator('[data-test="policy-from"]'), '江城市阳光社会工作服务中心')
  await shot(page, 'quality-objectives-department')
  await page.context().close()
})
