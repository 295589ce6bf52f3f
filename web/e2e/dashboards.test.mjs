// Browser walk of issue 14's quality overview per role against a real `jieli serve` with the demo
// city: the leader sees the agency's objectives against actual (one off track), the open improvement
// cycles per PDCA phase and the signals; the supervisor sees the demo audit round in progress and
// who is due for supervision; the bureau officer sees the agencies on a funnel plot and drills into
// one. The leader's panels also fit a phone's width.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/dashboards.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = (options) => walk.newPage(options)

async function countOf(locator) {
  const text = (await locator.locator('.phase-count').textContent()) ?? ''
  return Number(text.trim())
}

test('the leader sees objectives against actual, open cycles per phase and signals', async () => {
  const page = await newPage()
  await signInHome(page, 'leader')
  await page.goto('/quality')

  const objectives = page.locator('[data-test="dashboard-objectives"]')
  await objectives.locator('[data-test="objective-status-off_track"]').first().waitFor({ timeout: 20_000 })
  await objectives.locator('[data-test="objective-status-on_track"]').first().waitFor()
  await waitForText(objectives.locator('[data-test="objectives-summary"]'), '未达标')
  await objectives.locator('canvas').first().waitFor()

  const cycles = page.locator('[data-test="dashboard-cycles"]')
  await cycles.locator('[data-test="cycles-phase-plan"]').waitFor({ timeout: 20_000 })
  for (const phase of ['plan', 'do', 'check', 'act']) {
    const n = await countOf(cycles.locator(`[data-test="cycles-phase-${phase}"]`))
    assert.ok(n >= 1, `the demo has a cycle in ${phase}: ${n}`)
  }
  await waitForText(cycles.locator('[data-test="cycles-overdue"]'), '逾期行动')

  const signals = page.locator('[data-test="quality-signals"]')
  await signals.locator('tr.el-table__row').first().waitFor({ timeout: 20_000 })
  await shot(page, 'dashboard-leader')

  // The phase counts lead to the PDCA board.
  await cycles.locator('[data-test="cycles-board-link"]').click()
  await page.waitForURL(/\/quality\/improvements/)
})

test("the leader's panels fit a phone", async () => {
  const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  await signInHome(page, 'leader')
  await page.goto('/quality')
  await page.locator('[data-test="dashboard-objectives"] [data-test="objective-status-off_track"]').first().waitFor({ timeout: 20_000 })
  await page.locator('[data-test="dashboard-cycles"] [data-test="cycles-phase-plan"]').waitFor()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 391, `no sideways scrolling on a phone: ${width}`)
  await shot(page, 'dashboard-leader-phone')
})

test('the supervisor sees the audit round in progress and who is due for supervision', async () => {
  const page = await newPage()
  await signInHome(page, 'supervisor')
  await page.goto('/quality')

  const audits = page.locator('[data-test="dashboard-audits"]')
  await waitForText(audits, '王芳个案档案抽查', 20_000)
  const round = audits.locator('li.round').filter({ hasText: '王芳个案档案抽查' })
  await round.locator('.el-progress').waitFor()
  const cases = (await round.locator('.cases').textContent()) ?? ''
  const [done, audited] = cases.split('/').map((s) => Number(s.trim()))
  assert.ok(audited > 0 && done < audited, `half done: ${cases}`)

  const due = page.locator('[data-test="dashboard-supervision-due"]')
  await waitForText(due, '王芳', 20_000)
  const statuses = await due.locator('[data-test^="due-"]').allTextContents()
  assert.ok(statuses.length >= 1, 'the supervisees are listed')
  assert.ok(statuses.every((s) => ['待督导', '正常'].includes(s.trim())), `statuses: ${statuses}`)
  await shot(page, 'dashboard-supervisor')

  // The round opens from the overview.
  await round.locator('a').first().click()
  await page.waitForURL(/\/quality\/audits\/\d+/)
})

test('the bureau sees the agencies on a funnel plot and drills into one', async () => {
  const page = await newPage()
  await signInHome(page, 'bureau')
  await page.goto('/quality')

  const agencies = page.locator('[data-test="dashboard-agencies"]')
  await agencies.locator('canvas').first().waitFor({ timeout: 20_000 })
  const sunshine = agencies.locator('[data-test^="drill-"]').filter({ hasText: '阳光' })
  await sunshine.first().waitFor({ timeout: 20_000 })
  await agencies.locator('[data-test^="drill-"]').filter({ hasText: '启航' }).first().waitFor()
  // Agencies, not their departments: no department is a unit of the bureau's funnel.
  const units = await agencies.locator('[data-test^="drill-"]').allTextContents()
  assert.ok(!units.some((u) => u.includes('个案服务部')), `agencies only: ${units}`)
  await shot(page, 'dashboard-bureau')

  // By district too.
  await agencies.locator('[data-test="agencies-by"] label').filter({ hasText: '按区域' }).click()
  await agencies.locator('[data-test^="drill-"]').first().waitFor({ state: 'detached' })

  // Back to agencies, then drill into 阳光: the overview of that agency alone.
  await agencies.locator('[data-test="agencies-by"] label').filter({ hasText: '按机构' }).click()
  await sunshine.first().click()
  await page.waitForURL(/\/quality\?org_id=\d+/)
  await waitForText(page.locator('[data-test="dashboard-drill"]'), '阳光', 20_000)
  await page.locator('[data-test="quality-indicators"] .el-table__row').first().waitFor()
  await shot(page, 'dashboard-bureau-drill')

  // An indicator opened from there is that agency's: its chart starts narrowed to 阳光.
  await page.locator('[data-test="quality-indicators"] a[data-test^="indicator-"]').first().click()
  await page.waitForURL(/\/quality\/indicators\/[a-z_0-9]+\?org_id=\d+/)
  await waitForText(page.locator('[data-test="indicator-focus"]'), '阳光', 20_000)
})
