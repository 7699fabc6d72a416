/**
 * The rollups' rebuild command (server/repo/rollups.ts, src/domain/metrics/rollup*.ts):
 *
 *   npx tsx scripts/rollups.ts check    [--port P]   recompute the rollups from every issue's facts and report any difference
 *   npx tsx scripts/rollups.ts backfill [--port P]   move every issue through the maintainer (safe while the functions run)
 *   npx tsx scripts/rollups.ts rebuild  [--port P]   rewrite every rollup document and recorded contribution (functions quiet)
 *
 * `check` is read-only and safe at any time; it exits 1 when it finds a stale issue or a drifting document.
 * `backfill` is what a first deployment runs (issues stored before the rollups existed record nothing).
 * `rebuild` repairs drift (a document that is not the sum of what the issues record): run it with the
 * functions quiet, then `check`. With `--port P` it talks to the local cloud on that port; without, it uses
 * the wx-server-sdk environment of the process (TENCENTCLOUD_SECRETID / SECRETKEY, SCF_NAMESPACE = env id,
 * TENCENTCLOUD_RUNENV=SCF — what `tsx emulator/cli.ts --print-env` prints for the local cloud).
 * The report (JSON) goes to stdout, progress to stderr.
 */
import { sdkEnv } from '../emulator/env'
import { type AuditedIssue, ROLLUP_VIEWS, RollupAudit, contributionOf, encodeContribution } from '../src/domain/metrics'

const [mode = 'check', ...rest] = process.argv.slice(2)
const portArg = rest.indexOf('--port')
if (portArg >= 0) Object.assign(process.env, sdkEnv(Number(rest[portArg + 1])))

async function main(): Promise<number> {
  if (!['check', 'backfill', 'rebuild'].includes(mode)) {
    process.stderr.write('usage: npx tsx scripts/rollups.ts check|backfill|rebuild [--port P]\n')
    return 2
  }
  // Imported after the environment is set: the SDK reads it when first used.
  const { projectRoster } = await import('../server/repo/projects')
  const { maintainRollup, projectIssuesForAudit, readViewRollups, rollupsCollection } = await import('../server/repo/rollups')
  const { COLLECTIONS } = await import('../server/repo/collections')
  const { command, getDb } = await import('../server/runtime/cloud')
  const started = Date.now()
  const projects = await projectRoster()

  /** Every project's issues, one project at a time (each read served by the projectId index). */
  const eachIssue = async (label: string, visit: (issue: AuditedIssue) => Promise<void> | void) => {
    let seen = 0
    for (const [n, p] of projects.entries()) {
      for (const issue of await projectIssuesForAudit(p._id)) {
        seen++
        await visit(issue)
      }
      process.stderr.write(`\r${label}: ${n + 1}/${projects.length} projects, ${seen} issues`)
    }
    process.stderr.write('\n')
  }

  const done: Record<string, number> = {}
  if (mode === 'backfill')
    await eachIssue('backfill', async (issue) => {
      const outcome = await maintainRollup(issue._id)
      done[outcome] = (done[outcome] ?? 0) + 1
    })
  if (mode === 'rebuild') {
    const _ = command()
    const fresh = new RollupAudit()
    await eachIssue('rebuild', async (issue) => {
      const recorded = encodeContribution(contributionOf(issue.facts))
      fresh.add({ ...issue, rollup: recorded, outbox: [] })
      const res = await getDb().collection(COLLECTIONS.issues).doc(issue._id).update({ data: { rollup: _.set(recorded), outbox: _.pull({ rollup: true }) } })
      done.issues = (done.issues ?? 0) + res.stats.updated
    })
    const expected = fresh.expected()
    for (const doc of (await Promise.all(ROLLUP_VIEWS.map(readViewRollups))).flat()) if (!expected.has(doc._id)) await rollupsCollection().doc(doc._id).remove()
    for (const { _id, ...body } of expected.values()) await rollupsCollection().doc(_id).set({ data: body })
    done.documents = expected.size
  }

  const audit = new RollupAudit()
  await eachIssue('check', (issue) => audit.add(issue))
  const [stored, { total }] = await Promise.all([
    Promise.all(ROLLUP_VIEWS.map(readViewRollups)).then((views) => views.flat()),
    getDb().collection(COLLECTIONS.issues).count(),
  ])
  const report = audit.report(stored)
  const out = {
    mode,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    projects: projects.length,
    issues: report.issues,
    issuesInCollection: total,
    documents: stored.length,
    pending: report.pending,
    stale: report.stale.length,
    drift: report.drift.length,
    behind: report.behind.length,
    examples: { stale: report.stale.slice(0, 10), drift: report.drift.slice(0, 10), behind: report.behind.slice(0, 10) },
    ...(mode === 'check' ? {} : { done }),
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`)
  const clean = report.stale.length === 0 && report.drift.length === 0 && total === report.issues
  process.stderr.write(clean ? 'rollups: no difference\n' : 'rollups: differences found (see the report)\n')
  return clean ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`rollups ${mode} failed: ${(e as Error)?.stack ?? e}\n`)
    process.exit(1)
  },
)
