/**
 * What a user does on the page on top: read text, tap by text, type into a field found by its
 * name or placeholder, pull down to refresh, share. Taps and input are real exparser events on the
 * rendered tree, so they go through the build's `bindtap="eh"` / `bindinput="eh"` into React.
 */
import type { Device } from './device'
import type { PageLoad } from './metrics'
import { getRuntime } from './runtime'

export interface PageHandle {
  route: string
  query: Record<string, string>
  /** The page's root element in jsdom (classes carry the `main--` prefix). */
  dom: HTMLElement
  /** The page instance the app's code sees as `this` (onLoad, onPullDownRefresh, onShareAppMessage…). */
  instance: Record<string, any>
  load: PageLoad
  title?: string
  closed: boolean
}

/** What a screen drives: the page on top of the app, its device, and waiting for the app to settle (MiniApp). */
interface ScreenHost {
  readonly top: PageHandle
  readonly device: Device
  settle(): Promise<void>
}

export type TextMatch = string | RegExp

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim()
const matches = (text: string, want: TextMatch) => (typeof want === 'string' ? text === want : want.test(text))

/** A property of a built-in component (disabled, loading, placeholder, value, openType…). */
export function prop(el: Element, name: string): unknown {
  const node = (el as any).__wxElement
  const { exparser } = getRuntime()
  return node ? exparser.Element.getMethodCaller(node)?.data?.[name] : undefined
}

/** Elements carrying a class, whatever prefix the component gave it (`main--card`). */
export function byClass(root: Element, name: string): Element[] {
  return Array.from(root.querySelectorAll('*')).filter((el) => Array.from(el.classList).some((c) => c === name || c.endsWith(`--${name}`)))
}

export class Screen {
  constructor(private readonly app: ScreenHost) {}

  get page(): PageHandle {
    return this.app.top
  }

  get route(): string {
    return this.app.top.route
  }

  /** The page's text, whitespace collapsed. */
  text(root: Element = this.page.dom): string {
    return norm(root.textContent)
  }

  see(want: TextMatch, root: Element = this.page.dom): void {
    const text = this.text(root)
    const found = typeof want === 'string' ? text.includes(want) : want.test(text)
    if (!found) throw new Error(`expected to see ${want} on ${this.route}; the page reads:\n${text.slice(0, 1500)}`)
  }

  notSee(want: TextMatch, root: Element = this.page.dom): void {
    const text = this.text(root)
    const found = typeof want === 'string' ? text.includes(want) : want.test(text)
    if (found) throw new Error(`expected not to see ${want} on ${this.route}`)
  }

  /** Elements whose own full text is `want` (deepest first); `within` narrows the search. */
  all(want: TextMatch, within: Element = this.page.dom): Element[] {
    const hits = Array.from(within.querySelectorAll('*')).filter((el) => matches(norm(el.textContent), want))
    // Keep the deepest: drop an element when one of its descendants matches too.
    return hits.filter((el) => !hits.some((other) => other !== el && el.contains(other)))
  }

  find(want: TextMatch, within: Element = this.page.dom): Element {
    const found = this.all(want, within)
    if (!found.length) throw new Error(`no element reads ${want} on ${this.route}; the page reads:\n${this.text(within).slice(0, 1500)}`)
    return found[0]
  }

  /** Cards, rows…: elements with a class whose text contains `text`. */
  blocks(className: string, text?: TextMatch, within: Element = this.page.dom): Element[] {
    return byClass(within, className).filter((el) => (text === undefined ? true : typeof text === 'string' ? norm(el.textContent).includes(text) : text.test(norm(el.textContent))))
  }

  block(className: string, text?: TextMatch, within?: Element): Element {
    const found = this.blocks(className, text, within)
    if (!found.length) throw new Error(`no .${className}${text ? ` with ${text}` : ''} on ${this.route}`)
    return found[0]
  }

  /** Taps the element (or the deepest one reading `target`) and waits for the app to settle. */
  async tap(target: TextMatch | Element, within?: Element): Promise<void> {
    const el = typeof target === 'string' || target instanceof RegExp ? this.find(target, within) : target
    for (let at: Element | null = el; at; at = at.parentElement) {
      if (at.tagName.toLowerCase() !== 'wx-button') continue
      if (prop(at, 'disabled')) throw new Error(`the button ${norm(at.textContent)} is disabled`)
      if (prop(at, 'openType') === 'share') return void (await this.share({ from: 'button', button: at }))
    }
    this.fire(el, 'tap', { x: 0, y: 0 })
    await this.app.settle()
  }

  /** Types into the input / textarea whose name or placeholder is `field`. */
  async type(field: string, value: string, within: Element = this.page.dom): Promise<void> {
    const el = this.field(field, within)
    this.fire(el, 'input', { value, cursor: value.length, keyCode: 0 })
    await this.app.settle()
  }

  field(field: string, within: Element = this.page.dom): Element {
    const fields = Array.from(within.querySelectorAll('wx-input, wx-textarea'))
    const el = fields.find((f) => prop(f, 'name') === field) ?? fields.find((f) => prop(f, 'placeholder') === field)
    if (!el) throw new Error(`no field named or reading "${field}" on ${this.route} (fields: ${fields.map((f) => prop(f, 'name') || prop(f, 'placeholder')).join(', ')})`)
    return el
  }

  value(field: string, within?: Element): unknown {
    return prop(this.field(field, within), 'value')
  }

  /** The pull-down gesture: WeChat calls the page's onPullDownRefresh. */
  async pullDown(): Promise<void> {
    this.page.instance.onPullDownRefresh?.()
    await this.app.settle()
  }

  /**
   * Asks the page for its share card, as WeChat does when the user shares from the menu (·· →
   * 转发) or taps an `open-type="share"` button. Resolves to what the page returned.
   */
  async share(opts: { from: 'menu' | 'button'; button?: Element } = { from: 'menu' }): Promise<{ title?: string; path?: string }> {
    const target = opts.button ? { id: (opts.button as any).__wxElement?.id ?? '', dataset: { ...((opts.button as any).__wxElement?.dataset ?? {}) } } : undefined
    this.app.device.record('onShareAppMessage', { from: opts.from })
    this.app.device.inTap = opts.from === 'button'
    let card: any
    try {
      card = this.page.instance.onShareAppMessage?.({ from: opts.from, target, webViewUrl: '' })
    } finally {
      this.app.device.inTap = false
    }
    const resolved = card && typeof card.then === 'function' ? await card : card
    this.app.device.shares.push({ ...(resolved ?? {}) })
    await this.app.settle()
    return resolved ?? {}
  }

  /** A real exparser event on the element, flagged as a user gesture for the wx fake. */
  private fire(el: Element, type: string, detail: Record<string, unknown>): void {
    const node = (el as any).__wxElement
    if (!node) throw new Error(`<${el.tagName.toLowerCase()}> has no exparser node`)
    const { exparser } = getRuntime()
    const event = exparser.Event.create(type, detail, { bubbles: true, capturePhase: true, composed: true, extraFields: { touches: [], changedTouches: [] } })
    this.app.device.inTap = type === 'tap'
    try {
      exparser.Event.dispatchEvent(node, event)
    } finally {
      this.app.device.inTap = false
    }
  }
}
