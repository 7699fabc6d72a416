/**
 * The projects collection. A project's location is stored as GeoJSON — `db.Geo.Point(longitude,
 * latitude)` — so the `location_2dsphere` index (database/collections.json) can serve geo queries,
 * and mapped back to `{ latitude, longitude }` here, on every read, in this one place: the rest of
 * the code (and every reply) sees the domain's GeoPoint, never the SDK's Point or raw GeoJSON.
 */
import * as v from 'valibot'
import type { GeoPoint, Project, ProjectHistoryEntry } from '../../src/domain/types'
import { getDb } from '../runtime/cloud'
import { COLLECTIONS } from './collections'
import { cmd, collection, pagedGet } from './db'
import { readDocs, storedAs } from './read'

const projects = () => collection(COLLECTIONS.projects)

/** A location as the database stores it (no accuracy: a project's point is where it is). */
const locationToDoc = (p: Pick<GeoPoint, 'latitude' | 'longitude'>): unknown => getDb().Geo.Point(p.longitude, p.latitude)

const isCoordinate = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= max

/**
 * A stored location back to `{ latitude, longitude }`: the SDK's Point (doc and query reads),
 * GeoJSON `{ type: 'Point', coordinates: [lng, lat] }` (aggregation results are not converted), or
 * a `{ latitude, longitude }` object written before locations were GeoJSON. Anything else: none.
 */
export function locationFromDoc(raw: unknown): GeoPoint | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const r = raw as { latitude?: unknown; longitude?: unknown; type?: unknown; coordinates?: unknown }
  if (r.type === 'Point' && Array.isArray(r.coordinates)) {
    const [longitude, latitude] = r.coordinates as unknown[]
    return isCoordinate(latitude, 90) && isCoordinate(longitude, 180) ? { latitude, longitude } : undefined
  }
  return isCoordinate(r.latitude, 90) && isCoordinate(r.longitude, 180) ? { latitude: r.latitude, longitude: r.longitude } : undefined
}

const historyEntry = v.looseObject({
  at: v.number(),
  by: v.string(),
  what: v.picklist(['created', 'group_bound', 'group_unbound', 'updated']),
  openGId: v.optional(v.string()),
  note: v.optional(v.string()),
})

export const projectDoc = storedAs<Project>()(v.looseObject({
  _id: v.string(),
  enterpriseName: v.string(),
  name: v.string(),
  address: v.string(),
  location: v.optional(v.pipe(v.unknown(), v.transform(locationFromDoc))),
  teamId: v.string(),
  visitWeekday: v.number(),
  contacts: v.array(v.looseObject({ name: v.string(), title: v.optional(v.string()), phone: v.optional(v.string()) })),
  status: v.picklist(['active', 'paused', 'archived']),
  openGId: v.optional(v.string()),
  bindToken: v.optional(v.string()),
  bindTokenExpiresAt: v.optional(v.number()),
  digestSharedWeek: v.optional(v.string()),
  digestSharedAt: v.optional(v.number()),
  digestSharedBy: v.optional(v.string()),
  history: v.array(historyEntry),
  createdAt: v.number(),
  updatedAt: v.number(),
}))

/** A stored project as the domain's Project: a location that is no point is left out. */
const fromDoc = (raw: unknown): Project => {
  const { location, ...rest } = readDocs(projectDoc, COLLECTIONS.projects, [raw])[0]
  return location ? { ...rest, location } : rest
}

/** The fields of a project (or of a patch) as the database stores them. */
function projectToDoc<P extends Partial<Project>>(project: P): Omit<P, 'location'> & { location?: unknown } {
  if (!project.location) return project
  return { ...project, location: locationToDoc(project.location) }
}

export async function loadProject(projectId: string): Promise<Project | null> {
  const { data } = await projects().doc(projectId).get()
  return data === null || data === undefined ? null : fromDoc(data)
}

/** Up to 100 projects by id (in no particular order). */
export async function loadProjects(ids: readonly string[]): Promise<Project[]> {
  if (ids.length === 0) return []
  const { data } = await projects().where({ _id: cmd().in(ids.slice(0, 100)) }).limit(100).get()
  return (data as unknown[]).map(fromDoc)
}

export type RosterProject = Pick<Project, '_id' | 'teamId' | 'status' | 'createdAt' | 'name'>

/** Every project's id, team, status, creation time and name, oldest first (up to 1000): what the figures group by. */
export async function projectRoster(): Promise<RosterProject[]> {
  const { data } = await projects().field({ _id: true, teamId: true, status: true, createdAt: true, name: true }).orderBy('createdAt', 'asc').limit(1000).get()
  return readDocs(v.pick(projectDoc, ['_id', 'teamId', 'status', 'createdAt', 'name']), COLLECTIONS.projects, data)
}

export type ProjectLabel = Pick<Project, '_id' | 'name' | 'enterpriseName' | 'address'>

/** The names and addresses of some projects (up to 200): what a week's visit list shows beside each visit. */
export async function projectLabels(ids: readonly string[]): Promise<ProjectLabel[]> {
  if (ids.length === 0) return []
  const { data } = await projects().where({ _id: cmd().in([...ids]) })
    .field({ _id: true, name: true, enterpriseName: true, address: true }).limit(200).get()
  return readDocs(v.pick(projectDoc, ['_id', 'name', 'enterpriseName', 'address']), COLLECTIONS.projects, data)
}

/** Who may list what: a team's projects, some projects by id, or (managers) every one; with a keyword in the name. */
export type ProjectScope = { teamId?: string } | { ids: readonly string[] }

/** One page of the active and paused projects in a scope, newest first; `limit` + 1 read tells whether more follow. */
export async function projectsPage(scope: ProjectScope, keyword: string | undefined, offset: number, limit: number): Promise<Project[]> {
  const _ = cmd()
  const where: Record<string, unknown> = { status: _.in(['active', 'paused']) }
  if ('ids' in scope) where._id = _.in(scope.ids.slice(0, 100))
  else if (scope.teamId) where.teamId = scope.teamId
  if (keyword) where.name = getDb().RegExp({ regexp: escapeRegExp(keyword), options: 'i' })
  const { data } = await projects().where(where).orderBy('createdAt', 'desc').skip(offset).limit(limit).get()
  return (data as unknown[]).map(fromDoc)
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const PAGE = 1000
const MAX_ACTIVE = 100_000

export type PlannableProject = Pick<Project, '_id' | 'teamId' | 'visitWeekday' | 'status'>

/** The active projects (of one team, or all), oldest first, as the week's planning needs them. */
export async function activeProjectsToPlan(teamId?: string): Promise<PlannableProject[]> {
  const where = teamId ? { status: 'active', teamId } : { status: 'active' }
  const query = projects().where(where).orderBy('createdAt', 'asc').field({ _id: true, teamId: true, visitWeekday: true, status: true })
  return readDocs(v.pick(projectDoc, ['_id', 'teamId', 'visitWeekday', 'status']), COLLECTIONS.projects, await pagedGet(query, PAGE, MAX_ACTIVE))
}

export type DigestState = Pick<Project, '_id' | 'name' | 'teamId' | 'openGId' | 'digestSharedWeek'>

/** The active projects, oldest first, with their group and the week their digest card was last shared. */
export async function activeProjectsDigestState(): Promise<DigestState[]> {
  const query = projects().where({ status: 'active' }).orderBy('createdAt', 'asc').field({ _id: true, name: true, teamId: true, openGId: true, digestSharedWeek: true })
  return readDocs(v.pick(projectDoc, ['_id', 'name', 'teamId', 'openGId', 'digestSharedWeek']), COLLECTIONS.projects, await pagedGet(query, PAGE, MAX_ACTIVE))
}

export async function saveProject(project: Project): Promise<void> {
  const { _id, ...doc } = project
  await projects().doc(_id).set({ data: projectToDoc(doc) })
}

/** Applies an edit and appends its history entry, in one write. */
export async function updateProject(projectId: string, patch: Partial<Project>, entry: ProjectHistoryEntry, now: number): Promise<void> {
  // `set` so nested objects (contacts) replace rather than merge; a location is a db.Geo.Point,
  // which the SDK writes whole as GeoJSON (inside _.set it would be written as a plain object).
  const _ = cmd()
  const data: Record<string, unknown> = { updatedAt: now, history: _.push([entry]) }
  for (const [k, value] of Object.entries(projectToDoc(patch))) data[k] = k === 'location' ? value : _.set(value as object)
  await projects().doc(projectId).update({ data })
}

/** The one-time token a shared card carries to bind the project's group. */
export async function setBindToken(projectId: string, token: string, expiresAt: number): Promise<void> {
  await projects().doc(projectId).update({ data: { bindToken: token, bindTokenExpiresAt: expiresAt } })
}

/** Binds the group on condition the project is still unbound and the token still valid: false otherwise. */
export async function bindProjectGroup(projectId: string, token: string, openGId: string, entry: ProjectHistoryEntry, now: number): Promise<boolean> {
  const _ = cmd()
  const res = await projects().where({ _id: projectId, openGId: _.exists(false), bindToken: token, bindTokenExpiresAt: _.gt(now) }).update({
    data: { openGId, bindToken: _.remove(), bindTokenExpiresAt: _.remove(), updatedAt: now, history: _.push([entry]) },
  })
  return res.stats.updated === 1
}

/** Unbinds the group on condition it is still the one bound: false when the project changed meanwhile. */
export async function unbindProjectGroup(projectId: string, openGId: string, entry: ProjectHistoryEntry, now: number): Promise<boolean> {
  const _ = cmd()
  const res = await projects().where({ _id: projectId, openGId })
    .update({ data: { openGId: _.remove(), updatedAt: now, history: _.push([entry]) } })
  return res.stats.updated === 1
}

/** Records the week's first share of the digest card: false when this week's was recorded already. */
export async function markDigestShared(projectId: string, weekKey: string, by: string, now: number): Promise<boolean> {
  const res = await projects().where({ _id: projectId, digestSharedWeek: cmd().neq(weekKey) })
    .update({ data: { digestSharedWeek: weekKey, digestSharedAt: now, digestSharedBy: by } })
  return res.stats.updated === 1
}
