/**
 * One launch of the production weapp build (dist/) on miniprogram-simulate: App() booted with the
 * device's enter options, a real page stack (navigateTo / redirectTo / reLaunch / navigateBack open
 * and close harness pages), page lifecycles, and per page load what it cost (setData calls and bytes,
 * rendered nodes, cloud calls). Stories drive it through screen.ts.
 */
import { Device } from './device'
import { type PageLoad, newPageLoad } from './metrics'
import { getRuntime } from './runtime'
import { type PageHandle, Screen } from './screen'
import { inflight } from './wxFake'

export interface LaunchOptions {
  cloudUrl: string
  openid: string
  /** Default: a fresh phone. Pass the same device to relaunch with its storage. */
  device?: Device
  /** Prepare the device before boot (enter options, answers). */
  prepare?: (device: Device) => void
}

const SETTLE_LIMIT_MS = 20_000

let active: MiniApp | undefined

export class MiniApp {
  readonly stack: PageHandle[] = []
  /** Every page opened in this launch, in order (closed ones included). */
  readonly loads: PageLoad[] = []
  private readonly routes: Set<string>
  private constructor(readonly device: Device, readonly cloudUrl: string) {
    const appJson = require('../../../dist/app.json') as { pages: string[]; subPackages?: { root: string; pages: string[] }[] }
    this.routes = new Set([...appJson.pages, ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))])
  }

  /** Boots dist/app.js for `openid` and opens the entry page (the device's enter path, default home). */
  static async launch(opts: LaunchOptions): Promise<MiniApp> {
    const rt = getRuntime()
    if (active) active.close()
    rt.resetLaunch()
    const device = opts.device ?? new Device()
    device.cloudUrl = opts.cloudUrl
    device.openid = opts.openid
    opts.prepare?.(device)
    const app = new MiniApp(device, opts.cloudUrl)
    active = app
    rt.holder.device = device
    rt.holder.host = {
      navigate: (kind, url) => app.navigate(kind, url),
      back: (delta) => app.back(delta),
      setTitle: (title) => {
        const top = app.stack[app.stack.length - 1]
        if (top) top.title = title
      },
    }
    device.topRoute = () => app.stack[app.stack.length - 1]?.route
    rt.currentPages = () => app.stack.map((p) => p.instance)
    rt.requireDist('app')
    const appOptions = rt.appOptions()
    if (!appOptions) throw new Error('dist/app.js did not call App()')
    const enter = { query: {}, path: 'pages/index/index', ...device.enter }
    appOptions.onLaunch?.call(appOptions, enter)
    appOptions.onShow?.call(appOptions, enter)
    await app.open(enter.path.replace(/^\//, ''), enter.query ?? {})
    return app
  }

  /** The user's hands and eyes on the page on top. */
  get ui(): Screen {
    return new Screen(this)
  }

  get top(): PageHandle {
    const page = this.stack[this.stack.length - 1]
    if (!page) throw new Error('no page is open')
    return page
  }

  /** Waits until no cloud call is in flight and the page tree stops receiving setData. */
  async settle(): Promise<void> {
    const started = performance.now()
    let quiet = 0
    let last = -1
    while (quiet < 4) {
      await new Promise((r) => setTimeout(r, 2))
      const updates = this.loads.reduce((n, l) => n + l.updates.length, 0)
      quiet = inflight.count === 0 && updates === last ? quiet + 1 : 0
      last = updates
      if (performance.now() - started > SETTLE_LIMIT_MS) throw new Error(`the app did not settle in ${SETTLE_LIMIT_MS / 1000} s (${inflight.count} calls in flight) on ${this.stack.map((p) => p.route).join(' → ')}`)
    }
    for (const load of this.loads) if (!load.settled) load.settle()
  }

  /** Opens a page on top of the stack, as navigateTo does, and waits for its first render. */
  async open(route: string, query: Record<string, string> = {}): Promise<PageHandle> {
    if (!this.routes.has(route)) throw new Error(`page not found: ${route} (not in dist/app.json)`)
    const rt = getRuntime()
    const below = this.stack[this.stack.length - 1]
    const id = rt.loadRoute(route)
    const comp = rt.simulate.render(id)
    const parent = document.createElement('div')
    document.body.appendChild(parent)
    comp.attach(parent)
    const instance = comp.instance as Record<string, any>
    instance.route = route
    instance.__route__ = route
    const load = newPageLoad(route, query, this.device, () => comp.dom as HTMLElement)
    const setData = instance.setData
    instance.setData = function (data: Record<string, unknown>, cb?: () => void) {
      load.record(data)
      return setData.call(this, data, cb)
    }
    const page: PageHandle = { route, query, dom: comp.dom, instance, load, closed: false }
    ;(page as any).detach = () => {
      comp.detach()
      parent.remove()
    }
    if (below) below.instance.onHide?.()
    this.stack.push(page)
    this.loads.push(load)
    instance.onLoad?.({ ...query })
    instance.onShow?.()
    instance.onReady?.()
    await this.settle()
    return page
  }

  private closePage(page: PageHandle): void {
    page.instance.onUnload?.()
    page.closed = true
    ;(page as any).detach()
  }

  /** Closes every page (the next launch or the end of a story). */
  close(): void {
    while (this.stack.length) this.closePage(this.stack.pop()!)
    if (active === this) active = undefined
  }

  private async navigate(kind: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab', url: string): Promise<void> {
    const { route, query } = parseUrl(url)
    if (!this.routes.has(route)) throw new Error(`page "${route}" is not found`)
    // WeChat answers the call first and opens the page after; the app's code must not rely on order.
    await Promise.resolve()
    if (kind === 'redirectTo' && this.stack.length) this.closePage(this.stack.pop()!)
    if (kind === 'reLaunch' || kind === 'switchTab') while (this.stack.length) this.closePage(this.stack.pop()!)
    void this.open(route, query).catch((e) => this.device.unscripted.push(`opening ${route} failed: ${e?.stack ?? e}`))
  }

  private async back(delta: number): Promise<void> {
    await Promise.resolve()
    for (let i = 0; i < delta && this.stack.length > 1; i++) this.closePage(this.stack.pop()!)
    this.top.instance.onShow?.()
  }

  /** WeChat's back button / gesture. */
  async goBack(): Promise<void> {
    await this.back(1)
    await this.settle()
  }
}

/** `/pages/issue/index?id=abc` → route + raw (undecoded) query, as WeChat hands it to onLoad. */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [path, search = ''] = url.replace(/^\//, '').split('?')
  const query: Record<string, string> = {}
  for (const part of search.split('&')) {
    if (!part) continue
    const i = part.indexOf('=')
    query[i < 0 ? part : part.slice(0, i)] = i < 0 ? '' : part.slice(i + 1)
  }
  return { route: path, query }
}
