/**
 * The issue as one viewer may read it, built from the stored document through the visibility table
 * (src/domain/visibility.ts). Everything a viewer may not see is left out of the result — not hidden
 * by the page — and every text a department receives has its phone numbers masked.
 */
import type { WorkCalendar } from '../calendar/workCalendar'
import { maskPhonesIn } from '../masking'
import type { Issue, TimelineEvent } from '../types'
import { type Exposure, type IssuePart, type Viewer, issueExposure } from '../visibility'
import { dueView } from './due'
import type { EventDataMap } from './events'
import type {
  AnswerView,
  ConfirmationView,
  ExtensionView,
  FileRef,
  IssueView,
  MaterialView,
  NoteView,
  OpinionView,
  ReviewView,
} from './viewTypes'
import { timelineFor } from './timelineView'

export interface ViewCtx {
  now: number
  calendar: WorkCalendar
  /** The reader's OPENID (for 'own' parts: a liaison sees the raiser's contact only when it is them). */
  openid: string
  departmentName: (id: string) => string
  /** fileID → short-lived link, issued by the function for the files this view may show. */
  links?: Record<string, string>
}

type Reveal = <T extends string | undefined>(part: IssuePart, text: T) => T | undefined

/** The text as the viewer may read it under `part`, or undefined when the part is hidden from them. */
function revealer(issue: Issue, viewer: Viewer, openid: string): Reveal {
  const isRaiser = issue.raisedBy === openid
  return (part, text) => {
    if (text === undefined) return undefined
    const e: Exposure = issueExposure(part, viewer)
    if (e === 'absent' || (e === 'own' && !isRaiser)) return undefined
    return (e === 'masked' ? maskPhonesIn(text) : text) as typeof text
  }
}

export const shows = (part: IssuePart, viewer: Viewer): boolean => issueExposure(part, viewer) !== 'absent'

const data = <A extends keyof EventDataMap>(e: TimelineEvent, _a: A): EventDataMap[A] => (e.data ?? {}) as EventDataMap[A]

interface WrittenAnswer {
  at: number
  text: string
  fileIds: string[]
  onTheSpot: boolean
  by?: string
  onBehalfOf?: string
  review?: { passed: boolean; at: number; by?: string; note?: string; checklist: ReviewView['checklist'] }
}

/** Every answer in the order written (an answer to review, or solved on the spot), each with the review that followed it. */
function writtenAnswers(issue: Issue): WrittenAnswer[] {
  const out: WrittenAnswer[] = []
  for (const e of issue.timeline) {
    if (e.action === 'answer' || e.action === 'solve_on_spot') {
      const d = data(e, 'answer')
      out.push({ at: e.at, text: d.text, fileIds: d.files ?? [], onTheSpot: e.action === 'solve_on_spot', by: e.byName, onBehalfOf: e.onBehalfOf })
    } else if (e.action === 'review' && out.length > 0) {
      const d = data(e, 'review')
      out[out.length - 1].review = { passed: d.passed, at: e.at, by: e.byName, note: e.reason, checklist: d.checklist }
    }
  }
  return out
}

function answersOf(issue: Issue, viewer: Viewer, reveal: Reveal, files: (ids: readonly string[]) => FileRef[]): AnswerView[] {
  return writtenAnswers(issue).flatMap((a, i): AnswerView[] => {
    const status = a.onTheSpot || a.review?.passed ? 'passed' : a.review ? 'sent_back' : 'pending'
    const text = reveal(status === 'passed' ? 'passedAnswer' : 'answerDrafts', a.text)
    if (text === undefined) return []
    const view: AnswerView = { version: i + 1, at: a.at, text, files: files(a.fileIds), status }
    if (a.onTheSpot) view.onTheSpot = true
    if (a.onBehalfOf) view.onBehalfOf = a.onBehalfOf
    if (a.by && shows('actorNames', viewer)) view.by = a.by
    if (a.review && shows('answerDrafts', viewer)) {
      const note = reveal('answerDrafts', a.review.note)
      view.review = { passed: a.review.passed, at: a.review.at, checklist: a.review.checklist, ...(a.review.by ? { by: a.review.by } : {}), ...(note ? { note } : {}) }
    }
    return [view]
  })
}

function materialsOf(issue: Issue, viewer: Viewer, reveal: Reveal, files: (ids: readonly string[]) => FileRef[]): MaterialView[] {
  if (!shows('materials', viewer)) return []
  const by = (e: TimelineEvent) => (shows('actorNames', viewer) && e.byName ? { by: e.byName } : {})
  return issue.timeline.flatMap((e): MaterialView[] => {
    if (e.action === 'request_materials') return [{ at: e.at, kind: 'asked', text: reveal('materials', e.reason), files: [], ...by(e) }]
    if (e.action !== 'add_materials') return []
    const d = data(e, 'add_materials')
    return [{ at: e.at, kind: 'supplied', ...(d.text ? { text: reveal('materials', d.text) } : {}), files: files(d.files ?? []), ...by(e) }]
  })
}

function notesOf(issue: Issue, viewer: Viewer, reveal: Reveal, files: (ids: readonly string[]) => FileRef[]): NoteView[] {
  return issue.timeline.flatMap((e): NoteView[] => {
    if (e.action !== 'note') return []
    const d = data(e, 'note')
    const forEnterprise = e.role === 'liaison' || !!d.forEnterprise
    const text = reveal(forEnterprise ? 'enterpriseNotes' : 'internalNotes', d.text)
    if (text === undefined) return []
    return [{ at: e.at, role: e.role, ...(shows('actorNames', viewer) && e.byName ? { by: e.byName } : {}), text, files: files(d.files ?? []), forEnterprise }]
  })
}

function opinionsOf(issue: Issue, viewer: Viewer, reveal: Reveal, files: (ids: readonly string[]) => FileRef[]): OpinionView[] {
  if (!shows('opinions', viewer)) return []
  return issue.timeline.flatMap((e): OpinionView[] => {
    if (e.action !== 'add_opinion') return []
    const d = data(e, 'add_opinion')
    return [{ at: e.at, departmentId: d.departmentId, ...(e.byName ? { by: e.byName } : {}), text: reveal('opinions', d.text) as string, files: files(d.files ?? []) }]
  })
}

function extensionsOf(issue: Issue, reveal: Reveal): ExtensionView[] {
  return issue.extensions.flatMap((x): ExtensionView[] => {
    const reason = reveal('extensions', x.reason)
    if (reason === undefined) return []
    const note = reveal('internalSteps', x.decisionNote)
    return [{
      requestedAt: x.requestedAt, reason, workingDays: x.workingDays, until: x.until,
      ...(x.decision ? { decision: x.decision, decidedAt: x.decidedAt } : {}),
      ...(note ? { decisionNote: note } : {}),
    }]
  })
}

function confirmationOf(issue: Issue, viewer: Viewer, reveal: Reveal): ConfirmationView | undefined {
  const c = issue.confirmation
  if (!c || !shows('confirmation', viewer)) return undefined
  const confirmEvent = [...issue.timeline].reverse().find((e) => e.action === 'confirm')
  const comment = reveal('confirmation', c.comment)
  const by = shows('rater', viewer) && confirmEvent?.byName ? confirmEvent.byName : undefined
  return { resolution: c.resolution, rating: c.rating, at: c.at, ...(comment ? { comment } : {}), ...(by ? { by } : {}), ...(c.acknowledgedMismatch ? { acknowledgedMismatch: true } : {}) }
}

/** Why it ended without an answer: declined, withdrawn or closed by a manager. */
function closingReasonOf(issue: Issue, reveal: Reveal): string | undefined {
  const last = issue.timeline[issue.timeline.length - 1]
  if (!last || !['decline', 'withdraw', 'force_close'].includes(last.action)) return undefined
  return reveal('publicReasons', last.reason)
}

/** Every file id the viewer's view of the issue shows (the function asks links for exactly these). */
export function visibleFileIds(issue: Issue, viewer: Viewer, ctx: Omit<ViewCtx, 'links'>): string[] {
  const v = buildIssueView(issue, viewer, { ...ctx, links: {} })
  const all = [v.photos, ...v.materials.map((m) => m.files), ...v.answers.map((a) => a.files), ...v.notes.map((n) => n.files), ...v.opinions.map((o) => o.files)]
  return [...new Set(all.flat().map((f) => f.id))]
}

export function buildIssueView(issue: Issue, viewer: Viewer, ctx: ViewCtx): IssueView {
  const reveal = revealer(issue, viewer, ctx.openid)
  const files = (ids: readonly string[]): FileRef[] => ids.map((id) => (ctx.links?.[id] ? { id, url: ctx.links[id] } : { id }))
  const raiserName = reveal('raiserName', issue.raiser?.name)
  const raiserPhone = reveal('raiserPhone', issue.raiser?.phone)
  const answers = answersOf(issue, viewer, reveal, files)
  return {
    _id: issue._id,
    caseNo: issue.caseNo ?? issue._id.slice(-6),
    version: issue.version,
    projectId: issue.projectId,
    teamId: issue.teamId,
    source: issue.source,
    ...(issue.visitId ? { visitId: issue.visitId } : {}),
    category: issue.category,
    urgency: issue.urgency,
    ...(issue.complexity ? { complexity: issue.complexity } : {}),
    state: issue.state,
    title: reveal('texts', issue.title) as string,
    description: reveal('texts', issue.description) as string,
    photos: files(issue.photos),
    raisedAt: issue.raisedAt,
    ...(raiserName || raiserPhone
      ? { raiser: { ...(raiserName ? { name: raiserName } : {}), ...(raiserPhone ? { phone: raiserPhone } : {}), ...(issue.raisedBy === ctx.openid ? { you: true } : {}) } }
      : {}),
    ...(issue.leadDepartmentId ? { leadDepartmentId: issue.leadDepartmentId } : {}),
    assistDepartmentIds: issue.assistDepartmentIds,
    ...optional('due', dueView(issue, ctx.now, ctx.calendar)),
    ...(issue.dueEstimated ? { dueEstimated: true } : {}),
    materials: materialsOf(issue, viewer, reveal, files),
    answers,
    notes: notesOf(issue, viewer, reveal, files),
    opinions: opinionsOf(issue, viewer, reveal, files),
    extensions: extensionsOf(issue, reveal),
    ...optional('confirmation', confirmationOf(issue, viewer, reveal)),
    ...(shows('supervision', viewer)
      ? { supervision: { ladder: issue.ladder, supervised: issue.supervised, ...optional('reason', reveal('internalSteps', issue.supervisedReason)) } }
      : {}),
    returnCount: shows('internalSteps', viewer) ? issue.returnCount : 0,
    reopenCount: issue.reopenCount,
    ...(issue.repeatOf ? { repeatOf: issue.repeatOf } : {}),
    ...(issue.suggestedRepeatOf && !issue.repeatOf ? { suggestedRepeatOf: issue.suggestedRepeatOf } : {}),
    ...(issue.closedAt !== undefined ? { closedAt: issue.closedAt } : {}),
    ...(issue.autoClosed ? { autoClosed: true } : {}),
    ...(issue.forceClosed ? { forceClosed: true } : {}),
    ...optional('closingReason', closingReasonOf(issue, reveal)),
    timeline: timelineFor(issue, viewer, reveal, ctx.departmentName),
  }
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V }

