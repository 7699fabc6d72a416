/** What the rollup stories read: stored documents, the issues' rollup marks, and the rebuild command's report. */
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { REPO_ROOT } from '../../support/localCloud'
import type { App } from './app'

export async function dumpOf(app: App, collection: string): Promise<any[]> {
  const { body } = await app.cloud.fetchJson(`/dev/db/${collection}`)
  return body.documents
}

/** Ids of the issues still carrying a rollup mark (a move owed). */
export async function rollupMarks(app: App): Promise<string[]> {
  return (await dumpOf(app, 'issues')).filter((i) => (i.outbox ?? []).some((e: { rollup?: boolean }) => e.rollup === true)).map((i) => i._id)
}

export interface RollupReport {
  mode: string
  issues: number
  issuesInCollection: number
  documents: number
  pending: number
  stale: number
  drift: number
  behind: number
  examples: { stale: string[]; drift: string[]; behind: string[] }
}

/** `npx tsx scripts/rollups.ts <mode> --port P` against the app's local cloud; its JSON report. */
export function rollupCommand(app: App, mode: 'check' | 'backfill' | 'rebuild' = 'check'): Promise<RollupReport & { exitCode: number }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/rollups.ts', mode, '--port', String(app.cloud.port)], { cwd: REPO_ROOT, timeout: 120_000 }, (error, stdout, stderr) => {
      try {
        resolve({ ...JSON.parse(stdout), exitCode: error ? ((error as { code?: number }).code ?? 1) : 0 })
      } catch {
        reject(new Error(`scripts/rollups.ts ${mode} gave no report: ${error?.message ?? ''}\n${stderr.slice(-2000)}`))
      }
    })
  })
}

/**
 * Adds `by` to one field of a stored rollup document through wx-server-sdk (what a bug, or a hand in the
 * console, would do): the maintainer never writes like this.
 */
export async function tamperWithRollup(app: App, id: string, by: number): Promise<void> {
  Object.assign(process.env, app.cloud.env)
  const sdk = createRequire(path.join(REPO_ROOT, 'package.json'))('wx-server-sdk')
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV, throwOnNotFound: false })
  const db = sdk.database()
  const { data } = await db.collection('rollups').doc(id).get()
  const [day] = Object.keys(data.days)
  const [field] = Object.keys(data.days[day])
  await db.collection('rollups').doc(id).update({ data: { days: { [day]: { [field]: db.command.inc(by) } } } })
}
