/**
 * Persisting an issue step. Every change is ONE conditional update on the issue document:
 * where({ _id, version }) → the changed fields, version + 1, the timeline event pushed, the
 * metric facts refreshed. Two concurrent changes: exactly one matches the version; the other
 * gets CONFLICT with the current state.
 */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { AppError } from '../../src/domain/errors'
import type { Step } from '../../src/domain/issue'
import { type PendingNotice, pendingNoticeOf } from '../../src/domain/issue/notices'
import { issueFacts } from '../../src/domain/metrics/facts'
import { rollupMark } from '../../src/domain/metrics/rollup'
import type { Issue } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from '../repo/collections'

export const issuesCollection = () => getDb().collection(COLLECTIONS.issues)

export async function loadIssue(issueId: string): Promise<Issue | null> {
  const { data } = await issuesCollection().doc(issueId).get()
  return (data as Issue | null) ?? null
}

const SKIP = new Set(['_id', 'timeline', 'version', 'facts', 'outbox', 'rollup'])

/** The update document for before → after: changed fields set whole, vanished fields removed. */
export function updateFor(before: Issue, after: Issue): Record<string, unknown> {
  const _ = command()
  const data: Record<string, unknown> = {}
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  for (const key of keys) {
    if (SKIP.has(key)) continue
    const a = (before as any)[key]
    const b = (after as any)[key]
    if (b === undefined) {
      if (a !== undefined) data[key] = _.remove()
    } else if (JSON.stringify(a) !== JSON.stringify(b)) {
      // _.set keeps objects whole instead of flattening them into dot paths
      data[key] = typeof b === 'object' && b !== null ? _.set(b) : b
    }
  }
  return data
}

/** True when the stored facts (absent: not read) differ from the step's. */
const factsMoved = (before: Issue, facts: object): boolean => {
  const stored = (before as Issue & { facts?: Record<string, unknown> }).facts
  return !stored || Object.entries(facts).some(([k, x]) => stored[k] !== x)
}

/**
 * Saves one step: the changed fields, the version, the timeline event, the metric facts and — in
 * the same conditional update — the step's notices for the outbox, and a rollup mark when the facts
 * moved (server/repo/rollups.ts). Returns the issue and the notice.
 */
export async function commitStep(before: Issue, step: Step, calendar: WorkCalendar): Promise<Issue & { notice?: PendingNotice }> {
  const _ = command()
  const after = step.issue
  const notice = pendingNoticeOf(after, step.event)
  const facts = issueFacts(after, calendar)
  const outbox = [...(notice ? [notice] : []), ...(factsMoved(before, facts) ? [rollupMark(after.version, step.event.at)] : [])]
  const data = {
    ...updateFor(before, after),
    version: after.version,
    timeline: _.push([step.event]),
    facts: _.set(facts),
    ...(outbox.length ? { outbox: _.push(outbox) } : {}),
  }
  const res = await issuesCollection().where({ _id: before._id, version: before.version }).update({ data })
  if (res.stats.updated !== 1) {
    const current = await loadIssue(before._id)
    throw new AppError('CONFLICT', '该问题刚被他人处理，请查看最新状态后再操作', {
      state: current?.state,
      version: current?.version,
    })
  }
  return notice ? { ...after, notice } : after
}
