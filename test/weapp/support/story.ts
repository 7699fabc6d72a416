/** Small steps the weapp stories share: a photo to pick, an issue's state, an action's sheet. */
import type { MiniApp } from './miniapp'
import { byClass } from './screen'

/** A real 1×1 PNG (what chooseMedia hands the app). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64')

/** The issue page's state tag (the first tag of the first card). */
export function stateOf(app: MiniApp): string {
  const card = byClass(app.top.dom, 'card')[0]
  const tag = card && byClass(card, 'tag')[0]
  return (tag?.textContent ?? '').trim()
}

export function expectState(app: MiniApp, label: string): void {
  if (app.top.route !== 'pages/issue/index') throw new Error(`expected the issue page, on ${app.top.route}`)
  const state = stateOf(app)
  if (state !== label) throw new Error(`expected the issue to read ${label}, it reads ${state}; the page:\n${app.ui.text().slice(0, 800)}`)
}

/** Taps an action under the issue (交办, 签收, 答复…) and returns its sheet. */
export async function openAction(app: MiniApp, name: string): Promise<Element> {
  const actions = byClass(app.top.dom, 'issue__actions')[0]
  if (!actions) throw new Error(`no actions on the issue; the page:\n${app.ui.text().slice(0, 800)}`)
  await app.ui.tap(name, actions)
  const sheet = byClass(app.top.dom, 'sheet')[0]
  if (!sheet) throw new Error(`tapping ${name} opened no sheet`)
  return sheet
}

/** The actions the viewer is offered on the issue page. */
export function actionsOffered(app: MiniApp): string[] {
  const actions = byClass(app.top.dom, 'issue__actions')[0]
  return actions ? Array.from(actions.querySelectorAll('wx-button')).map((b) => (b.textContent ?? '').trim()) : []
}

/** Whether a chip is selected. */
export function chipOn(app: MiniApp, label: string, within?: Element): boolean {
  const chip = app.ui.blocks('chip', label, within).find((el) => (el.textContent ?? '').trim() === label)
  if (!chip) throw new Error(`no chip ${label}`)
  return Array.from(chip.classList).some((c) => c.endsWith('chip--on'))
}
