/**
 * Package size: WeChat's analysis (scripts/weapp-analysis.mjs → miniprogram-ci analyseCode) of the
 * app's dist/ against an EMPTY Taro React app scaffolded by hand in a temp dir (taro-build.md §2,
 * node_modules symlinked to the repo's) and built in the same run with the repo's taro CLI.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT } from '../../test/support/localCloud'
import { round } from './lib'

const TARO = path.join(REPO_ROOT, 'node_modules/@tarojs/cli/bin/taro')

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'empty-taro-app', version: '0.0.0', private: true,
    templateInfo: { name: 'default', typescript: true, css: 'None', framework: 'React' },
    browserslist: ['last 3 versions', 'Android >= 4.1', 'ios >= 8'],
  }, null, 2),
  'babel.config.js': "module.exports = { presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]] }\n",
  'config/index.ts': `import { defineConfig } from '@tarojs/cli'
export default defineConfig<'webpack5'>(() => ({
  projectName: 'empty', designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src', outputRoot: 'dist',
  framework: 'react', compiler: 'webpack5',
  mini: { postcss: { pxtransform: { enable: true, config: {} } } },
}))
`,
  'src/app.config.ts': "export default defineAppConfig({ pages: ['pages/index/index'], window: { navigationBarTitleText: 'empty' }, lazyCodeLoading: 'requiredComponents' })\n",
  'src/app.ts': "import type { PropsWithChildren } from 'react'\nimport './app.css'\n\nfunction App({ children }: PropsWithChildren) {\n  return children\n}\n\nexport default App\n",
  'src/app.css': '\n',
  'src/pages/index/index.tsx': "import { Text, View } from '@tarojs/components'\n\nexport default function Index() {\n  return <View className='index'><Text>你好，小程序</Text></View>\n}\n",
  'src/pages/index/index.config.ts': "export default definePageConfig({ navigationBarTitleText: '首页' })\n",
  'types/global.d.ts': "/// <reference types=\"@tarojs/taro\" />\ndeclare module '*.css'\n",
  'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx', moduleResolution: 'node', strict: true, skipLibCheck: true, noEmit: true, target: 'es2017', module: 'esnext' }, include: ['src', 'types', 'config'] }),
  'project.config.json': JSON.stringify({
    miniprogramRoot: 'dist/', compileType: 'miniprogram', appid: 'touristappid', projectname: 'empty-taro-app',
    setting: { es6: false, postcss: false, minified: true, minifyWXML: true, minifyWXSS: true },
  }, null, 2),
}

export interface PackageRow { name: string; kb: number; files: number }
export interface SizeResult {
  app: { packages: PackageRow[]; totalKb: number; builtThisRun: boolean; buildSeconds: number | null }
  empty: { packages: PackageRow[]; totalKb: number; buildSeconds: number; dir: string }
  mainRatio: number
  mainDiffKb: number
}

function taroBuild(cwd: string): number {
  const t = Date.now()
  const r = spawnSync(process.execPath, [TARO, 'build', '--type', 'weapp'], { cwd, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 64 << 20 })
  if (r.status !== 0) throw new Error(`taro build in ${cwd} failed (${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`)
  return (Date.now() - t) / 1000
}

export async function packageSize(opts: { rebuild?: boolean; keep?: boolean } = {}): Promise<SizeResult> {
  let appBuild: number | null = null
  const built = opts.rebuild || !existsSync(path.join(REPO_ROOT, 'dist/app.json'))
  if (built) appBuild = taroBuild(REPO_ROOT)
  const dir = mkdtempSync(path.join(os.tmpdir(), 'empty-taro-'))
  try {
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
      writeFileSync(path.join(dir, file), text)
    }
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir')
    const emptyBuild = taroBuild(dir)
    const { analyse } = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts/weapp-analysis.mjs')).href)
    const app = await analyse(REPO_ROOT)
    const empty = await analyse(dir)
    const rows = (r: any): PackageRow[] => r.packages.map((p: any) => ({ name: p.root ? p.root : 'main', kb: p.kb, files: p.files }))
    const appMain = app.packages[0].kb
    const emptyMain = empty.packages[0].kb
    return {
      app: { packages: rows(app), totalKb: app.totalKb, builtThisRun: built, buildSeconds: appBuild },
      empty: { packages: rows(empty), totalKb: empty.totalKb, buildSeconds: round(emptyBuild), dir: opts.keep ? dir : '(removed)' },
      mainRatio: round(appMain / emptyMain, 2),
      mainDiffKb: round(appMain - emptyMain),
    }
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true })
  }
}
