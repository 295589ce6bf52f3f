// What the browser walks share: a real `jieli serve` with the demo city and a headless Chromium
// for the test file (started before its tests, stopped after), and the steps every walk takes.
// A walk file calls browserWalk() once at the top and opens pages from what it returns.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { startServer } from './server.mjs'

export const webDir = fileURLToPath(new URL('..', import.meta.url))
export const resultsDir = join(webDir, 'test-results')
export const PASSWORD = 'Jieli@2026'

/**
 * Starts the server and the browser for this file. `newPage(options)` opens a page in a context
 * of its own (desktop 1440×900 in Chinese unless options say otherwise, e.g. a phone's viewport).
 */
export function browserWalk() {
  const walk = {
    server: null,
    browser: null,
    async newPage(options = {}) {
      const context = await walk.browser.newContext({
        baseURL: walk.server.url,
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        ...options,
      })
      context.setDefaultTimeout(15_000)
      return context.newPage()
    },
  }
  before(async () => {
    mkdirSync(resultsDir, { recursive: true })
    walk.server = await startServer()
    walk.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
    })
  })
  after(async () => {
    await walk.browser?.close().catch(() => {})
    await walk.server?.stop()
  })
  return walk
}

export async function signInHome(page, username) {
  await page.goto('/login')
  await page.locator('[data-test="login-username"]').fill(username)
  await page.locator('[data-test="login-password"]').fill(PASSWORD)
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL('**/home')
  await page.locator('[data-test="greeting"]').waitFor()
}

export async function waitForText(locator, text, timeout = 10_000) {
  const deadline = Date.now() + timeout
  let last = ''
  while (Date.now() < deadline) {
    last = (await locator.first().textContent().catch(() => '')) ?? ''
    if (last.includes(text)) return last
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`expected text "${text}", last saw "${last}"`)
}

/** A request from inside the page, with its session; a write carries the CSRF token. */
export async function api(page, method, path, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const headers = { 'Content-Type': 'application/json' }
      if (m !== 'GET') headers['X-CSRF-Token'] = (await (await fetch('/api/v1/me')).json()).csrf_token
      const response = await fetch(p, { method: m, headers, body: b === undefined ? undefined : JSON.stringify(b) })
      return { status: response.status, body: await response.json().catch(() => null) }
    },
    [method, path, body],
  )
}

export async function shot(page, name) {
  await page.waitForTimeout(400)
  await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })
}

/**
 * Picks the option named `text` of the el-select `select`, in that select's own menu (found by
 * the input's aria-controls), not in another select's menu still fading out.
 */
export async function choose(page, select, text) {
  await select.click()
  const menu = await select.locator('[aria-controls]').first().getAttribute('aria-controls')
  await page.locator(`[id="${menu}"] .el-select-dropdown__item`).filter({ hasText: text }).first().click()
}

/**
 * The text box of a form field: Element Plus puts the data-test of an el-input on the <input>
 * (or <textarea>) itself, of other fields (date pickers) on a wrapper.
 */
export function field(scope, name) {
  return scope
    .locator(`input[data-test="${name}"], textarea[data-test="${name}"], [data-test="${name}"] input, [data-test="${name}"] textarea`)
    .first()
}
