/**
 * Small, robust ways to drive the h5 build. Taro's router keeps the pages under it in the DOM
 * (hidden), so everything is scoped to the page on top: `.taro_router > .taro_page:last-child`.
 * Waits are on visible text, never on network idle (the h5 router keeps connections busy).
 */
import type { FileChooser, Locator, Page } from 'playwright-core'
import { UI_WAIT } from './harness'

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
export const exactly = (s: string): RegExp => new RegExp(`^\\s*${esc(s)}\\s*$`)

/** The page on top of the router's stack. */
export const top = (page: Page): Locator => page.locator('.taro_router > .taro_page:last-child')

/** Waits until `text` shows on the top page (substring, or a RegExp). */
export async function see(page: Page, text: string | RegExp, timeout = UI_WAIT): Promise<Locator> {
  const l = top(page).getByText(text).first()
  await l.waitFor({ state: 'visible', timeout })
  return l
}

/** Waits until the page's route (the hash) starts with `route`. */
export async function onRoute(page: Page, route: string, timeout = UI_WAIT): Promise<void> {
  await page.waitForFunction((r) => window.location.hash.replace(/^#\/?/, '').startsWith(r.replace(/^\//, '')), route, { timeout })
}

/** The query parameter `name` of the current hash route. */
export function hashParam(page: Page, name: string): string | null {
  const hash = new URL(page.url()).hash
  const q = hash.split('?')[1]
  return q ? new URLSearchParams(q).get(name) : null
}

/** Taps a tap-to-choose chip (exact label) inside `scope`. */
export async function chip(scope: Locator, label: string): Promise<void> {
  await scope.locator('.chip').filter({ hasText: exactly(label) }).first().click()
}

/** Is the chip (exact label) chosen? */
export async function chipOn(scope: Locator, label: string): Promise<boolean> {
  const cls = await scope.locator('.chip').filter({ hasText: exactly(label) }).first().getAttribute('class')
  return (cls ?? '').includes('chip--on')
}

/** A Taro Button (exact label) inside `scope`. */
export const button = (scope: Locator, label: string): Locator => scope.locator('taro-button-core').filter({ hasText: exactly(label) }).first()

/** Opens an issue action from the page's action bar, returns its sheet. */
export async function openAction(page: Page, label: string): Promise<Locator> {
  await button(top(page).locator('[data-testid=actions]'), label).click()
  const sheet = top(page).locator('.sheet')
  await sheet.waitFor({ state: 'visible' })
  return sheet
}

/** The state tag (first tag in the detail card). */
export const stateTag = (page: Page): Locator => top(page).locator('.card').first().locator('.tag').first()

/** Waits until the issue page's state reads `label`. */
export async function stateIs(page: Page, label: string | RegExp, timeout = UI_WAIT): Promise<void> {
  await top(page).locator('.card').first().locator('.tag').filter({ hasText: typeof label === 'string' ? exactly(label) : label }).first().waitFor({ state: 'visible', timeout })
}

/** Types into a Taro Input / Textarea by its name. */
export async function type(scope: Locator, name: string, text: string): Promise<void> {
  await scope.locator(`input[name="${name}"], textarea[name="${name}"]`).first().fill(text)
}

/** Taps the photo picker's "+" and hands it a PNG through the browser's file chooser (the hidden input). */
export async function addPhoto(page: Page, scope: Locator, png: Buffer, name = 'photo.png'): Promise<void> {
  const [chooser] = (await Promise.all([page.waitForEvent('filechooser'), scope.locator('.photos__add').last().click()])) as [FileChooser, void]
  await chooser.setFiles({ name, mimeType: 'image/png', buffer: png })
}

/** Answers the simulated subscribe-message prompt (a Taro modal) if it shows up within `timeout`. */
export async function allowSubscribeIfAsked(page: Page, timeout = 3_000): Promise<boolean> {
  const allow = page.locator('.taro__modal').getByText(exactly('允许'))
  try {
    await allow.waitFor({ state: 'visible', timeout })
  } catch {
    return false
  }
  await allow.click()
  return true
}

/** Text content of the top page (for "nothing of X appears" checks). */
export const pageText = (page: Page): Promise<string> => page.evaluate(() => document.body.innerText)
export const pageHtml = (page: Page): Promise<string> => page.evaluate(() => document.documentElement.outerHTML)
