// Browser walk of issue 14's quality indicators against a real `jieli serve` with the demo city:
// the agency leader reads the quality overview, opens an indicator's control chart (the demo's two
// years of history break a rule in the recent months) and its funnel plot by worker, and picks a
// worker there; the bureau compares the agencies on a funnel plot without seeing any client.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/indicators.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()

test('a leader reads the quality overview, a control chart with its signals and a funnel plot by worker', async () => {
  const page = await walk.newPage()
  await signInHome(page, 'leader')
  await page.locator('[data-test="menu-quality-group"]').click()
  await page.locator('[data-test="menu-quality"]').click()
  await page.waitForURL('**/quality')
  const table = page.locator('[data-test="quality-indicators"]')
  await waitForText(table, '按时完成预估率', 20_000)
  // Every indicator is computed from the records now, the complaints' too (from the feedback module).
  await waitForText(table, '投诉率（每百结案）')
  assert.ok(!(await table.innerText()).includes('尚未统计'), 'no indicator left unmeasured')
  await shot(page, 'quality-overview')

  await page.locator('[data-test="indicator-assessment_on_time"]').click()
  await page.waitForURL('**/quality/indicators/assessment_on_time')
  await waitForText(page.locator('[data-test="indicator-title"]'), '按时完成预估率')
  const chart = page.locator('[data-test="indicator-chart"]')
  await chart.locator('canvas').first().waitFor({ timeout: 20_000 })
  // The recent months broke a Western Electric rule against the first year's limits.
  await waitForText(page.locator('[data-test="indicator-signals"]'), '违反规则', 20_000)
  // The numbers behind the chart, as a table.
  await chart.getByRole('button', { name: '查看数据表' }).click()
  await waitForText(chart, '中心线')
  await shot(page, 'quality-control-chart')

  const funnel = page.locator('[data-test="indicator-funnel"]')
  await page.getByRole('radio', { name: '按社工' }).check({ force: true })
  await funnel.getByRole('button', { name: '查看数据表' }).click()
  await waitForText(funnel, '李强', 20_000)
  // Picking a worker on the funnel narrows the control chart to them.
  await funnel.getByText('李强').first().click()
  await waitForText(page.locator('[data-test="indicator-focus"]'), '李强')
  await shot(page, 'quality-funnel-by-worker')
  await page.context().close()
})

test('the bureau compares the agencies on a funnel plot and sees no client', async () => {
  const page = await walk.newPage()
  await signInHome(page, 'bureau')
  const funnel = await api(page, 'GET', '/api/v1/quality/indicators/plan_on_time/funnel?by=org')
  assert.equal(funnel.status, 200)
  // Units are the agencies below the bureau: 阳光 (its departments' cases counted as its own) and 启航.
  const names = funnel.body.units.map((u) => u.name)
  assert.ok(names.some((n) => n.includes('阳光')) && names.some((n) => n.includes('启航')), names.join(','))
  assert.ok(!names.includes('个案服务部'), names.join(','))
  // Aggregates only: the bureau holds no case or client reading.
  assert.equal((await api(page, 'GET', '/api/v1/cases')).status, 403)
  await page.goto('/quality/indicators/plan_on_time')
  const plot = page.locator('[data-test="indicator-funnel"]')
  await plot.getByRole('button', { name: '查看数据表' }).click()
  await waitForText(plot, '启航', 20_000)
  await shot(page, 'quality-bureau-funnel')
  await page.context().close()
})
