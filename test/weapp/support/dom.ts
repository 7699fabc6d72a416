/**
 * Step 1 of the weapp recipe: a jsdom window whose properties are copied onto the global object
 * (miniprogram-simulate's exparser renders into it). Taro's bundles keep their own window/document,
 * so nothing clashes. Properties the global already has (timers, fetch, URL…) are kept.
 */
import { JSDOM } from 'jsdom'

let installed: JSDOM | undefined

export function installDom(): JSDOM {
  if (installed) return installed
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', { pretendToBeVisual: true, url: 'http://localhost/' })
  const g = globalThis as any
  const win = dom.window as any
  for (const key of Object.getOwnPropertyNames(win)) {
    if (key in g) continue
    try {
      g[key] = win[key]
    } catch {
      // read-only on the global: keep the global's own
    }
  }
  g.window = win
  g.document = win.document
  installed = dom
  return dom
}
