/**
 * The projects collection. A project's location is stored as GeoJSON — `db.Geo.Point(longitude,
 * latitude)` — so the `location_2dsphere` index (database/collections.json) can serve geo queries,
 * and mapped back to `{ latitude, longitude }` here, on every read, in this one place: the rest of
 * the code (and every reply) sees the domain's GeoPoint, never the SDK's Point or raw GeoJSON.
 */
import type { GeoPoint, Project } from '../../src/domain/types'
import { command, getDb } from '../runtime/cloud'
import { COLLECTIONS } from './collections'

export const projectsCollection = () => getDb().collection(COLLECTIONS.projects)

/** A location as the database stores it (no accuracy: a project's point is where it is). */
export const locationToDoc = (p: Pick<GeoPoint, 'latitude' | 'longitude'>): unknown => getDb().Geo.Point(p.longitude, p.latitude)

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

/** A stored project document as the domain's Project. */
export function projectFromDoc<P extends Partial<Project>>(doc: P): P {
  if (!doc || !('location' in doc)) return doc
  const { location, ...rest } = doc
  const point = locationFromDoc(location)
  return (point ? { ...rest, location: point } : rest) as P
}

/** The fields of a project (or of a patch) as the database stores them. */
export function projectToDoc<P extends Partial<Project>>(project: P): Omit<P, 'location'> & { location?: unknown } {
  if (!project.location) return project
  return { ...project, location: locationToDoc(project.location) }
}

export async function loadProject(projectId: string): Promise<Project | null> {
  const { data } = await projectsCollection().doc(projectId).get()
  return data ? projectFromDoc(data as Project) : null
}

/** Up to 100 projects by id (in no particular order). */
export async function loadProjects(ids: readonly string[]): Promise<Project[]> {
  if (ids.length === 0) return []
  const _ = command()
  const { data } = await projectsCollection().where({ _id: _.in(ids.slice(0, 100)) }).limit(100).get()
  return (data as Project[]).map(projectFromDoc)
}
