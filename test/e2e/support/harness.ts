/**
 * The browser tests' world: one local cloud per test file (the product's function bundles, a copy
 * of the cached demo data — test/support/demoData.ts, shared with the weapp stories), the h5 build served from dist-h5/, one Chromium per file and a
 * fresh browser context per test. Debian's chromium only — no browser is ever downloaded.
 *
 *   const e2e = useE2E('liaisonToManager')
 *   it('…', async () => { const page = await e2e.page(); await e2e.open(page, DEMO.liaison1, 'pages/index/index') })
 */
import fs from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core'
import { LocalCloudClient } from '../../../scripts/devClient'
import { startDemoCloud } from '../../support/demoData'
import { type LocalCloudHandle, REPO_ROOT } from '../../support/localCloud'

export { DEMO } from '../../../scripts/seed'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const DIST_H5 = path.join(REPO_ROOT, 'dist-h5')
export const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts/e2e')
export const E2E_TIMEOUT = 180_000
/** How long a screen may take to show what we wait for (a cold subpackage load + a cloud call). */
export const UI_WAIT = 20_000

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']

// serve-static.mjs is plain JS shared with `npm start`; its one export, typed here.
const { serveStatic } = require('../../../scripts/serve-static.mjs') as { serveStatic: (root: string, port?: number) => Promise<{ server: Server; port: number }> }

export interface E2EOptions {
  /**
   * 'accept': the simulated subscribe-message prompt is pre-answered 允许 for the session;
   * 'ask': the test answers it itself.
   */
  subscribe?: 'accept' | 'ask'
}

export interface OpenOptions {
  /** openGId of the simulated WeChat group the app is opened from. */
  group?: string
}

export interface E2E {
  readonly cloudUrl: string
  readonly appUrl: string
  readonly client: LocalCloudClient
  readonly cloud: LocalCloudHandle
  readonly browser: Browser
  /** This test's context (created fresh for every test). */
  readonly context: BrowserContext
  /** A new tab in this test's context; console errors and page errors are collected. */
  page(): Promise<Page>
  /** Navigates to http://127.0.0.1:<app>/?cloud=<url>&persona=<openid>[&group=<openGId>]#/<route>. */
  open(page: Page, persona: string, route: string, opts?: OpenOptions): Promise<void>
  /** Saves test-artifacts/e2e/<story>/<n>-<name>.png; returns the path. */
  shot(page: Page, name: string): Promise<string>
  /** Every document of a collection (GET /dev/db/<name>). */
  db<T = any>(collection: string): Promise<T[]>
  /** The simulated WeChat group whose name contains `name`. */
  group(name: string): Promise<{ openGId: string; name: string }>
  /** Uncaught page errors seen so far in this test. */
  pageErrors(): string[]
}

function fail(message: string): never {
  throw new Error(message)
}

export function checkBuilds(): void {
  if (!fs.existsSync(path.join(REPO_ROOT, 'cloudfunctions/me/index.js'))) {
    fail('The cloud function bundles are missing (cloudfunctions/me/index.js). Run `node scripts/build-functions.mjs` (npm test does it) before the browser tests.')
  }
  if (!fs.existsSync(path.join(DIST_H5, 'index.html'))) {
    fail('The h5 build is missing (dist-h5/index.html). Run `npx taro build --type h5` (npm test does it) before the browser tests.')
  }
  if (!fs.existsSync(CHROMIUM)) {
    fail(`Chromium not found at ${CHROMIUM}. Install Debian's chromium (apt-get install -y chromium fonts-wqy-zenhei); no browser is downloaded.`)
  }
}

export const slug = (s: string): string => s.replace(/[^\w\u4e00-\u9fff-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'test'

/**
 * Registers beforeAll / afterAll / beforeEach / afterEach for one test file and returns its world.
 * `story` names the artifacts folder.
 */
export function useE2E(story: string, opts: E2EOptions = {}): E2E {
  let cloud: LocalCloudHandle | undefined
  let server: Server | undefined
  let appPort = 0
  let browser: Browser | undefined
  let context: BrowserContext | undefined
  let shots = 0
  let errors: string[] = []

  beforeAll(async () => {
    checkBuilds()
    fs.rmSync(path.join(ARTIFACTS, story), { recursive: true, force: true })
    const [started, served, launched] = await Promise.all([
      startDemoCloud(),
      serveStatic(DIST_H5, 0),
      chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }),
    ])
    cloud = started
    server = served.server
    appPort = served.port
    browser = launched
  }, E2E_TIMEOUT)

  afterAll(async () => {
    await browser?.close().catch(() => undefined)
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
    await cloud?.stop()
  }, 60_000)

  beforeEach(async () => {
    errors = []
    context = await browser!.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
    context.setDefaultTimeout(UI_WAIT)
    if ((opts.subscribe ?? 'accept') === 'accept') {
      await context.addInitScript(() => {
        try {
          sessionStorage.setItem('dev.subscribe', 'accept')
        } catch {
          // storage unavailable: the test answers the prompt
        }
      })
    }
  })

  afterEach(async () => {
    await context?.close().catch(() => undefined)
    context = undefined
  })

  const e2e: E2E = {
    get cloudUrl() {
      return cloud!.url
    },
    get appUrl() {
      return `http://127.0.0.1:${appPort}`
    },
    get client() {
      return new LocalCloudClient(cloud!.url)
    },
    get cloud() {
      return cloud!
    },
    get browser() {
      return browser!
    },
    get context() {
      return context ?? fail('no browser context outside a test')
    },
    async page() {
      const page = await e2e.context.newPage()
      page.on('pageerror', (err) => errors.push(String(err?.message ?? err)))
      return page
    },
    async open(page, persona, route, o = {}) {
      // The dev group switch is remembered in localStorage; a test that opens without a group
      // must not inherit the one an earlier step opened with.
      if (!o.group && page.url().startsWith(e2e.appUrl)) await page.evaluate(() => localStorage.removeItem('dev.group'))
      const q = new URLSearchParams({ cloud: cloud!.url, persona })
      if (o.group) q.set('group', o.group)
      // A full load every time (a goto that changes only the hash would stay in the same app run,
      // with the previous persona's cached whoami and page stack).
      if (page.url() !== 'about:blank') await page.goto('about:blank')
      await page.goto(`${e2e.appUrl}/?${q}#/${route.replace(/^\/+/, '')}`)
    },
    async shot(page, name) {
      const dir = path.join(ARTIFACTS, story)
      fs.mkdirSync(dir, { recursive: true })
      const file = path.join(dir, `${++shots}-${slug(name)}.png`)
      await fullScreenshot(page, file)
      return file
    },
    async db(collection) {
      const { status, body } = await cloud!.fetchJson(`/dev/db/${collection}`)
      if (status !== 200) fail(`GET /dev/db/${collection}: ${status}`)
      return body.documents
    },
    async group(name) {
      const { body } = await cloud!.fetchJson('/dev/groups')
      const g = (body.groups as { openGId: string; name: string }[]).find((x) => x.name.includes(name))
      return g ?? fail(`no simulated group named like ${name}`)
    },
    pageErrors: () => [...errors],
  }
  return e2e
}

/**
 * Taro pages scroll inside their own box, so a "full page" screenshot would stop at the viewport:
 * grow the viewport to the top page's height for the shot, then put it back.
 */
export async function fullScreenshot(page: Page, file: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 390, height: 844 }
  const height = await page
    .evaluate(() => {
      const top = document.querySelector('.taro_router > .taro_page:last-child') as HTMLElement | null
      const content = top?.querySelector('.screen') as HTMLElement | null
      return Math.max(top?.scrollHeight ?? 0, content?.scrollHeight ?? 0)
    })
    .catch(() => 0)
  const tall = Math.min(Math.max(height, size.height), 4000)
  if (tall > size.height) await page.setViewportSize({ width: size.width, height: tall })
  try {
    await page.screenshot({ path: file })
  } finally {
    if (tall > size.height) await page.setViewportSize(size)
  }
}

/** Saves a role's home screen to test-artifacts/e2e/homes/<role>.png (for the README). */
export async function saveHome(page: Page, role: string): Promise<string> {
  const dir = path.join(ARTIFACTS, 'homes')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${role}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}
