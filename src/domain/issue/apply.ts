/**
 * The reducer: applies one recorded timeline event to an issue. Used by `transition` (to produce the
 * new state) and by `replay` (to rebuild it from the timeline), so the stored fields are always a
 * cache of the timeline. Pure; reads only the event (never the clock or the calendar).
 */
import type { Issue, IssueAction, TimelineEvent } from '../types'
import type { EventDataMap } from './events'

type Key = keyof Issue
const omit = (issue: Issue, ...keys: Key[]): Issue => {
  const out = { ...issue }
  for (const k of keys) delete out[k]
  return out
}
const data = <A extends IssueAction>(e: TimelineEvent, _a: A): EventDataMap[A] => (e.data ?? {}) as EventDataMap[A]

/** The issue as its first event ('raise') creates it. */
export function issueFromRaise(e: TimelineEvent): Issue {
  if (e.action !== 'raise') throw new Error(`timeline must start with raise, not ${e.action}`)
  const { id, ...d } = data(e, 'raise')
  return {
    _id: id,
    ...d,
    state: e.to,
    raisedBy: e.by,
    raisedAt: e.at,
    triageFrom: e.at,
    assistDepartmentIds: [],
    pausedWorkingMs: 0,
    extensionWorkingMs: 0,
    extensions: [],
    ladder: 'none',
    overdueStages: [],
    supervised: false,
    returnCount: 0,
    reopenCount: 0,
    version: 1,
    timeline: [e],
    updatedAt: e.at,
  }
}

const ANSWER_CLOCK: Key[] = ['answer', 'answeredAt', 'review', 'resolvedAt', 'confirmDue', 'confirmation', 'pausedSince']

export function apply(issue: Issue, e: TimelineEvent): Issue {
  if (e.from !== issue.state) throw new Error(`event ${e.action} from ${e.from} applied to ${issue.state}`)
  const base: Issue = {
    ...issue,
    state: e.to,
    version: issue.version + 1,
    timeline: [...issue.timeline, e],
    updatedAt: e.at,
  }
  // Leaving 待交办 stops the triage clock.
  if (e.from === 'submitted' && e.to !== 'submitted') base.triagedAt = e.at
  switch (e.action) {
    case 'dispatch':
    case 'reassign': {
      const { previousLeadDepartmentId: _prev, ...d } = data(e, 'dispatch')
      return {
        ...omit(base, 'signedForAt', 'pausedSince'),
        ...d,
        dispatchedAt: e.at,
        dispatchedBy: e.by,
        answerClockFrom: e.at,
        pausedWorkingMs: 0,
        extensionWorkingMs: 0,
      }
    }
    case 'solve_on_spot': {
      const d = data(e, 'solve_on_spot')
      return {
        ...base,
        answer: { text: d.text, files: d.files, by: e.by, at: e.at },
        answeredAt: e.at,
        resolvedAt: e.at,
        confirmDue: d.confirmDue,
      }
    }
    case 'sign_for':
      return { ...base, signedForAt: e.at }
    case 'return':
      return {
        ...omit(base, 'leadDepartmentId', 'sla', 'signForDue', 'answerDue', 'answerClockFrom', 'dueEstimated', 'triagedAt'),
        assistDepartmentIds: [],
        returnCount: issue.returnCount + 1,
        triageFrom: e.at,
        triageDue: data(e, 'return').triageDue,
      }
    case 'request_materials':
      return { ...base, pausedSince: e.at }
    case 'add_materials': {
      const d = data(e, 'add_materials')
      return { ...omit(base, 'pausedSince'), pausedWorkingMs: d.pausedWorkingMs, answerDue: d.answerDue }
    }
    case 'answer': {
      const d = data(e, 'answer')
      const answer = { text: d.text, files: d.files, by: e.by, at: e.at, ...(e.onBehalfOf ? { onBehalfOf: e.onBehalfOf } : {}) }
      return { ...omit(base, 'review'), answer, answeredAt: e.at }
    }
    case 'review': {
      const d = data(e, 'review')
      const review = { by: e.by, at: e.at, passed: d.passed, checklist: d.checklist, ...(e.reason ? { note: e.reason } : {}) }
      return d.passed ? { ...base, review, resolvedAt: e.at, confirmDue: d.confirmDue } : { ...base, review }
    }
    case 'confirm': {
      const d = data(e, 'confirm')
      if (d.reopen)
        return {
          ...omit(base, ...ANSWER_CLOCK, ...(d.triageDue !== undefined ? (['triagedAt'] as Key[]) : [])),
          reopenCount: issue.reopenCount + 1,
          ...(d.answerDue !== undefined
            ? { answerClockFrom: e.at, answerDue: d.answerDue, dueEstimated: d.dueEstimated }
            : {}),
          ...(d.triageDue !== undefined ? { triageFrom: e.at, triageDue: d.triageDue } : {}),
          pausedWorkingMs: 0,
          extensionWorkingMs: 0,
        }
      const confirmation = {
        resolution: d.resolution,
        rating: d.rating,
        by: e.by,
        at: e.at,
        ...(e.reason ? { comment: e.reason } : {}),
        ...(d.acknowledgedMismatch ? { acknowledgedMismatch: true } : {}),
      }
      return { ...base, confirmation, closedAt: e.at }
    }
    case 'request_extension': {
      const d = data(e, 'request_extension')
      const ext = { requestedAt: e.at, requestedBy: e.by, reason: e.reason ?? '', workingDays: d.workingDays, until: d.until }
      return { ...base, extensions: [...issue.extensions, ext] }
    }
    case 'decide_extension': {
      const d = data(e, 'decide_extension')
      const last = issue.extensions[issue.extensions.length - 1]
      const decided = {
        ...last,
        decision: d.approved ? ('approved' as const) : ('rejected' as const),
        decidedAt: e.at,
        decidedBy: e.by,
        ...(e.reason ? { decisionNote: e.reason } : {}),
        ...(d.until !== undefined ? { until: d.until } : {}),
      }
      const extensions = [...issue.extensions.slice(0, -1), decided]
      return d.approved
        ? { ...base, extensions, extensionWorkingMs: d.extensionWorkingMs, answerDue: d.answerDue }
        : { ...base, extensions }
    }
    case 'force_close':
      return {
        ...omit(base, 'pausedSince'),
        pausedWorkingMs: data(e, 'force_close').pausedWorkingMs,
        closedAt: e.at,
        forceClosed: true,
      }
    case 'auto_close':
      return { ...base, closedAt: e.at, autoClosed: true }
    case 'supervise':
      return { ...base, supervised: true, supervisedBy: e.by, supervisedReason: e.reason ?? '' }
    case 'unsupervise':
      return { ...omit(base, 'supervisedBy', 'supervisedReason'), supervised: false }
    case 'escalate': {
      const d = data(e, 'escalate')
      const supervised = d.supervise ? { supervised: true, supervisedBy: e.by, supervisedReason: e.reason ?? '' } : {}
      return { ...base, ladder: d.ladder, overdueStages: d.overdueStages, ...supervised }
    }
    case 'recompute_deadlines':
      return { ...base, ...data(e, 'recompute_deadlines').after }
    case 'link_repeat':
      return { ...base, repeatOf: data(e, 'link_repeat').repeatOf }
    case 'unlink_repeat':
      return omit(base, 'repeatOf')
    case 'decline':
    case 'withdraw':
    case 'note':
    case 'follow_up':
    case 'add_opinion':
      return base
    case 'raise':
      throw new Error('raise starts a timeline; it is not applied to an issue')
  }
}

/** The issue the timeline describes. Property: replay(issue.timeline) equals the stored issue. */
export function replay(timeline: readonly TimelineEvent[]): Issue {
  const [first, ...rest] = timeline
  if (!first) throw new Error('an empty timeline describes no issue')
  return rest.reduce(apply, issueFromRaise(first))
}
