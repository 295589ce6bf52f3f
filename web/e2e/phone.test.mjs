// Browser walk of issue 13's phone on a home visit, at 390×844 (isMobile, hasTouch) against a real
// `jieli serve` with the demo city and the built app (its service worker registers only there):
// the menu is a drawer over the page; the cases are cards; a service record written with no signal
// waits as 待同步 and is sent when the signal returns; signing out leaves no one's data behind.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/phone.test.mjs
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { api, browserWalk, shot, signInHome, waitForText } from './harness.mjs'

const walk = browserWalk()

async function newPhone() {
  const page = await walk.newPage({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  })
  return { context: page.context(), page }
}

/** The caches and IndexedDB databases the page can see. */
async function offlineData(page) {
  return page.evaluate(async () => ({
    caches: await caches.keys(),
    databases: (await indexedDB.databases()).map((d) => d.name),
  }))
}

/** Waits until the service worker controls the page (it claims it on activation). */
async function serviceWorkerReady(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
    await page.reload()
    await page.locator('[data-test="greeting"]').waitFor()
  }
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the service worker controls the page')
}

test('1. the app is installable: a manifest named 接力 with icons and a theme colour', async () => {
  const { context, page } = await newPhone()
  await page.goto('/login')
  const href = await page.locator('link[rel="manifest"]').getAttribute('href')
  const manifest = (await api(page, 'GET', href)).body
  assert.equal(manifest.short_name, '接力')
  assert.equal(manifest.display, 'standalone')
  assert.ok(manifest.theme_color)
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512' && i.type === 'image/png'))
  for (const icon of manifest.icons) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src)
    assert.equal(status, 200, icon.src)
  }
  await context.close()
})

test('2. on a phone the menu is a drawer over the page and the cases are cards', async () => {
  const { context, page } = await newPhone()
  await signInHome(page, 'worker')
  // No side column squeezing the page: the main area has the whole width.
  assert.equal(await page.locator('.aside').count(), 0)
  const mainWidth = await page.locator('.main').evaluate((el) => el.getBoundingClientRect().width)
  assert.ok(mainWidth >= 380, `the page keeps the width (${mainWidth})`)
  // The worklist is cards with their due dates.
  await page.locator('[data-test="worklist-cards"]').waitFor()
  await shot(page, 'phone-home')

  await page.locator('[data-test="menu-toggle"]').tap()
  const drawer = page.locator('.el-drawer.menu-drawer')
  await drawer.locator('[data-test="menu-cases"]').waitFor()
  await page.waitForTimeout(500) // the drawer slides in
  const box = await drawer.boundingBox()
  assert.ok(Math.abs(box.x) < 1 && box.width < 390, `the drawer lies over the left of the page: ${JSON.stringify(box)}`)
  await shot(page, 'phone-menu')
  await drawer.locator('[data-test="menu-cases"]').tap()
  await page.waitForURL('**/cases**')
  await drawer.waitFor({ state: 'hidden' })

  const cards = page.locator('[data-test="case-card"]')
  await cards.first().waitFor()
  assert.equal(await page.locator('[data-test="cases-table"]').count(), 0, 'no table on a phone')
  assert.match((await cards.first().locator('[data-test="case-due"]').textContent()) ?? '', /截止/)
  await shot(page, 'phone-cases')

  await cards.first().tap()
  await page.waitForURL(/\/cases\/\d+$/)
  await page.locator('[data-test="steps-current"]').waitFor()
  await page.locator('[data-test="steps-progress"]').waitFor()
  await shot(page, 'phone-case')
  await context.close()
})

test('3. a service record written with no signal waits as 待同步, is sent on reconnect, and sign-out clears the offline data', async () => {
  const { context, page } = await newPhone()
  await signInHome(page, 'worker')
  await serviceWorkerReady(page)
  const me = (await api(page, 'GET', '/api/v1/me')).body
  const cases = (await api(page, 'GET', `/api/v1/cases?stage=intervention&worker_id=${me.id}&page_size=50`)).body.items
  const kase = cases.find((c) => c.primary_worker.id === me.id && !c.pending_approval)
  assert.ok(kase, 'the demo worker has a case in intervention')

  // Opened once with a signal, the case is there without one.
  await page.goto(`/cases/${kase.id}`)
  const entry = page.locator('[data-test="service-entry"]')
  await entry.waitFor()
  await page.locator('[data-test="service-cards"]').waitFor()
  const data = await offlineData(page)
  assert.ok(data.caches.includes(`jieli-u${me.id}-api`), `a cache named after the user: ${data.caches}`)

  await context.setOffline(true)
  await page.reload()
  await entry.waitFor()
  await page.locator('[data-test="offline-notice"]').waitFor()

  const CONTENT = '入户探访（无信号）：案主情绪较上周平稳'
  await entry.locator('[data-test="service-content"]').fill(CONTENT)
  await shot(page, 'phone-service-entry')
  await entry.locator('[data-test="service-add"]').tap()
  const pending = page.locator('[data-test="outbox-pending"]')
  await waitForText(pending, CONTENT)
  await waitForText(page.locator('[data-test="outbox-pending-count"]'), '待同步 1')
  await shot(page, 'phone-service-pending')
  // A stage-form draft too: it waits, to go onto the form version it was written on.
  const SUMMARY = '离线填写：已链接社区康复资源，案主每周参加一次小组'
  await page.locator('[data-path="progress_summary"]').first().locator('textarea, input').first().fill(SUMMARY)
  await page.locator('[data-test="stage-save-draft"]').tap()
  await waitForText(page.locator('[data-test="outbox-pending-count"]'), '待同步 2')
  const kept = await offlineData(page)
  assert.ok(kept.databases.includes(`jieli-outbox-u${me.id}`), `the outbox is in IndexedDB: ${kept.databases}`)

  // The signal returns: the record goes to the server and shows in the list.
  const posted = page.waitForResponse((r) => r.url().endsWith(`/cases/${kase.id}/services`) && r.request().method() === 'POST')
  const drafted = page.waitForResponse((r) => r.url().endsWith(`/cases/${kase.id}/stages/intervention`) && r.request().method() === 'PUT')
  await context.setOffline(false)
  assert.equal((await posted).status(), 201)
  assert.equal((await drafted).status(), 200)
  await page.waitForFunction(() => document.querySelectorAll('[data-test="outbox-pending"]').length === 0)
  const form = (await api(page, 'GET', `/api/v1/cases/${kase.id}/stages/intervention`)).body
  assert.equal(form.data.progress_summary, SUMMARY)
  await waitForText(page.locator('[data-test="service-cards"]'), CONTENT)
  const saved = (await api(page, 'GET', `/api/v1/cases/${kase.id}/services?page_size=5`)).body.items
  assert.equal(saved.filter((r) => r.content === CONTENT).length, 1, 'sent exactly once')

  // Signing out leaves no cached reads and no outbox; only the app shell (nobody's data) stays.
  await page.locator('[data-test="user-menu"]').tap()
  await page.locator('[data-test="logout"]').tap()
  await page.waitForURL('**/login**')
  await page.waitForFunction(async () => {
    const names = await caches.keys()
    const dbs = await indexedDB.databases()
    return names.every((n) => !n.startsWith('jieli-')) && dbs.every((d) => !d.name.startsWith('jieli-'))
  })
  const left = await offlineData(page)
  assert.deepEqual(left.databases, [])
  assert.ok(left.caches.every((n) => n.startsWith('workbox-precache')), `only the app shell is left: ${left.caches}`)
  await context.close()
})
