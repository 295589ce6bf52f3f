// Browser walk of issue 15's contact log (联系记录) and working-day calendar against a real
// `jieli serve` with the demo city: the worker sees the follow-ups waiting for them on the home page,
// records a home visit with a follow-up on a case, does the follow-up, and the admin checks the
// year's holidays and moved working days and saves one more.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/contacts.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, choose, field, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

test('the worker records a contact on a case and does its follow-up', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  // The demo's open follow-ups of 王芳's calls and messages, on her home page.
  const card = page.locator('[data-test="contact-followups"]')
  await waitForText(card, '待跟进联系', 20_000)
  assert.ok((await card.locator('[data-test="contact-followup-item"]').count()) > 0, 'follow-ups waiting')
  await shot(page, 'contacts-home')

  // One of her open cases with the demo's exchanges, its contacts tab: they are there. (Her newest
  // case may be one just taken on from a booking, with nothing said yet.)
  const me = (await api(page, 'GET', '/api/v1/me')).body
  const cases = await api(page, 'GET', `/api/v1/cases?stage=open&worker_id=${me.id}&page_size=50`)
  assert.equal(cases.status, 200, JSON.stringify(cases.body))
  const contacts = await api(page, 'GET', '/api/v1/contacts?page_size=200')
  assert.equal(contacts.status, 200, JSON.stringify(contacts.body))
  const talkedAbout = new Set(contacts.body.items.map((c) => c.case_id))
  const kase = cases.body.items.find((c) => talkedAbout.has(c.id))
  assert.ok(kase, 'an open case of hers with contacts')
  await page.goto(`/cases/${kase.id}`)
  await page.locator('[data-test="case-tabs"] .el-tabs__item').filter({ hasText: '联系记录' }).click()
  const panel = page.locator('[data-test="contacts-panel"]')
  await panel.waitFor()
  await waitForText(panel.locator('[data-test="contacts-list"]'), '案主', 20_000)

  // A home visit today, to be followed up.
  await panel.locator('[data-test="contact-add"]').click()
  const form = page.locator('[data-test="contact-form"]')
  await form.waitFor()
  await choose(page, form.locator('[data-test="contact-channel"]'), '家访')
  await form.locator('[data-test="contact-direction-out"]').click()
  await field(form, 'contact-summary').fill('入户探访：案主腿伤好转，希望参加社区康复小组。')
  await form.locator('[data-test="contact-needs-followup"]').click()
  // Date pickers keep no data-test: the due date by its placeholder 跟进日期.
  const due = form.getByPlaceholder('跟进日期').first()
  const inAWeek = new Date(Date.now() + 7 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
  await due.fill(inAWeek)
  await due.press('Enter')
  await page.locator('.el-picker-panel:visible').first().waitFor({ state: 'hidden' }).catch(() => {})
  await field(form, 'contact-followup-note').fill('联系康复小组负责人确认名额')
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/contacts') && r.request().method() === 'POST')
  await form.locator('[data-test="contact-save"]').click()
  const created = await answer
  assert.equal(created.status(), 201, await created.text())
  await form.waitFor({ state: 'hidden' })
  const row = panel.locator('[data-test="contact-row"]').filter({ hasText: '社区康复小组' })
  await waitForText(row, '家访')
  await waitForText(row.locator('[data-test="contact-followup-state"]'), inAWeek)
  await shot(page, 'contacts-case')

  // The follow-up done, with what it found.
  await row.locator('[data-test="followup-done"]').click()
  const done = page.locator('[data-test="followup-done-dialog"]')
  await done.waitFor()
  await field(done, 'followup-done-note').fill('已确认，下周一入组')
  const completed = page.waitForResponse((r) => r.url().endsWith('/follow-up') && r.request().method() === 'POST')
  await done.locator('[data-test="followup-done-save"]').click()
  assert.equal((await completed).status(), 200)
  await waitForText(row.locator('[data-test="contact-followup-state"]'), '已完成')
  await waitForText(row, '已确认，下周一入组')
  assert.equal(await row.locator('[data-test="followup-done"]').count(), 0)
  await page.context().close()
})

test('the admin checks the year’s holidays and saves them', async () => {
  const page = await newPage()
  await signInHome(page, 'admin')
  await page.goto('/settings/calendar?year=2026')
  const calendar = page.locator('[data-test="calendar-page"]')
  await calendar.waitFor()
  await waitForText(calendar.locator('[data-test="calendar-official-note"]'), '国务院')
  const rows = calendar.locator('[data-test="calendar-row"]')
  await waitForText(calendar.locator('[data-test="calendar-working-days"]'), '全年工作日', 20_000)
  const names = await calendar.locator('input[data-test="calendar-name"]').evaluateAll((inputs) => inputs.map((i) => i.value))
  assert.ok(names.includes('春节') && names.includes('国庆节调休上班'), `the demo's rows: ${names}`)
  const before = await rows.count()
  assert.ok(before > 20, `the demo's rows: ${before}`)
  const workingDays = await calendar.locator('[data-test="calendar-working-days"]').textContent()

  // One row off (the last), saved: the working days move by one.
  await rows.last().locator('[data-test="calendar-remove"]').click()
  const saved = page.waitForResponse((r) => r.url().includes('/api/v1/feedback/calendar') && r.request().method() === 'PUT')
  await calendar.locator('[data-test="calendar-save"]').click()
  const answer = await saved
  assert.equal(answer.status(), 200, await answer.text())
  await waitForText(calendar.locator('[data-test="calendar-updated"]'), '管理员')
  assert.equal(await rows.count(), before - 1)
  const after = await calendar.locator('[data-test="calendar-working-days"]').textContent()
  assert.notEqual(after, workingDays)
  await shot(page, 'calendar')
  await page.context().close()
})
