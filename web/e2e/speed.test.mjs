// First load on a phone-class connection (issue 13): Chromium throttled to DevTools' "Fast 3G"
// (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up) with an empty cache, against a real
// `jieli serve` with the demo city and the built app. It measures the time to the first screen —
// the sign-in form, then a worker's home page after signing in — and the bytes that crossed the
// wire, and prints them (also to test-results/first-load.json). It asserts what must hold (the
// assets arrive brotli-compressed, the screens appear), never a time: the figures are reported.
// Run: npm run build && JIELI_BIN=../build/release/jieli node --test e2e/speed.test.mjs
import assert from 'node:assert/strict'
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'node:test'
import { browserWalk, PASSWORD, resultsDir, webDir } from './harness.mjs'

// Chrome DevTools' preset of that name.
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
  uploadThroughput: (750 * 1024 * 0.9) / 8,
}

const walk = browserWalk()

test('first screen on Fast 3G with an empty cache', async () => {
  const context = await walk.browser.newContext({
    baseURL: walk.server.url,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
  })
  context.setDefaultTimeout(60_000)
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', FAST_3G)

  // Bytes on the wire (compressed, with headers) and how each asset was encoded.
  let wireBytes = 0
  const encodings = new Map()
  cdp.on('Network.loadingFinished', (event) => {
    wireBytes += event.encodedDataLength
  })
  cdp.on('Network.responseReceived', ({ response }) => {
    const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]))
    if (new URL(response.url).pathname.startsWith('/assets/')) encodings.set(response.url, headers['content-encoding'] ?? 'identity')
  })

  const started = Date.now()
  await page.goto('/login', { waitUntil: 'commit' })
  await page.locator('[data-test="login-submit"]').waitFor({ state: 'visible' })
  const loginMs = Date.now() - started
  const loginBytes = wireBytes

  await page.locator('[data-test="login-username"]').fill('worker')
  await page.locator('[data-test="login-password"]').fill(PASSWORD)
  const signedIn = Date.now()
  await page.locator('[data-test="login-submit"]').click()
  await page.waitForURL('**/home')
  await page.locator('[data-test="greeting"]').waitFor({ state: 'visible' })
  const homeMs = Date.now() - signedIn

  // Files under 1 KiB have no compressed copy (scripts/precompress.mjs); the rest come as brotli
  // (Chromium takes it on loopback) or gzip.
  const scripts = [...encodings].filter(([url]) => /\.(js|css)$/.test(new URL(url).pathname))
  assert.ok(scripts.length > 0, 'the app loaded its scripts and styles')
  const compressed = scripts.filter(([, encoding]) => encoding !== 'identity')
  assert.ok(compressed.length > 0, 'the app came compressed')
  for (const [url, encoding] of compressed) assert.equal(encoding, 'br', `${url} came brotli-compressed`)
  const encodedNames = new Map([...scripts].map(([url, encoding]) => [new URL(url).pathname.slice('/assets/'.length), encoding]))
  for (const [name, encoding] of encodedNames) {
    if (encoding === 'identity') assert.ok(!existsSync(join(webDir, 'dist', 'assets', `${name}.br`)), `${name} has a brotli copy but came plain`)
  }

  const figures = {
    connection: 'Fast 3G (562.5 ms, 1.44 Mbit/s down)',
    viewport: '390×844',
    login_first_screen_ms: loginMs,
    login_transferred_kib: Math.round(loginBytes / 1024),
    home_after_sign_in_ms: homeMs,
    total_transferred_kib: Math.round(wireBytes / 1024),
  }
  writeFileSync(join(resultsDir, 'first-load.json'), `${JSON.stringify(figures, null, 2)}\n`)
  console.log(
    `# first load on Fast 3G, empty cache: sign-in screen ${(loginMs / 1000).toFixed(1)} s ` +
      `(${figures.login_transferred_kib} KiB), worker's home after signing in ${(homeMs / 1000).toFixed(1)} s ` +
      `(${figures.total_transferred_kib} KiB in all)`,
  )
  await context.close()
})
