/**
 * Privacy: departments see liaisons' phone numbers masked, and never who rated the issue.
 */
import { type Result, fail, ok } from '../errors'
import type { Caller, Issue, TimelineEvent } from '../types'
import { viewerRole } from './actingRole'

/** @example maskPhone('13812345678') // '138****5678' */
export function maskPhone(phone: string): string {
  return /^1\d{10}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone
}

// No look-behind: the mini-program's JS engines differ.
const MOBILE = /(^|\D)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g
/** Masks every mainland mobile number inside a text. */
export const maskPhonesIn = (text: string): string => text.replace(MOBILE, '$1$2****$3')

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPhonesIn(value)
  if (Array.isArray(value)) return value.map(maskDeep)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]))
  return value
}

export const HIDDEN = '（已隐藏）'

function redactEvent(e: TimelineEvent): TimelineEvent {
  const out: TimelineEvent = { ...e }
  if (e.reason) out.reason = maskPhonesIn(e.reason)
  if (e.data) out.data = maskDeep(e.data) as Record<string, unknown>
  if (e.action === 'confirm') out.by = HIDDEN
  return out
}

/** The issue as a department handler may read it: phones masked, the rating's author hidden. */
export function redactForDepartment(issue: Issue): Issue {
  const out: Issue = {
    ...issue,
    title: maskPhonesIn(issue.title),
    description: maskPhonesIn(issue.description),
    timeline: issue.timeline.map(redactEvent),
  }
  if (issue.confirmation) out.confirmation = { ...issue.confirmation, by: HIDDEN }
  if (issue.confirmation?.comment) out.confirmation = { ...out.confirmation!, comment: maskPhonesIn(issue.confirmation.comment) }
  if (issue.answer) out.answer = { ...issue.answer, text: maskPhonesIn(issue.answer.text) }
  return out
}

/**
 * The issue as `viewer` may see it: FORBIDDEN when the viewer may not see it at all (a handler of
 * another department, a liaison of another project, staff of another team); redacted for handlers.
 * A viewer holding several roles reads it in the most privileged one that relates to the issue.
 */
export function viewIssueFor(issue: Issue, viewer: Caller): Result<Issue> {
  const role = viewerRole(issue, viewer)
  if (!role) return fail('FORBIDDEN', '无权查看该问题')
  return ok(role === 'handler' ? redactForDepartment(issue) : issue)
}
