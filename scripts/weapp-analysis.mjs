// WeChat's own view of the weapp build, shared by check-weapp.mjs and size.mjs.
//
// Runs the two offline calls of miniprogram-ci (published by WeChat, "extracted from WeChatDevtools"):
//   ci.checkCodeQuality(project) — the 11 checks of the DevTools 代码质量 panel
//   ci.analyseCode(project)      — every file with its size and the package WeChat puts it in
// Nothing here talks to WeChat's servers: upload / preview / getCompiledResult are never called,
// and the project gets an inline dummy key (CIProject reads privateKeyPath from disk if given one)
// plus a local attr() so nothing can fetch the account's attributes.
//
// Sizes are WeChat's numbers (analyseCode's per-file sizes, summed per package), KB = 1000 B.
// The library leaves a file watcher running: callers must process.exit() when done.
import { createRequire } from 'node:module'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The 11 checks checkCodeQuality runs in miniprogram-ci 2.1.42 (PLUGIN_OVER_SIZE / CONTAINS_APPSECRET are listed but have no handler). */
export const EXPECTED_CHECKS = [
  'PACKAGE_SIZE_LIMIT',
  'JS_COMPRESS_OPEN',
  'WXML_COMPRESS_OPEN',
  'WXSS_COMPRESS_OPEN',
  'LAZYCODE_LOADING_OPEN',
  'IMAGE_AND_AUDIO_LIMIT',
  'CONTAINS_OTHER_PKG_JS',
  'CONTAINS_OTHER_PKG_COMPONENTS',
  'CONTAINS_UNUSED_PLUGINS',
  'CONTAINS_UNUSED_COMPONENTS',
  'CONTAINS_UNUSED_CODES',
]

/** Budgets in KB (1000 B) of WeChat's analysis. */
export const BUDGETS = { mainKb: 500, subpackageKb: 600, totalKb: 1500, preloadKb: 2000 }

/** How WeChat names the main package (checkCodeQuality detail, app.json preloadRule). */
export const MAIN_PACKAGE_ID = '__APP__'

/** Extensions IMAGE_AND_AUDIO_LIMIT adds up (miniprogram-ci qualitycheckoption regList). */
export const MEDIA_EXTS = ['.jpg', '.jpeg', '.png', '.svg', '.webp', '.gif', '.flac', '.m4a', '.ogg', '.ape', '.amr', '.wma', '.wav', '.mp3', '.mp4', '.aac', '.aiff', '.caf']

export const kbOf = (bytes) => Math.round(bytes / 100) / 10
export const fmtKb = (kb) => `${kb.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} KB`

const trimSlash = (s) => String(s).replace(/^\/+|\/+$/g, '')

function readProject(projectDir) {
  const configPath = path.join(projectDir, 'project.config.json')
  if (!existsSync(configPath)) throw new Error(`${configPath} not found (--project must be a directory holding project.config.json)`)
  const config = JSON.parse(readFileSync(configPath, 'utf8'))
  const miniprogramRoot = path.join(projectDir, config.miniprogramRoot || '')
  const appJsonPath = path.join(miniprogramRoot, 'app.json')
  if (!existsSync(appJsonPath)) {
    throw new Error(`${appJsonPath} not found — build first: npx taro build --type weapp`)
  }
  return { config, miniprogramRoot, appJson: JSON.parse(readFileSync(appJsonPath, 'utf8')) }
}

/**
 * Per-package totals from analyseCode's file list, in app.json order: main first, then each subpackage
 * (a subpackage with no files in the analysis still appears, at 0).
 */
export function packagesFrom(files, appJson) {
  const declared = appJson.subPackages || appJson.subpackages || []
  const packages = [{ name: 'main', root: '', id: MAIN_PACKAGE_ID, independent: false, bytes: 0, files: 0 }]
  const byRoot = new Map()
  for (const sp of declared) {
    const root = trimSlash(sp.root)
    const pkg = { name: sp.name || root, root, id: `${root}/`, independent: !!sp.independent, bytes: 0, files: 0 }
    packages.push(pkg)
    byRoot.set(root, pkg)
  }
  for (const f of files) {
    let pkg = packages[0]
    if (f.subPackage) {
      const root = trimSlash(f.subPackage)
      pkg = byRoot.get(root)
      if (!pkg) {
        pkg = { name: root, root, id: `${root}/`, independent: false, bytes: 0, files: 0 }
        packages.push(pkg)
        byRoot.set(root, pkg)
      }
    }
    pkg.bytes += f.size
    pkg.files += 1
  }
  for (const p of packages) p.kb = kbOf(p.bytes)
  return packages
}

/**
 * app.json preloadRule, per WeChat's rule "同一个分包中的页面享有共同的预下载大小限额 2M":
 * the pages of one package (main or a subpackage) share one allowance, and the doc's example
 * (A preloads 0.5M, so B may preload at most 1.5M) adds the pages' preloads up. So for each
 * package holding pages with a rule, the figure is the sum over those pages of the sizes of the
 * packages each one preloads. The package the page is in is already downloaded and is not counted;
 * the main package counts only where it is listed as "__APP__" (from an independent subpackage).
 * Packages are matched like the devtools' checkPreloadRule: by name, by root, or "__APP__".
 */
export function preloadFrom(appJson, packages) {
  const rules = appJson.preloadRule || {}
  const main = packages[0]
  const subs = packages.slice(1)
  const pkgOfPage = (page) => subs.find((p) => trimSlash(page).startsWith(`${p.root}/`)) || main
  const resolve = (ref) => {
    if (ref === MAIN_PACKAGE_ID) return main
    return subs.find((p) => p.name === ref) || subs.find((p) => p.root === trimSlash(ref)) || null
  }
  const groups = new Map()
  const problems = []
  for (const [page, rule] of Object.entries(rules)) {
    const from = pkgOfPage(page)
    const g = groups.get(from) || { from: from.name, root: from.root, pages: [], bytes: 0 }
    groups.set(from, g)
    const preloaded = []
    for (const ref of rule.packages || []) {
      const pkg = resolve(ref)
      if (!pkg) {
        problems.push(`preloadRule["${page}"] names an unknown package "${ref}"`)
        continue
      }
      if (pkg === from) continue
      preloaded.push(pkg.name)
      g.bytes += pkg.bytes
    }
    g.pages.push({ page, network: rule.network || 'wifi', packages: preloaded })
  }
  const list = [...groups.values()].map((g) => ({ ...g, kb: kbOf(g.bytes) }))
  const max = list.reduce((m, g) => (g.bytes > m.bytes ? g : m), { bytes: 0, kb: 0, from: null })
  return { groups: list, maxKb: max.kb, maxFrom: max.from, problems }
}

/**
 * Run WeChat's scan and analysis on a project directory (it must hold project.config.json whose
 * miniprogramRoot points at the build).
 * → { projectDir, miniprogramRoot, checks, packages: [{ name, root, kb, bytes, ... }], totalKb, mediaKb, preload, log, scanErrors }
 */
export async function analyse(projectDir = repoRoot) {
  projectDir = path.resolve(projectDir)
  const { config, miniprogramRoot, appJson } = readProject(projectDir)

  // The library chats on the console (and, worse, logs a check's exception with console.error and
  // then reports that check as passed). Capture everything while it runs.
  const log = []
  const scanErrors = []
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error }
  const text = (args) => args.map((a) => (a instanceof Error ? a.stack || String(a) : typeof a === 'string' ? a : JSON.stringify(a))).join(' ')
  console.log = console.info = (...a) => log.push(text(a))
  console.warn = (...a) => log.push(`warn: ${text(a)}`)
  console.error = (...a) => {
    log.push(`error: ${text(a)}`)
    scanErrors.push(text(a))
  }
  try {
    const require = createRequire(path.join(repoRoot, 'package.json'))
    const ci = require('miniprogram-ci')
    ci.locales?.setLocale?.('zh') // the Chinese texts state the requirement; the English ones state the failure
    const project = new ci.Project({
      appid: config.appid || 'touristappid',
      type: 'miniProgram',
      projectPath: projectDir,
      privateKey: 'offline — never sent; upload/preview are not called',
      ignores: ['node_modules/**/*'],
      attr: async () => {
        throw new Error('weapp-analysis: project attributes need WeChat servers; not available offline')
      },
    })
    const raw = await ci.checkCodeQuality(project)
    const analysis = await ci.analyseCode(project, { silent: true })
    if (!analysis || !Array.isArray(analysis.files)) throw new Error('analyseCode returned no file list')

    const checks = raw.map((c) => ({ name: c.name, ok: c.success === true, text: c.text, detail: c.detail ?? null, docURL: c.docURL }))
    const packages = packagesFrom(analysis.files, appJson)
    const totalBytes = packages.reduce((s, p) => s + p.bytes, 0)
    const mediaBytes = analysis.files.filter((f) => MEDIA_EXTS.includes(f.ext)).reduce((s, f) => s + f.size, 0)
    return {
      projectDir,
      miniprogramRoot,
      checks,
      packages,
      totalBytes,
      totalKb: kbOf(totalBytes),
      mediaKb: kbOf(mediaBytes),
      preload: preloadFrom(appJson, packages),
      fileCount: analysis.files.length,
      log,
      scanErrors,
    }
  } finally {
    Object.assign(console, saved)
  }
}

/** Lines of a package table, for printing. */
export function packageTable(result) {
  const rows = result.packages.map((p) => [p.root ? `${p.name === p.root ? `${p.root}/` : `${p.name} (${p.root}/)`}${p.independent ? ' [independent]' : ''}` : 'main package', fmtKb(p.kb)])
  rows.push(['total', fmtKb(result.totalKb)])
  const w = Math.max(...rows.map((r) => r[0].length))
  const v = Math.max(...rows.map((r) => r[1].length))
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b.padStart(v)}`)
}
