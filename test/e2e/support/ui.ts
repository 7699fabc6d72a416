/**
 * Small, robust ways to drive the h5 build. Taro's router keeps the pages under it in the DOM
 * (hidden), so everything is scoped to the page on top: `.taro_router > .taro_page:last-child`.
 * Waits are on visible text, never on network idle (the h5 router keeps connections busy).
 */
import type { Locator, Page } from 'playwright-core'
import { UI_WAIT } from './harness'

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
