/**
 * README's "Who sees what" tables, printed from the one visibility table (src/domain/visibility.ts):
 *   npx tsx scripts/docs/whoSeesWhat.ts
 * test/unit/readme.test.ts checks README carries exactly what this prints.
 */
import { ISSUE_VISIBILITY, type Exposure, type IssuePart, VIEWERS, VIEWER_NAMES, VISIT_PARTS, VISIT_VIEWERS, VISIT_VISIBILITY, type VisitPart } from '../../src/domain/visibility'

const ISSUE_PART_NAMES: Record<IssuePart, string> = {
  texts: 'title, description, category, photos',
  raiserName: "raiser's name",
  raiserPhone: "raiser's phone",
  materials: 'materials asked and supplied (text, photos)',
  answerDrafts: 'answer drafts, review notes and checklists',
  passedAnswer: 'the answer that passed review (or 现场解决)',
  opinions: '协办意见',
  internalNotes: 'progress notes kept internal',
  enterpriseNotes: 'progress notes marked 企业可见',
  publicReasons: 'reasons for 不予受理, 撤回, 强制办结',
  internalSteps: '退回, 督核退回, 改派, 督办, 升级, 重复关联 and their reasons',
  actorNames: 'who took each step',
  supervision: '督办 marks, ladder colour',
  extensions: 'extension asked and decided',
  confirmation: 'confirmation: outcome, rating, comment',
  rater: 'who confirmed and rated',
  followUpNotes: '回头看 notes from visits',
}

const VISIT_PART_NAMES: Record<VisitPart, string> = {
  attendees: 'attendees',
  minutes: 'minutes',
  photos: 'photos',
  checkIn: 'check-in point, distance from the project, far flag',
  followUps: '回头看 notes',
  issuesRaised: 'issues raised during the visit',
  author: 'team and the person who completed it',
}

const CELL: Record<Exposure, string> = { shown: 'shown', masked: 'masked', own: 'own only', absent: '—' }

function table<P extends string, V extends string>(parts: readonly P[], names: Record<P, string>, viewers: readonly V[], heads: Record<V, string>, rows: Record<P, Record<V, Exposure>>): string[] {
  return [
    `| part | ${viewers.map((v) => heads[v]).join(' | ')} |`,
    `|---|${viewers.map(() => '---').join('|')}|`,
    ...parts.map((p) => `| ${names[p]} | ${viewers.map((v) => CELL[rows[p][v]]).join(' | ')} |`),
  ]
}

export function whoSeesWhat(): string {
  const visitHeads = { liaison: VIEWER_NAMES.liaison, staff: VIEWER_NAMES.staff, manager: VIEWER_NAMES.manager }
  return [
    ...table(Object.keys(ISSUE_VISIBILITY) as IssuePart[], ISSUE_PART_NAMES, VIEWERS, VIEWER_NAMES, ISSUE_VISIBILITY),
    '',
    ...table(VISIT_PARTS, VISIT_PART_NAMES, VISIT_VIEWERS, visitHeads, VISIT_VISIBILITY),
  ].join('\n')
}

if (process.argv[1]?.endsWith('whoSeesWhat.ts')) console.log(whoSeesWhat())
