/**
 * Part 5 of `npm run bench`: what each page costs on the production weapp build (miniprogram-simulate,
 * official wcc, the demo data): setData calls and bytes of the first render, the largest single update,
 * rendered nodes, cloud calls — and how long the whole weapp story project takes. The figures come from
 * the weapp jest project itself (test/weapp/pageCost.test.ts writes them); `npm test` checks the
 * budget on the same figures and never a timing.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { REPO_ROOT } from '../../test/support/localCloud'
import type { PageCost } from '../../test/weapp/support/budget'
import { round } from './lib'

export interface WeappCost {
  budget: { firstRenderCalls: number; firstRenderBytes: number; updateBytes: number }
  pages: PageCost[]
  /** Wall time of `jest --selectProjects weapp` (every story, the page-cost file included). */
  projectSeconds: number
  files: { file: string; seconds: number }[]
}

export function weappCost(opts: { rebuild: boolean }): WeappCost {
  const out = path.join(REPO_ROOT, 'bench-results/weapp-page-cost.json')
  if (opts.rebuild || !existsSync(path.join(REPO_ROOT, 'dist/app.json'))) {
    const built = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: REPO_ROOT, stdio: 'ignore' })
    if (built.status !== 0) throw new Error('the weapp build failed')
  }
  const started = Date.now()
  const run = spawnSync('npx', ['jest', '--ci', '--selectProjects', 'weapp', '--json'], {
    cwd: REPO_ROOT,
    env: { ...process.env, WEAPP_COST_JSON: out },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const projectSeconds = round((Date.now() - started) / 1000)
  if (run.status !== 0) throw new Error(`the weapp stories failed:\n${run.stderr.slice(-3000)}`)
  const report = JSON.parse(run.stdout) as { testResults: { name: string; startTime: number; endTime: number }[] }
  const files = report.testResults.map((r) => ({ file: path.relative(REPO_ROOT, r.name), seconds: round((r.endTime - r.startTime) / 1000) }))
  return { ...(JSON.parse(readFileSync(out, 'utf8')) as Omit<WeappCost, 'projectSeconds' | 'files'>), projectSeconds, files }
}
