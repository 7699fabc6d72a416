// Geo queries as MongoDB runs them over a 2dsphere index: $geoWithin, $geoIntersects and
// $nearSphere/$near as query operators, the distance sort of a near query, the $geoNear stage,
// and the check that refuses writes whose indexed field holds no valid geometry.
import { DbError, Doc, encodeLine, isPlainObject } from './codec'
import {
  EARTH_RADIUS_M, GeoError, LngLat, Shape, distanceToShape, geoValuesAt, intersects, isLegacyPair, legacyPair, parseGeometry,
  withinCap, withinPolygons,
} from './geo'

const NEAR_OPS = ['$nearSphere', '$near']

const badQuery = (message: string) => new DbError('DATABASE_REQUEST_FAILED', message)

function shapeOf(v: any): Shape | null {
  try {
    return parseGeometry(v)
  } catch {
    return null
  }
}

function queryShape(op: string, g: any): Shape {
  try {
    return parseGeometry(g)
  } catch (e: any) {
    throw badQuery(`${op}: invalid geometry: ${e?.message ?? e}`)
  }
}

/** The shapes of every geometry at `path`; values that are no geometry are skipped (never match). */
const shapesAt = (doc: any, path: string) => geoValuesAt(doc, path).map(shapeOf).filter((s): s is Shape => s !== null)

function geoWithin(selector: string, value: any) {
  if (!isPlainObject(value)) throw badQuery('$geoWithin expects an object')
  if (value.$geometry !== undefined) {
    const q = queryShape('$geoWithin', value.$geometry)
    if (!q.polygons.length || q.points.length) throw badQuery('$geoWithin $geometry must be a Polygon or MultiPolygon')
    return (doc: any) => shapesAt(doc, selector).some(s => withinPolygons(s, q))
  }
  if (value.$centerSphere !== undefined) {
    const cs = value.$centerSphere
    if (!Array.isArray(cs) || cs.length !== 2 || typeof cs[1] !== 'number' || cs[1] < 0) {
      throw badQuery('$geoWithin $centerSphere expects [ [ <lng>, <lat> ], <radius in radians> ]')
    }
    let center: LngLat
    try { center = legacyPair(cs[0]) } catch (e: any) { throw badQuery(`$centerSphere: ${e.message}`) }
    return (doc: any) => shapesAt(doc, selector).some(s => withinCap(s, center, cs[1]))
  }
  throw badQuery(`$geoWithin: unsupported shape ${Object.keys(value).join(',')} (the local cloud serves $geometry and $centerSphere)`)
}

function geoIntersects(selector: string, value: any) {
  if (!isPlainObject(value) || value.$geometry === undefined) throw badQuery('$geoIntersects expects { $geometry: <GeoJSON> }')
  const q = queryShape('$geoIntersects', value.$geometry)
  return (doc: any) => shapesAt(doc, selector).some(s => intersects(s, q))
}

export interface Near {
  field: string
  point: LngLat
  /** GeoJSON query points measure in meters; legacy pairs in radians. */
  meters: boolean
  min: number
  max: number
}

/** Reads `{ $nearSphere: { $geometry, $maxDistance, $minDistance } }` (or the legacy pair forms). */
export function parseNear(field: string, value: any): Near {
  const op = NEAR_OPS.find(o => o in value)!
  const spec = value[op]
  let point: LngLat
  let meters = true
  let min = value.$minDistance
  let max = value.$maxDistance
  try {
    if (isPlainObject(spec) && spec.$geometry !== undefined) {
      const s = parseGeometry(spec.$geometry)
      if (spec.$geometry.type !== 'Point') throw new GeoError('$geometry must be a Point')
      point = s.points[0]
      min = spec.$minDistance ?? min
      max = spec.$maxDistance ?? max
    } else {
      point = legacyPair(spec)
      meters = false
    }
  } catch (e: any) {
    throw badQuery(`${op}: ${e?.message ?? e}`)
  }
  for (const [name, d] of [['$minDistance', min], ['$maxDistance', max]] as const) {
    if (d !== undefined && d !== null && (typeof d !== 'number' || d < 0)) throw badQuery(`${op}: ${name} must be a non-negative number`)
  }
  return { field, point, meters, min: min ?? 0, max: max ?? Infinity }
}

/** Distance from the near point to the closest geometry at its field (meters or radians), or null if none. */
export function nearDistance(near: Near, doc: Doc): { distance: number; location: any } | null {
  let best: { distance: number; location: any } | null = null
  for (const v of geoValuesAt(doc, near.field)) {
    const s = shapeOf(v)
    if (!s) continue
    const d = distanceToShape(near.point, s) * (near.meters ? EARTH_RADIUS_M : 1)
    if (!best || d < best.distance) best = { distance: d, location: v }
  }
  return best
}

const nearOperator = (selector: string, value: any, _options: unknown, operator: string) => {
  const near = parseNear(selector, { [operator]: value })
  return (doc: any) => {
    const d = nearDistance(near, doc)
    return d !== null && d.distance >= near.min && d.distance <= near.max
  }
}

/** mingo query operators. The near ones filter by distance; the caller orders by it (findNear). */
export const geoQueryOperators = {
  $geoWithin: (selector: string, value: any) => geoWithin(selector, value),
  $geoIntersects: (selector: string, value: any) => geoIntersects(selector, value),
  $nearSphere: (selector: string, value: any, options: unknown) => nearOperator(selector, value, options, '$nearSphere'),
  $near: (selector: string, value: any, options: unknown) => nearOperator(selector, value, options, '$near'),
}

/**
 * The legacy near form keeps $maxDistance/$minDistance beside the operator, where mingo would take
 * them for unknown operators: they are taken out here and checked by the caller (findNear's bounds).
 */
export function withoutNearBounds(filter: Doc): Doc {
  let out: Doc | null = null
  for (const [k, v] of Object.entries(filter)) {
    let next = v
    if (k === '$and' && Array.isArray(v)) {
      const subs = v.map(sub => (isPlainObject(sub) ? withoutNearBounds(sub) : sub))
      if (subs.some((sub, i) => sub !== v[i])) next = subs
    } else if (!k.startsWith('$') && isPlainObject(v) && NEAR_OPS.some(o => o in v) && ('$maxDistance' in v || '$minDistance' in v)) {
      const { $maxDistance: _max, $minDistance: _min, ...rest } = v
      next = rest
    }
    if (next !== v) { out = out ?? { ...filter }; out[k] = next }
  }
  return out ?? filter
}

/** The near clause of a filter (top level or a top-level $and), which orders the results by distance. */
export function findNear(filter: Doc): Near | null {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) { const n = isPlainObject(sub) ? findNear(sub) : null; if (n) return n }
      continue
    }
    if (!k.startsWith('$') && isPlainObject(v) && NEAR_OPS.some(o => o in v)) return parseNear(k, v)
  }
  return null
}

const GEO_OPS = [...NEAR_OPS, '$geoWithin', '$geoIntersects']

/** Whether a 2dsphere index serves the filter: a geo operator on one of `geoFields` (top level or top-level $and). */
export function geoIndexServes(filter: Doc, geoFields: string[]): boolean {
  if (!geoFields.length) return false
  return Object.entries(filter).some(([k, v]) => (k === '$and' && Array.isArray(v)
    ? v.some(sub => isPlainObject(sub) && geoIndexServes(sub, geoFields))
    : geoFields.includes(k) && isPlainObject(v) && GEO_OPS.some(o => o in v)))
}

/** Orders matched documents nearest first, as a near query (without an explicit sort) returns them. */
export function sortByDistance(docs: Doc[], near: Near): Doc[] {
  return docs
    .map(doc => ({ doc, d: nearDistance(near, doc)?.distance ?? Infinity }))
    .sort((a, b) => a.d - b.d)
    .map(x => x.doc)
}

/** The field a near query or $geoNear uses must carry a 2dsphere index, as in the cloud. */
export function requireGeoIndex(collection: string, geoFields: string[], field: string | undefined): string {
  if (field === undefined) {
    if (!geoFields.length) throw badQuery(`$geoNear requires a 2d or 2dsphere index, but none were found (collection ${collection}; declare one in database/collections.json)`)
    if (geoFields.length > 1) throw badQuery(`There is more than one 2dsphere index on ${collection}; unsure which to use for $geoNear (give key)`)
    return geoFields[0]
  }
  if (!geoFields.includes(field)) throw badQuery(`unable to find index for $geoNear query: no 2dsphere index on ${collection}.${field} (declare one in database/collections.json)`)
  return field
}

/** The $geoNear stage over already-matched documents: nearest first, with the distance (and location) added. */
export function geoNearStage(docs: Doc[], spec: Doc, field: string): Doc[] {
  if (typeof spec.distanceField !== 'string' || !spec.distanceField) throw badQuery('$geoNear requires a distanceField')
  const legacy = isLegacyPair(spec.near)
  const near = parseNear(field, {
    $nearSphere: legacy ? spec.near : { $geometry: spec.near }, $minDistance: spec.minDistance, $maxDistance: spec.maxDistance,
  })
  const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1
  const rows: { doc: Doc; distance: number; location: any }[] = []
  for (const doc of docs) {
    const hit = nearDistance(near, doc)
    if (hit && hit.distance >= near.min && hit.distance <= near.max) rows.push({ doc, ...hit })
  }
  rows.sort((a, b) => a.distance - b.distance)
  return rows.map(({ doc, distance, location }) => {
    let out = setPath(doc, spec.distanceField, distance * multiplier)
    if (typeof spec.includeLocs === 'string' && spec.includeLocs) out = setPath(out, spec.includeLocs, location)
    return out
  })
}

function setPath(doc: Doc, path: string, value: any): Doc {
  const [head, ...rest] = path.split('.')
  const out = { ...doc }
  out[head] = rest.length ? setPath(isPlainObject(doc[head]) ? doc[head] : {}, rest.join('.'), value) : value
  return out
}

/** Refuses a document whose 2dsphere-indexed field holds something that is not a geometry (MongoDB: "Can't extract geo keys"). */
export function checkGeoKeys(doc: Doc, geoFields: string[]) {
  for (const field of geoFields) {
    for (const v of geoValuesAt(doc, field)) {
      try {
        parseGeometry(v)
      } catch (e: any) {
        throw new DbError('DATABASE_REQUEST_FAILED', `Can't extract geo keys: ${encodeLine(doc)}  ${e?.message ?? e}`)
      }
    }
  }
}
