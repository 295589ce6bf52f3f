// Browser walk of issue 15's satisfaction surveys (满意度调查) against a real `jieli serve` with the
// demo city: the supervisor makes a survey from Jieli's built-in questionnaire and sends a client a
// personal link, whose QR sheet shows; the client answers it on a 360 px phone without signing in;
// the leader sees the answer in the survey's results, charted.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/surveys.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, field, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()

const TITLE = '结案回访满意度调查（测试）'
const ITEMS = ['listened', 'respected', 'convenient', 'goals_agreed', 'kept_informed', 'situation_better', 'more_able', 'overall']

test('a survey is sent as a personal link, answered on a phone and counted in the results', async () => {
  // The supervisor makes the survey and sends one client a link.
  const page = await walk.newPage()
  await signInHome(page, 'supervisor')
  await page.locator('[data-test="menu-surveys"]').click()
  await page.waitForURL('**/surveys')
  await page.locator('[data-test="survey-add"]').click()
  const form = page.locator('[data-test="survey-form"]')
  await form.waitFor()
  await form.locator('[data-test="survey-source-builtin"]').click()
  await form.locator('[data-test="survey-builtin-preview"]').waitFor()
  await field(form, 'survey-title-zh').fill(TITLE)
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/surveys') && r.request().method() === 'POST')
  await form.locator('[data-test="survey-save"]').click()
  const answer = await created
  assert.equal(answer.status(), 201, await answer.text())
  const survey = await answer.json()
  await page.waitForURL(`**/surveys/${survey.id}`)
  await waitForText(page.locator('[data-test="survey-title"]'), TITLE)

  const clients = await api(page, 'GET', `/api/v1/clients?page_size=1&org_id=${survey.org.id}`)
  assert.equal(clients.status, 200)
  const client = clients.body.items[0]
  await page.locator('[data-test="survey-tab-send"]').click()
  const picker = page.locator('[data-test="survey-send-clients"]')
  await picker.locator('input').first().pressSequentially(client.name, { delay: 50 })
  await page.locator(`[data-test="client-option-${client.id}"]`).first().click()
  const sent = page.waitForResponse((r) => r.url().endsWith(`/api/v1/surveys/${survey.id}/send`))
  await page.locator('[data-test="survey-send"]').click()
  assert.equal((await sent).status(), 201)
  const card = page.locator(`[data-test="survey-qr-card"]`).first()
  await card.waitFor()
  await waitForText(card, client.name)
  const url = (await card.locator('[data-test="survey-qr-url"]').textContent()).trim()
  assert.match(url, /\/p\/s\/[A-Za-z0-9_-]{43}$/)
  const img = card.locator('[data-test="survey-qr-img"]')
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle())
  await shot(page, 'survey-qr-sheet')
  await page.context().close()

  // The client, on a phone, with no session.
  const phone = await walk.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true })
  await phone.goto(new URL(url).pathname)
  const sheet = phone.locator('[data-test="survey-form"]')
  await sheet.waitFor()
  assert.ok(
    await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    'the page fits a 360 px phone without scrolling sideways',
  )
  // Sent with an item left out: it is named and nothing is kept.
  for (const id of ITEMS.slice(0, 7)) await phone.locator(`[data-test="option-${id}-4"]`).first().click()
  await phone.locator('[data-test="survey-submit"]').click()
  await phone.locator('[data-test="item-error-overall"]').waitFor()
  await phone.locator('[data-test="option-overall-3"]').first().click()
  const submitted = phone.waitForResponse((r) => r.url().endsWith('/answers'))
  await phone.locator('[data-test="survey-submit"]').click()
  assert.equal((await submitted).status(), 201)
  await phone.locator('[data-test="survey-thanks"]').waitFor()
  await shot(phone, 'survey-answered-phone')
  await phone.reload()
  await waitForText(phone.locator('[data-test="survey-state"]'), '已')
  await phone.context().close()

  // The leader sees it counted.
  const leader = await walk.newPage()
  await signInHome(leader, 'leader')
  await leader.goto(`/surveys/${survey.id}`)
  await leader.locator('[data-test="survey-tab-results"]').click()
  await waitForText(leader.locator('[data-test="survey-stat-responses"]'), '1', 20_000)
  await waitForText(leader.locator('[data-test="survey-stat-mean"]'), '31')
  await leader.locator('[data-test="survey-chart-distribution"] canvas').first().waitFor()
  await leader.locator('[data-test="survey-result-item"][data-id="overall"]').waitFor()
  await shot(leader, 'survey-results')
})
