/**
 * 回头看: each follow-up of a completed visit becomes a `follow_up` step on its issue, so the note
 * reaches the issue's timeline. Each step is ONE conditional update of the issue on its version
 * (commitStep), and it is written at most once per visit: an issue whose timeline already holds the
 * visit's follow-up is left alone, so a retried completion (same clientRequestId) — or two racing —
 * writes nothing twice.
 */
import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { AppError, isAppError } from '../../src/domain/errors'
import { type IssueCtx, OPEN_STATES, transition } from '../../src/domain/issue'
import type { Caller, Issue, Visit } from '../../src/domain/types'
import { commitStep, issuesByIds } from '../repo/issueDesk'
import { loadCalendar } from '../repo/calendars'
import { deskConfig } from '../shared/config'

type FollowUp = Visit['followUps'][number]

/** Rounds of read → conditional update per issue before giving up on a busy one. */
const ATTEMPTS = 5

const isOpen = (issue: Issue) => OPEN_STATES.includes(issue.state)
const followedUpDuring = (issue: Issue, visitId: string) =>
  issue.timeline.some((e) => e.action === 'follow_up' && (e.data as { visitId?: string } | undefined)?.visitId === visitId)

async function loadIssues(ids: readonly string[]): Promise<Map<string, Issue>> {
  if (ids.length === 0) return new Map()
  return new Map((await issuesByIds(ids)).map((i) => [i._id, i]))
}

type StepCtx = IssueCtx & { calendar: WorkCalendar }

/** The issue rules' context for the caller's steps, read (the calendar) only once, and only if a visit has follow-ups. */
export function followUpCtx(now: number, actorName?: string): () => Promise<StepCtx> {
  let ctx: Promise<StepCtx> | undefined
  return () => (ctx ??= loadCalendar().then(({ calendar }) => ({ now, calendar, config: deskConfig(), ...(actorName ? { actorName } : {}) })))
}

const stepFor = (visitId: string, f: FollowUp) => ({ action: 'follow_up' as const, visitId, text: f.note })

/**
 * Before the visit is saved: every follow-up names an issue of the visit's project, and every one
 * still open accepts the caller's step (the same `transition` the write will run). An issue closed
 * since the page listed it keeps its note on the visit record only: a closed issue never changes.
 * Answers the issues read, for the first write.
 */
export async function checkFollowUps(visit: Visit, followUps: readonly FollowUp[], caller: Caller, stepCtx: () => Promise<StepCtx>): Promise<Map<string, Issue>> {
  if (followUps.length === 0) return new Map()
  const [issues, ctx] = await Promise.all([loadIssues(followUps.map((f) => f.issueId)), stepCtx()])
  for (const f of followUps) {
    const issue = issues.get(f.issueId)
    if (!issue || issue.projectId !== visit.projectId) throw new AppError('INVALID_INPUT', '回头看只能记录本项目的问题')
    if (!isOpen(issue)) continue
    const step = transition(issue, stepFor(visit._id, f), caller, ctx)
    if (!step.ok) throw step.error
  }
  return issues
}

async function postOne(visitId: string, f: FollowUp, caller: Caller, ctx: StepCtx, first?: Issue): Promise<void> {
  let issue = first
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (!issue) issue = (await loadIssues([f.issueId])).get(f.issueId)
    if (!issue || !isOpen(issue) || followedUpDuring(issue, visitId)) return
    const step = transition(issue, stepFor(visitId, f), caller, ctx)
    // Refused now though accepted when the visit was saved (the issue moved to another team meanwhile): the note stays on the record.
    if (!step.ok) return
    try {
      await commitStep(issue, step.value, ctx.calendar)
      return
    } catch (e) {
      if (!isAppError(e) || e.code !== 'CONFLICT') throw e
      issue = undefined // someone acted on the issue in between: read it again
    }
  }
  throw new AppError('CONFLICT', '有问题正被他人处理，回头看记录尚未全部写入问题，请稍后再次提交（不会重复写入）')
}

/**
 * Writes the visit's follow-ups to their issues (those not written yet). `preloaded`: the issues
 * `checkFollowUps` read, used for the first attempt of each.
 */
export async function postFollowUps(visit: Visit, caller: Caller, stepCtx: () => Promise<StepCtx>, preloaded = new Map<string, Issue>()): Promise<void> {
  if (visit.followUps.length === 0) return
  const ctx = await stepCtx()
  await Promise.all(visit.followUps.map((f) => postOne(visit._id, f, caller, ctx, preloaded.get(f.issueId))))
}
