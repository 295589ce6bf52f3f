// Browser walk of issue 13's client changes against a real `jieli serve` with the demo city: a
// worker finds a client by ID number and by phone (the values read through the audited reveal),
// opens the client profile with its cases and one timeline across them, and opens a case for a
// new client through the team dialog; the client form fills birth date and gender from the ID
// number as it is typed.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/clients.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()
const newPage = () => walk.newPage()

async function search(page, text) {
  await page.goto('/clients')
  const box = page.locator('[data-test="clients-q"]')
  await box.fill(text)
  const answer = page.waitForResponse((r) => r.url().includes('/api/v1/clients?') && r.url().includes('q='))
  await box.press('Enter')
  assert.equal((await answer).status(), 200)
  await page.waitForTimeout(300)
  return page.locator('[data-test="clients-table"] .el-table__body-wrapper .el-table__row')
}

test('a worker finds a client by ID number and by phone and opens the profile', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  const me = (await api(page, 'GET', '/api/v1/me')).body
  // A demo client of the worker's with a case that has moved on (a longer timeline).
  const cases = (await api(page, 'GET', `/api/v1/cases?stage=intervention&worker_id=${me.id}&page_size=50`)).body.items
  const kase = cases[0]
  assert.ok(kase, 'the demo has an intervention case of the worker')
  const revealed = (await api(page, 'POST', `/api/v1/clients/${kase.client_id}/reveal`)).body
  assert.ok(revealed.id_number && revealed.phone, 'the demo client has an ID number and a phone')

  // By ID number (typed with a lower-case x where it ends in X): exactly that client.
  let rows = await search(page, revealed.id_number.replace(/X$/, 'x'))
  assert.equal(await rows.count(), 1)
  await waitForText(rows.first(), kase.client_name)
  // By phone, with spaces as people type it.
  const spaced = `${revealed.phone.slice(0, 3)} ${revealed.phone.slice(3, 7)} ${revealed.phone.slice(7)}`
  rows = await search(page, spaced)
  assert.ok((await rows.count()) >= 1)
  await waitForText(page.locator('[data-test="clients-table"]'), kase.client_name)
  await shot(page, 'clients-found-by-phone')

  // The name is a link to the profile.
  await rows.filter({ hasText: kase.client_name }).first().locator('[data-test="client-link"]').click()
  await page.waitForURL(`**/clients/${kase.client_id}`)
  await waitForText(page.locator('[data-test="profile-name"]'), kase.client_name, 20_000)
  // Masked until revealed.
  assert.ok(((await page.locator('[data-test="profile-id-number"]').textContent()) ?? '').includes('*'))
  // Its cases with their stages, and one timeline across them.
  const caseRows = page.locator('[data-test="profile-cases"] .el-table__body-wrapper .el-table__row')
  await caseRows.first().waitFor()
  await waitForText(page.locator('[data-test="profile-cases"]'), `个案 #${kase.id}`)
  await waitForText(page.locator('[data-test="profile-cases"]'), '介入')
  const timeline = page.locator('[data-test="profile-timeline"]')
  await waitForText(timeline, '开案')
  assert.ok((await timeline.locator('.el-timeline-item').count()) > 3, 'the case’s history is on the profile')
  const profile = (await api(page, 'GET', `/api/v1/clients/${kase.client_id}/profile`)).body
  const times = profile.timeline.map((e) => e.at)
  assert.deepEqual(times, [...times].sort().reverse(), 'newest first')
  await shot(page, 'client-profile')

  // The reveal on the profile shows the clear numbers (and is audited by the server).
  await page.locator('[data-test="profile-reveal"]').click()
  await page.locator('.el-message-box .el-button--primary').click()
  await waitForText(page.locator('[data-test="profile-id-number"]'), revealed.id_number)

  // The case page's header leads back to the profile.
  await page.locator('[data-test="profile-case-link"]').filter({ hasText: `#${kase.id}` }).first().click()
  await page.waitForURL(`**/cases/${kase.id}`)
  await page.locator('[data-test="case-client"] [data-test="client-link"]').click()
  await page.waitForURL(`**/clients/${kase.client_id}`)
  await page.context().close()
})

test('a new client: birth date and gender from the ID number, then a case opened with its team', async () => {
  const page = await newPage()
  await signInHome(page, 'worker')
  await page.goto('/clients')
  await page.locator('[data-test="client-create"]').click()
  const dialog = page.locator('[data-test="client-dialog"]')
  await dialog.waitFor()
  const NAME = `档案测试${Date.now() % 100000}`
  await dialog.locator('[data-test="client-name"]').fill(NAME)
  const idInput = dialog.locator('[data-test="client-id-number"]')
  // A wrong check digit is refused as typed.
  await idInput.fill('420106195602280024')
  await waitForText(dialog.locator('.el-form-item__error'), '校验位')
  await idInput.fill('420106195602280025')
  await waitForText(dialog.locator('[data-test="client-id-filled"]'), '已按身份证号填入')
  assert.equal(await dialog.locator('.el-form-item').filter({ hasText: '出生日期' }).locator('input').first().inputValue(), '1956-02-28')
  assert.ok(await dialog.locator('[data-test="client-gender"] .el-radio.is-checked').filter({ hasText: '女' }).count())
  // A phone is checked as typed too.
  const phone = dialog.locator('[data-test="client-phone"]')
  await phone.fill('12912345678')
  await waitForText(dialog.locator('.el-form-item__error'), '手机号')
  await phone.fill('13687654321')
  await shot(page, 'client-form-from-id')
  const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/clients') && r.request().method() === 'POST')
  await dialog.locator('[data-test="client-save"]').click()
  const answer = await created
  if (answer.status() === 409) {
    // The same ID number from an earlier run: the message links to the client registered with it.
    await dialog.locator('[data-test="client-existing-link"]').click()
    await page.waitForURL(/\/clients\/\d+$/)
  } else {
    assert.equal(answer.status(), 201)
    const client = await answer.json()
    await page.goto(`/clients/${client.id}`)
  }
  await page.locator('[data-test="profile-name"]').waitFor()
  const clientId = Number(new URL(page.url()).pathname.split('/').pop())
  const open = page.locator('[data-test="profile-open-case"]')
  if ((await open.count()) === 0) {
    await page.context().close()
    return // a case is already open for the client (an earlier run)
  }
  await open.click()
  const teamDialog = page.locator('[data-test="open-case-dialog"]')
  await teamDialog.waitFor()
  // The primary worker is the caller by default.
  await waitForText(teamDialog.locator('[data-test="open-case-primary"]'), '王芳')
  await shot(page, 'open-case-team')
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST')
  await teamDialog.locator('[data-test="open-case-submit"]').click()
  const response = await opened
  assert.equal(response.status(), 201)
  const kase = await response.json()
  assert.ok(kase.supervisor, 'no case without a supervisor')
  assert.equal(kase.client_id, clientId)
  await page.waitForURL(`**/cases/${kase.id}`)
  await waitForText(page.locator('[data-test="case-header"]'), kase.supervisor.name)
  // Intake's gender is a choice, prefilled from the client.
  await page.context().close()
})
