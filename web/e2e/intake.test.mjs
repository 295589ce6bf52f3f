// Browser walk of issue 15's public booking (咨询预约) and the intake-request queue (接案申请) against
// a real `jieli serve` with the demo city: a citizen books a consultation with 阳光 on a 360 px phone
// without signing in and is given a reference; the agency's supervisor finds it in the queue, takes
// it on for a new client, and lands on the new case, whose intake form starts from the booking.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/intake.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()

const NEED = '父亲中风后在家休养，想了解上门康复和照护补贴（测试）'

test('a booking made on a phone reaches the agency queue and becomes a case', async () => {
  const phone = await walk.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
  await phone.goto('/p/book')
  const form = phone.locator('[data-test="booking-form"]')
  await form.waitFor()
  assert.ok(
    await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the page fits a 360 px phone without scrolling sideways',
  )
  await phone.locator('[data-test="booking-name"]').fill('吴秀英')
  await phone.locator('[data-test="booking-phone"]').fill('13912340077')
  await phone.locator('[data-test="booking-org"]').click()
  await phone.locator('[data-test^="booking-org-"]', { hasText: '阳光' }).first().click()
  await phone.locator('[data-test="booking-category"]').click()
  await phone.locator('[data-test="booking-category-disabled"]').click()
  await phone.locator('[data-test="booking-need"]').fill(NEED)
  // Not agreed to be called: the page says so and sends nothing.
  await phone.locator('[data-test="booking-submit"]').click()
  await waitForText(phone.locator('[data-test="booking-form"]'), '同意')
  await phone.locator('[data-test="booking-agree"]').click()
  const booked = phone.waitForResponse((r) => r.url().endsWith('/api/v1/public/bookings'))
  await phone.locator('[data-test="booking-submit"]').click()
  const answer = await booked
  assert.equal(answer.status(), 201, await answer.text())
  const { reference } = await answer.json()
  await waitForText(phone.locator('[data-test="booking-reference"]'), reference)
  await shot(phone, 'booking-phone')
  await phone.context().close()

  // The supervisor takes it on.
  const page = await walk.newPage()
  await signInHome(page, 'supervisor')
  await page.locator('[data-test="menu-intake"]').click()
  await page.waitForURL('**/intake**')
  const marker = page.locator(`[data-test="intake-row"][data-reference="${reference}"]`)
  await marker.first().waitFor()
  // The table row that holds it (the marker sits in the first cell).
  const row = page.locator('tr.el-table__row', { has: marker }).first()
  await waitForText(row, '吴秀英')
  await waitForText(row, '139****0077')
  await shot(page, 'intake-queue')
  await row.locator('[data-test="intake-accept"]').click()
  const dialog = page.locator('[data-test="intake-accept-dialog"]')
  await dialog.waitFor()
  const accepted = page.waitForResponse((r) => r.url().endsWith('/accept'))
  await dialog.locator('[data-test="intake-accept-confirm"]').click()
  const done = await accepted
  assert.equal(done.status(), 200, await done.text())
  const { case_id: caseId } = await done.json()
  await page.waitForURL(`**/cases/${caseId}**`)
  await waitForText(page.locator('body'), '吴秀英')
  await waitForText(page.locator('body'), NEED)
  await page.context().close()
})
