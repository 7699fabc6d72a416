/**
 * The record of a visit and a project's visit history, each built for the caller through
 * VISIT_VISIBILITY (src/domain/visitRecord.ts): only the parts the table shows the caller are read,
 * linked and returned. Anyone the table does not name — a department handler, another project's
 * liaison, another team — reads NOT_FOUND, so a probe by id learns nothing.
 */
import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import { AppError } from '../../src/domain/errors'
import type { listVisitsInput } from '../../src/domain/schemas/visits'
import type { Caller, Project, Visit } from '../../src/domain/types'
import type { Page } from '../../src/domain/views'
import { type IssueRef, type VisitRecord, type VisitSummary, buildVisitRecord, recordFileIds, recordIssueIds, showsPart, visitSummary } from '../../src/domain/visitRecord'
import { type VisitViewer, visitViewerOf } from '../../src/domain/visibility'
import { linksFor } from '../files'
import { issueLabels } from '../repo/issues'
import { loadProject } from '../repo/projects'
import { teamName } from '../repo/teams'
import { userName } from '../repo/users'
import { loadVisit, visitsOfProject } from '../repo/visits'
import type { ActionContext } from '../runtime/entry'
import { decodeOffsetCursor, encodeOffsetCursor } from '../shared/paging'

const NOT_FOUND_MESSAGE = '走访记录不存在或您无权查看'

/** The project and how the caller reads its visits; NOT_FOUND for anyone the visibility table does not name. */
async function projectFor(projectId: string | undefined, caller: Caller, message = NOT_FOUND_MESSAGE): Promise<{ project: Project; viewer: VisitViewer }> {
  const project = projectId ? await loadProject(projectId) : null
  const viewer = project ? visitViewerOf(project, caller) : null
  if (!project || !viewer) throw new AppError('NOT_FOUND', message)
  return { project, viewer }
}

async function issueRefs(ids: string[]): Promise<Record<string, IssueRef>> {
  return Object.fromEntries((await issueLabels(ids)).map((i) => [i._id, { _id: i._id, caseNo: i.caseNo ?? i._id.slice(-6), title: i.title, state: i.state }]))
}

async function authorOf(visit: Visit, viewer: VisitViewer): Promise<{ teamName?: string; completedByName?: string }> {
  if (!showsPart('author', viewer)) return {}
  const [team, completedByName] = await Promise.all([teamName(visit.teamId), visit.completedBy ? userName(visit.completedBy) : undefined])
  return { teamName: team ?? '', ...(completedByName ? { completedByName } : {}) }
}

export async function visitRecord(input: { visitId: string }, ctx: ActionContext): Promise<VisitRecord> {
  requireRole(ctx.caller, 'visits.record')
  const visit = await loadVisit(input.visitId)
  const { project, viewer } = await projectFor(visit?.projectId, ctx.caller)
  const [issues, links, author] = await Promise.all([
    issueRefs(recordIssueIds(visit!, viewer)),
    linksFor(recordFileIds(visit!, viewer)),
    authorOf(visit!, viewer),
  ])
  return buildVisitRecord(visit!, viewer, { project, issues, links, ...author })
}

/** A project's visits, newest week first, each as the caller may read it. */
export async function listByProject(input: v.InferOutput<typeof listVisitsInput>, ctx: ActionContext): Promise<Page<VisitSummary>> {
  requireRole(ctx.caller, 'visits.listByProject')
  const { project, viewer } = await projectFor(input.projectId, ctx.caller, '项目不存在或您无权查看')
  const offset = decodeOffsetCursor(input.cursor)
  const data = await visitsOfProject(input.projectId, offset, input.pageSize + 1)
  return {
    items: data.slice(0, input.pageSize).map((x) => visitSummary(x, viewer, project.location)),
    nextCursor: data.length > input.pageSize ? encodeOffsetCursor(offset + input.pageSize) : undefined,
  }
}
