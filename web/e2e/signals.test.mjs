// Browser walk of issue 14's indicator signals against a real `jieli serve` with the demo city
// (`jieli init --demo` runs the nightly evaluation once): a leader sees 阳光's assessment signal on the
// quality overview, opens an improvement cycle from it, finds the cycle on the PDCA board, and the
// indicator's control chart still marks the month.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/signals.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

test('a leader opens an improvement cycle from a signal on the quality overview', async () => {
  const page = await newPage()
  await signInHome(page, 'leader')
  const open = (await api(page, 'GET', '/api/v1/quality/signals?indicator=assessment_on_time&state=open')).body
  const signal = open.items.find((s) => s.org_name.includes('阳光'))
  assert.ok(signal, 'the demo holds an open assessment signal of 阳光')

  await page.goto('/quality')
  const panel = page.locator('[data-test="quality-signals"]')
  await waitForText(panel, '信号', 20_000)
  const linkSelector = `[data-test="signal-assessment_on_time-${signal.period}"]`
  await panel.locator(linkSelector).waitFor()
  // `has` is looked for inside each row: a locator from the page, not from the panel.
  const row = panel.locator('tr.el-table__row', { has: page.locator(linkSelector) })
  await waitForText(row, signal.org_name)
  await shot(page, 'quality-signals')

  const answer = page.waitForResponse((r) => r.url().endsWith(`/signals/${signal.id}/improvement`))
  await row.locator('[data-test="signal-open-cycle"]').click()
  const opened = await answer
  assert.equal(opened.status(), 201)
  const cycle = await opened.json()
  assert.equal(cycle.source_kind, 'indicator_signal')
  assert.equal(cycle.source_ref, `assessment_on_time:${signal.period}`)

  // The cycle on the PDCA board, open in its drawer.
  await page.waitForURL(/\/quality\/improvements/)
  await page.locator(`[data-test="pdca-column-plan"] [data-test="pdca-card-${cycle.id}"]`).waitFor({ timeout: 20_000 })
  await waitForText(page.locator('[data-test="improvement-detail"]'), signal.period)
  await shot(page, 'signal-cycle')

  // The signal is handled: a second call is refused, and it left the overview's open list.
  const again = await api(page, 'POST', `/api/v1/quality/signals/${signal.id}/improvement`, {})
  assert.equal(again.status, 409)

  // The indicator's chart still marks the month.
  await page.goto('/quality/indicators/assessment_on_time')
  await waitForText(page.locator('[data-test="indicator-signals"]'), signal.period, 20_000)
  await page.context().close()
})
