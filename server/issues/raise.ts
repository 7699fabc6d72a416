/**
 * Raising an issue, in three round trips on the reply's path: (1) the caller, a request with the same
 * id, the project, likely repeats, the calendar, the year's highest case number and the visit, all at
 * once; (2) the insert, which carries the step's notices; (3) the reply's reads. The notices are sent
 * after the reply (ctx.after).
 *
 * A retried submission (same clientRequestId, same body) answers with the issue the first one created;
 * the same id with another body is IDEMPOTENCY_MISMATCH. The case number is the year's highest + 1
 * under a unique index: two raises at once cannot share one, the second takes the next.
 */
import { requireVisibleProject } from '../runtime/guards'
import { AppError } from '../../src/domain/errors'
import { OPEN_STATES, caseNoRange, caseYearOf, createIssue, nextCaseNo } from '../../src/domain/issue'
import { pendingNoticeOf } from '../../src/domain/issue/notices'
import { issueFacts } from '../../src/domain/metrics/facts'
import { rollupMark } from '../../src/domain/metrics/rollup'
import type { raiseIssueInput } from '../../src/domain/schemas/issues'
import { DAY_MS } from '../../src/domain/time'
import type { Issue, Project } from '../../src/domain/types'
import type * as v from 'valibot'
import { checkAttachments } from '../files'
import { loadProject } from '../repo/projects'
import { type ActionContext, type PrefetchContext, withPrefetch } from '../runtime/entry'
import { loadCalendar } from '../repo/calendars'
import { deskConfig } from '../shared/config'
import { loadAllDepartments } from '../shared/departments'
import { newId } from '../shared/ids'
import { requestDigest, requireSameRequest } from '../shared/requestDigest'
import { maintainRollup } from '../repo/rollups'
import { sendLeftovers, sendStepNotices } from './notices'
import { replyFor } from './reply'
import { highestCaseNoIn, insertIssue, issueByClientRequestId, sameCategorySince } from '../repo/issueDesk'
import { linkIssueToVisit, visitProjectId } from '../repo/visits'

type RaiseInput = v.InferOutput<typeof raiseIssueInput>

/** The year's highest case number so far (one indexed read). */
async function highestCaseNo(year: number): Promise<string | undefined> {
  const { from, to } = caseNoRange(year)
  return highestCaseNoIn(from, to)
}

/** Idempotent: a retried raise links its issue to the visit again, never twice. */
const linkToVisit = (issue: Issue, now: number): Promise<void> => linkIssueToVisit(issue.visitId!, issue._id, now)

const duplicateOf = (e: unknown, index: string): boolean => new RegExp(`E11000.*(${index})`, 'i').test(String((e as Error)?.message))
const CASE_NO_ATTEMPTS = 5

const digestOf = (input: RaiseInput) => requestDigest({ ...input, clientRequestId: undefined })

async function prefetch(input: RaiseInput, at: PrefetchContext) {
  const year = caseYearOf(at.now)
  const [existing, project, candidates, { calendar }, highest, visitProject, departments] = await Promise.all([
    issueByClientRequestId(input.clientRequestId),
    loadProject(input.projectId),
    sameCategorySince(input.projectId, input.category, at.now - deskConfig().repeatWindowDays * DAY_MS)
      .then((found) => found.filter((i) => OPEN_STATES.includes(i.state))),
    loadCalendar(),
    highestCaseNo(year),
    input.visitId ? visitProjectId(input.visitId) : undefined,
    loadAllDepartments(),
  ])
  return { year, existing, project, candidates, calendar, highest, visitProject, departments }
}

type Prefetched = Awaited<ReturnType<typeof prefetch>>

async function run(input: RaiseInput, ctx: ActionContext, pre: Prefetched) {
  const { calendar, departments } = pre
  const digest = digestOf(input)
  const retried = async (first: Issue | null) => {
    if (!first || first.raisedBy !== ctx.openid) throw new AppError('CONFLICT', '请求编号重复，请重新提交')
    requireSameRequest(first.requestDigest, digest)
    // The first attempt may have died between storing the issue and linking it to its visit.
    if (first.visitId) await linkToVisit(first, ctx.now)
    sendLeftovers(first, ctx.after, ctx.now)
    return replyFor(first, ctx, { calendar, departments })
  }
  if (pre.existing) return retried(pre.existing)
  const visible: Project = requireVisibleProject(ctx.caller, pre.project)
  const raiser = ctx.user?.name ? { name: ctx.user.name, ...(ctx.user.phone ? { phone: ctx.user.phone } : {}) } : undefined
  const id = newId()
  let caseNo = nextCaseNo(pre.year, pre.highest)
  for (let attempt = 1; ; attempt++) {
    const created = createIssue({ ...input, teamId: visible.teamId }, ctx.caller, {
      id, now: ctx.now, calendar, config: deskConfig(), repeatCandidates: pre.candidates, caseNo, requestDigest: digest, ...(raiser ? { raiser } : {}),
    })
    if (!created.ok) throw created.error
    const issue = created.value
    // Who may raise is decided first; then the photos must be the raiser's own uploads.
    checkAttachments(issue.photos, ctx.openid, 'photos')
    if (issue.visitId && pre.visitProject !== issue.projectId) throw new AppError('INVALID_INPUT', '走访记录与项目不符')
    const notice = pendingNoticeOf(issue, issue.timeline[0])
    try {
      await insertIssue(issue, issueFacts(issue, calendar), [...(notice ? [notice] : []), rollupMark(issue.version, ctx.now)])
    } catch (e) {
      if (duplicateOf(e, 'caseNo') && attempt < CASE_NO_ATTEMPTS) {
        caseNo = nextCaseNo(pre.year, await highestCaseNo(pre.year))
        continue
      }
      if (!duplicateOf(e, 'clientRequestId|_id_')) throw e
      return retried(await issueByClientRequestId(input.clientRequestId))
    }
    if (notice) ctx.after(() => sendStepNotices(issue, notice, ctx.now))
    ctx.after(() => maintainRollup(issue._id))
    const [reply] = await Promise.all([
      replyFor(issue, ctx, { calendar, departments, projectName: visible.name }),
      issue.visitId ? linkToVisit(issue, ctx.now) : undefined,
    ])
    return reply
  }
}

export const raise = withPrefetch({ prefetch, run })
