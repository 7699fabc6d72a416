/**
 * The rollups in the hourly job: move every issue still carrying a rollup mark (a crash after a step, a
 * move that kept losing to other writers, a sweep or a calendar entry that changed many issues), then
 * drop the zero sums left in the now documents, then audit one project's share of the rollups against its
 * issues — a different project each hour.
 * Both are idempotent: a run fired twice, or killed half-way and fired again, counts nothing twice.
 */
import { type RollupAuditReport, RollupAudit } from '../../src/domain/metrics'
import { HOUR_MS } from '../../src/domain/time'
import { projectRoster } from '../repo/projects'
import { type DrainReport, drainRollups, projectIssuesForAudit, readGroupRollups, tidyRollups } from '../repo/rollups'

/** Of the job's minute (its time limit is 60 s): what the drain may spend before leaving the rest to the next hour. */
export const DRAIN_BUDGET_MS = 25_000

/** The audit of one project's documents of the project view (src/domain/metrics/rollupCheck.ts). */
export async function auditProject(projectId: string): Promise<RollupAuditReport> {
  const [issues, stored] = await Promise.all([projectIssuesForAudit(projectId), readGroupRollups('project', projectId)])
  const audit = new RollupAudit()
  for (const issue of issues) audit.add(issue)
  return audit.report(stored, (id) => id.startsWith(`project|${projectId}~`))
}

export interface SampleCheck {
  project: string
  issues: number
  pending: number
  /** Differences seen on two reads in a row (a move in flight between the reads shows once). */
  stale: string[]
  drift: string[]
}

async function sampleCheck(now: number): Promise<SampleCheck | undefined> {
  const projects = await projectRoster()
  if (!projects.length) return undefined
  const project = projects[Math.floor(now / HOUR_MS) % projects.length]._id
  const first = await auditProject(project)
  let { stale, drift } = first
  if (stale.length || drift.length) {
    const again = await auditProject(project)
    stale = again.stale.filter((id) => stale.includes(id))
    drift = again.drift.filter((id) => drift.includes(id))
    if (stale.length || drift.length) console.error('[rollups] the sample check found differences; run the rebuild check', { project, stale, drift })
  }
  return { project, issues: first.issues, pending: first.pending, stale: stale.slice(0, 20), drift: drift.slice(0, 20) }
}

export async function rollupJob(now: number): Promise<{ drain: DrainReport; tidy: { tidied: number; busy: number }; check?: SampleCheck }> {
  const drain = await drainRollups(DRAIN_BUDGET_MS)
  const tidy = await tidyRollups()
  return { drain, tidy, check: await sampleCheck(now) }
}
