/**
 * The recipe's steps 1–6, once per jest file: jsdom globals, the wx fake under simulate's mock,
 * the bare-name globals app.js reads, Page → Component, and a JS runner for dist/ that executes
 * each file fresh per launch and replays a Page()/Component() definition when webpack's chunk
 * cache would skip it (a page opened twice, comp.js for every page).
 */
import fs from 'node:fs'
import path from 'node:path'
import { Device } from './device'
import { installDom } from './dom'
import { type NavigationHost, type WxHolder, createWxFake, recordCalls } from './wxFake'

export const REPO_ROOT = path.resolve(__dirname, '../../..')
export const DIST = path.join(REPO_ROOT, 'dist')

const COMPILER_OPTIONS = { maxBuffer: 64 * 1024 * 1024 }

type Definition = { kind: 'Page' | 'Component'; options: Record<string, any> }

export interface Runtime {
  simulate: any
  exparser: any
  wx: Record<string, any>
  holder: WxHolder
  /** Forgets every module and definition of the last launch. */
  resetLaunch(): void
  /** Executes a dist file (path without .js) as the app's loader would: once per launch. */
  requireDist(file: string): any
  /** The simulate load id of a route in this launch (loads it the first time). */
  loadRoute(route: string): string
  /** What getCurrentPages() answers: set by the launched app. */
  currentPages: () => unknown[]
  /** The options the app passed to App(). */
  appOptions(): Record<string, any> | undefined
}

let runtime: Runtime | undefined

const idleHost: NavigationHost = {
  navigate: async () => {
    throw new Error('no app launched')
  },
  back: async () => undefined,
  setTitle: () => undefined,
}

export function getRuntime(): Runtime {
  if (runtime) return runtime
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error('The weapp build is missing (dist/app.js). Run `npx taro build --type weapp` (npm test does it) before the weapp stories.')
  }
  installDom()
  const g = globalThis as any
  const holder: WxHolder = { device: new Device(), host: idleHost }
  g.wx = createWxFake(holder)
  // simulate merges its built-in wx mock underneath the object it finds (and replaces global.wx).
  const simulate = require('miniprogram-simulate')
  const exparser = require('miniprogram-exparser')
  const wx = g.wx
  recordCalls(wx, holder)
  registerBuiltins()

  const modules = new Map<string, { exports: any }>()
  const definitions = new Map<string, Definition>()
  const loadIds = new Map<string, string>()
  let executing: string | undefined
  let app: Record<string, any> | undefined

  const componentCtor = g.Component as (options: Record<string, any>) => void
  g.Component = (options: Record<string, any>) => {
    if (executing && !definitions.has(executing)) definitions.set(executing, { kind: 'Component', options })
    componentCtor(options)
  }
  g.Page = (options: Record<string, any>) => {
    if (executing && !definitions.has(executing)) definitions.set(executing, { kind: 'Page', options })
    componentCtor(pageAsComponent(options))
  }
  g.App = (options: Record<string, any>) => {
    app = options
  }
  g.getApp = () => app
  g.requirePlugin = () => ({})
  g.getCurrentPages = () => runtime?.currentPages() ?? []

  const execute = (file: string): any => {
    const resolved = file.endsWith('.js') ? file : `${file}.js`
    const known = modules.get(resolved)
    if (known) return known.exports
    const module = { exports: {} as any }
    modules.set(resolved, module)
    const source = fs.readFileSync(resolved, 'utf8')
    const dir = path.dirname(resolved)
    const localRequire = (spec: string) => (spec.startsWith('.') ? execute(path.join(dir, spec)) : require(spec))
    // eslint-disable-next-line no-new-func -- runs the weapp build's own CommonJS modules, as the WeChat runtime does
    const fn = new Function('require', 'module', 'exports', `${source}\n//# sourceURL=${resolved}`)
    const previous = executing
    executing = resolved
    try {
      fn(localRequire, module, module.exports)
    } finally {
      executing = previous
    }
    return module.exports
  }

  // simulate runs a component's js with require(); ours executes once per launch, then replays.
  const utils = require('miniprogram-simulate/src/utils')
  utils.runJs = (file: string) => {
    const resolved = `${file}.js`
    const def = definitions.get(resolved)
    if (def && modules.has(resolved)) {
      if (def.kind === 'Page') componentCtor(pageAsComponent(def.options))
      else componentCtor(def.options)
      return
    }
    execute(resolved)
  }

  // wcc compiles the whole of dist/ once per process: do it now rather than on the first page.
  require('miniprogram-simulate/src/compile').getWxml(path.join(DIST, 'comp'), { compiler: 'official', rootPath: DIST, compilerOptions: COMPILER_OPTIONS })

  runtime = {
    simulate,
    exparser,
    wx,
    holder,
    resetLaunch() {
      modules.clear()
      definitions.clear()
      loadIds.clear()
      app = undefined
      delete wx.webpackJsonp
    },
    requireDist: (file) => execute(path.join(DIST, file)),
    loadRoute(route) {
      let id = loadIds.get(route)
      if (!id) {
        id = simulate.load(path.join(DIST, route), { compiler: 'official', rootPath: DIST, compilerOptions: COMPILER_OPTIONS }) as string
        loadIds.set(route, id)
      }
      return id
    },
    appOptions: () => app,
    currentPages: () => [],
  }
  return runtime
}

/** Page(options) → Component({ data, methods }): lifecycle methods are called by the harness. */
function pageAsComponent(options: Record<string, any>): Record<string, any> {
  const methods: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(options)) if (typeof v === 'function') methods[k] = v
  return { data: options.data ?? {}, methods }
}

/**
 * simulate's built-in components are bare `<slot/>`s; these keep the properties a user sees or
 * that decide a tap (placeholder, value, disabled, loading, open-type…) readable from the tree.
 */
function registerBuiltins(): void {
  const jComponent = require('j-component')
  const props = (names: string[]) => Object.fromEntries(names.map((n) => [n, { type: null as any, value: undefined }]))
  jComponent.register({ id: 'input', tagName: 'wx-input', template: '<slot/>', properties: props(['value', 'placeholder', 'disabled', 'name', 'type', 'maxlength', 'password', 'focus']) })
  jComponent.register({ id: 'textarea', tagName: 'wx-textarea', template: '<slot/>', properties: props(['value', 'placeholder', 'disabled', 'name', 'maxlength', 'focus']) })
  jComponent.register({ id: 'button', tagName: 'wx-button', template: '<slot/>', properties: props(['disabled', 'loading', 'openType', 'formType', 'size', 'type']) })
  jComponent.register({ id: 'image', tagName: 'wx-image', template: '<slot/>', properties: props(['src', 'mode']) })
  jComponent.register({ id: 'picker', tagName: 'wx-picker', template: '<slot/>', properties: props(['mode', 'value', 'range', 'start', 'end', 'disabled']) })
}
