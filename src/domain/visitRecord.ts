/**
 * A completed visit as one reader may read it, built through VISIT_VISIBILITY (visibility.ts): each
 * part of the record is in the reply only where the table shows it to this viewer — an absent part
 * is left out of the reply, not hidden by the page — and a masked part has its phone numbers masked.
 * The visit list and the board's visit cards are summaries built through the same table.
 */
import { checkInDistance } from './geo'
import type { FileRef } from './issue/viewTypes'
import { maskDeep } from './masking'
import type { Attendee, GeoPoint, IssueState, Project, Visit, VisitStatus } from './types'
import { type VisitPart, type VisitViewer, visitExposure } from './visibility'

/** An issue as the record names it: people read case numbers and titles, never database ids. */
export interface IssueRef {
  _id: string
  caseNo: string
  title: string
  state: IssueState
}

export interface CheckInView {
  latitude: number
  longitude: number
  accuracy?: number
  at: number
  /** Metres from the project's location; absent when the project has no location. */
  distanceMeters?: number
  /** Farther than `farMeters` from the project. */
  far?: boolean
  farMeters?: number
}

export interface FollowUpView {
  issue: IssueRef
  note: string
}

export interface VisitRecord {
  _id: string
  projectId: string
  projectName: string
  enterpriseName: string
  weekKey: string
  plannedDate: string
  status: VisitStatus
  completedAt?: number
  /** How the caller relates to the project (what the page may offer). */
  viewer: VisitViewer
  author?: { teamName: string; completedBy?: string }
  attendees?: Attendee[]
  minutes?: string
  photos?: FileRef[]
  checkIn?: CheckInView
  followUps?: FollowUpView[]
  issuesRaised?: IssueRef[]
}

/** One line of a project's visit history (the visit list, the board's 走访记录 cards). */
export interface VisitSummary {
  _id: string
  projectId: string
  weekKey: string
  plannedDate: string
  status: VisitStatus
  completedAt?: number
  /** The minutes' first line. */
  firstLine?: string
  attendeeCount?: number
  photoCount?: number
  checkedIn?: boolean
  far?: boolean
  followUpCount?: number
  issueCount?: number
}

export interface RecordSources {
  project: Pick<Project, 'name' | 'enterpriseName'> & { location?: Pick<GeoPoint, 'latitude' | 'longitude'> }
  teamName?: string
  completedByName?: string
  /** The issues the record names, by id (a missing one is named by the end of its id). */
  issues: Record<string, IssueRef>
  /** fileID → a link the function issued for this reader. */
  links: Record<string, string>
}

/** The part's value as `viewer` may read it, or undefined when the part is absent for them. */
export function revealPart<T>(part: VisitPart, viewer: VisitViewer, value: T): T | undefined {
  const exposure = visitExposure(part, viewer)
  // No part of a visit is about one person, so 'own' has no one to be shown to.
  if (exposure === 'absent' || exposure === 'own') return undefined
  return exposure === 'masked' ? maskDeep(value) : value
}

export const showsPart = (part: VisitPart, viewer: VisitViewer): boolean => revealPart(part, viewer, true) === true

/** The minutes' first non-empty line. */
export const firstLineOf = (text: string): string => text.split('\n').map((l) => l.trim()).find(Boolean) ?? ''

const refOf = (id: string, issues: RecordSources['issues']): IssueRef =>
  issues[id] ?? { _id: id, caseNo: id.slice(-6), title: '（问题已不存在）', state: 'closed' }

function checkInOf(visit: Visit, location: RecordSources['project']['location']): CheckInView | undefined {
  if (!visit.checkIn) return undefined
  const { latitude, longitude, accuracy, at } = visit.checkIn
  const distance = checkInDistance(visit.checkIn, location)
  return {
    latitude,
    longitude,
    ...(accuracy !== undefined ? { accuracy } : {}),
    at,
    ...(distance ? { distanceMeters: distance.meters, far: distance.far, farMeters: distance.farMeters } : {}),
  }
}

/** Keys whose value is undefined are left out, so an absent part is not even a key in the reply. */
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

/** Every file id the viewer's record shows (the function asks links for exactly these). */
export const recordFileIds = (visit: Pick<Visit, 'photos'>, viewer: VisitViewer): string[] => revealPart('photos', viewer, visit.photos) ?? []

/** Every issue the viewer's record names (the function reads exactly these). */
export function recordIssueIds(visit: Pick<Visit, 'issueIds' | 'followUps'>, viewer: VisitViewer): string[] {
  const raised = revealPart('issuesRaised', viewer, visit.issueIds) ?? []
  const followed = revealPart('followUps', viewer, visit.followUps.map((f) => f.issueId)) ?? []
  return [...new Set([...raised, ...followed])]
}

export function buildVisitRecord(visit: Visit, viewer: VisitViewer, src: RecordSources): VisitRecord {
  const reveal = <T>(part: VisitPart, value: T) => revealPart(part, viewer, value)
  const author = src.teamName !== undefined ? defined({ teamName: src.teamName, completedBy: src.completedByName }) : undefined
  return defined({
    _id: visit._id,
    projectId: visit.projectId,
    projectName: src.project.name,
    enterpriseName: src.project.enterpriseName,
    weekKey: visit.weekKey,
    plannedDate: visit.plannedDate,
    status: visit.status,
    completedAt: visit.completedAt,
    viewer,
    author: reveal('author', author),
    attendees: reveal('attendees', visit.attendees),
    minutes: reveal('minutes', visit.minutes),
    photos: reveal('photos', visit.photos.map((id): FileRef => (src.links[id] ? { id, url: src.links[id] } : { id }))),
    checkIn: reveal('checkIn', checkInOf(visit, src.project.location)),
    followUps: reveal('followUps', visit.followUps.map((f) => ({ issue: refOf(f.issueId, src.issues), note: f.note }))),
    issuesRaised: reveal('issuesRaised', visit.issueIds.map((id) => refOf(id, src.issues))),
  })
}

export function visitSummary(visit: Visit, viewer: VisitViewer, location?: Pick<GeoPoint, 'latitude' | 'longitude'>): VisitSummary {
  const reveal = <T>(part: VisitPart, value: T) => revealPart(part, viewer, value)
  const checkIn = reveal('checkIn', visit.checkIn ? checkInOf(visit, location) : undefined)
  const minutes = reveal('minutes', visit.minutes)
  return defined({
    _id: visit._id,
    projectId: visit.projectId,
    weekKey: visit.weekKey,
    plannedDate: visit.plannedDate,
    status: visit.status,
    completedAt: visit.completedAt,
    firstLine: minutes ? firstLineOf(minutes) : undefined,
    attendeeCount: reveal('attendees', visit.attendees.length),
    photoCount: reveal('photos', visit.photos.length),
    checkedIn: checkIn ? true : undefined,
    far: checkIn?.far,
    followUpCount: reveal('followUps', visit.followUps.length),
    issueCount: reveal('issuesRaised', visit.issueIds.length),
  })
}
