// Geometry on the sphere, the way MongoDB's 2dsphere (S2) computes it: GeoJSON and legacy coordinate
// pairs, distances as the angle between unit vectors times 6378100 m, geodesic (great-circle) edges.
import { isPlainObject } from './codec'

export type LngLat = [number, number]
type Vec = [number, number, number]

/** A geometry reduced to what containment, intersection and distance need. */
export interface Shape {
  points: LngLat[]
  /** Polylines: LineString paths and polygon rings alike. */
  paths: LngLat[][]
  /** Polygons as rings: the outer ring first, then holes. */
  polygons: LngLat[][][]
}

/** MongoDB's earth radius for spherical distances in meters. */
export const EARTH_RADIUS_M = 6378100

const RAD = Math.PI / 180
/** Two points closer than this (radians, about 6 mm) are the same point; a point this close to an edge is on it. */
const EPS = 1e-9

export const toVec = ([lng, lat]: LngLat): Vec => {
  const phi = lat * RAD
  const theta = lng * RAD
  const c = Math.cos(phi)
  return [Math.cos(theta) * c, Math.sin(theta) * c, Math.sin(phi)]
}
const cross = (a: Vec, b: Vec): Vec => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
const dot = (a: Vec, b: Vec) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
const norm = (a: Vec) => Math.sqrt(dot(a, a))

const vecAngle = (a: Vec, b: Vec) => Math.atan2(norm(cross(a, b)), dot(a, b))

// ---- parsing ---------------------------------------------------------------------------------

const GEOJSON_TYPES = new Set(['Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'])

export class GeoError extends Error {}

function position(c: unknown): LngLat {
  if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
    throw new GeoError('Point must only contain numeric elements')
  }
  return checkBounds([c[0], c[1]])
}

function checkBounds(p: LngLat): LngLat {
  if (!(Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90)) throw new GeoError(`longitude/latitude is out of bounds, lng: ${p[0]} lat: ${p[1]}`)
  return p
}

function lineString(c: unknown): LngLat[] {
  if (!Array.isArray(c) || c.length < 2) throw new GeoError('GeoJSON LineString must have at least 2 vertices')
  return c.map(position)
}

function polygon(c: unknown): LngLat[][] {
  if (!Array.isArray(c) || !c.length) throw new GeoError('Polygon has no loops')
  return c.map(ring => {
    if (!Array.isArray(ring) || ring.length < 4) throw new GeoError('Loop must have at least 3 different vertices')
    const pts = ring.map(position)
    const [first, last] = [pts[0], pts[pts.length - 1]]
    if (first[0] !== last[0] || first[1] !== last[1]) throw new GeoError('Loop is not closed')
    return pts
  })
}

const isGeoJson = (v: any) => isPlainObject(v) && typeof v.type === 'string' && GEOJSON_TYPES.has(v.type)

/** A GeoJSON object or a legacy pair ([lng, lat] or { x, y }) as a Shape; throws GeoError when it is neither or invalid. */
export function parseGeometry(v: any): Shape {
  const shape: Shape = { points: [], paths: [], polygons: [] }
  const add = (g: any) => {
    if (!isGeoJson(g)) {
      shape.points.push(legacyPair(g))
      return
    }
    const c = g.coordinates
    switch (g.type) {
      case 'Point': shape.points.push(position(c)); break
      case 'MultiPoint': if (!Array.isArray(c)) throw new GeoError('MultiPoint coordinates must be an array'); shape.points.push(...c.map(position)); break
      case 'LineString': shape.paths.push(lineString(c)); break
      case 'MultiLineString': if (!Array.isArray(c)) throw new GeoError('MultiLineString coordinates must be an array'); shape.paths.push(...c.map(lineString)); break
      case 'Polygon': { const p = polygon(c); shape.polygons.push(p); shape.paths.push(...p); break }
      case 'MultiPolygon': {
        if (!Array.isArray(c)) throw new GeoError('MultiPolygon coordinates must be an array')
        for (const pc of c) { const p = polygon(pc); shape.polygons.push(p); shape.paths.push(...p) }
        break
      }
      case 'GeometryCollection': {
        if (!Array.isArray(g.geometries)) throw new GeoError('GeometryCollection must have a geometries array')
        for (const sub of g.geometries) { if (!isGeoJson(sub)) throw new GeoError('GeometryCollection holds a non-GeoJSON geometry'); add(sub) }
        break
      }
    }
  }
  add(v)
  return shape
}

/** A legacy coordinate pair: the first two values, in order, are longitude and latitude. */
export function legacyPair(v: any): LngLat {
  const values = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : null
  if (!values || values.length < 2) throw new GeoError(`unknown GeoJSON type: ${safeJson(v)}`)
  return position(values)
}

export const isLegacyPair = (v: any) => Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number'

const safeJson = (v: any) => { try { return JSON.stringify(v) } catch { return String(v) } }

/** The geometries a dotted path holds, through arrays (multikey), skipping missing and null values. */
export function geoValuesAt(doc: any, path: string): any[] {
  const out: any[] = []
  const walk = (v: any, parts: string[], i: number) => {
    if (v === undefined || v === null) return
    if (i === parts.length) {
      if (Array.isArray(v) && !isLegacyPair(v)) for (const e of v) { if (e !== undefined && e !== null) out.push(e) } else out.push(v)
      return
    }
    if (Array.isArray(v)) {
      if (/^\d+$/.test(parts[i])) walk(v[Number(parts[i])], parts, i + 1)
      else for (const e of v) walk(e, parts, i)
      return
    }
    if (typeof v === 'object') walk(v[parts[i]], parts, i + 1)
  }
  walk(doc, path.split('.'), 0)
  return out
}

// ---- predicates ------------------------------------------------------------------------------

/** Distance in radians from point x to the geodesic arc a–b. */
function arcDistance(x: Vec, a: Vec, b: Vec): number {
  const n = cross(a, b)
  const nn = norm(n)
  if (nn < 1e-15) return vecAngle(x, a)
  if (dot(cross(n, a), x) > 0 && dot(cross(b, n), x) > 0) return Math.asin(Math.min(1, Math.abs(dot(x, n)) / nn))
  return Math.min(vecAngle(x, a), vecAngle(x, b))
}

/** Whether arcs a–b and c–d cross at a point interior to both (S2's SimpleCrossing). */
function arcsCross(a: Vec, b: Vec, c: Vec, d: Vec): boolean {
  const ab = cross(a, b)
  const acb = -dot(ab, c)
  const bda = dot(ab, d)
  if (acb * bda <= 0) return false
  const cd = cross(c, d)
  const cbd = -dot(cd, b)
  const dac = dot(cd, a)
  return acb * cbd > 0 && acb * dac > 0
}

const edgesOf = (path: LngLat[]): [Vec, Vec][] => {
  const v = path.map(toVec)
  const out: [Vec, Vec][] = []
  for (let i = 1; i < v.length; i++) out.push([v[i - 1], v[i]])
  return out
}

/** Point in a ring, boundary included; the ring's inside is the smaller of the two regions it bounds. */
function inRing(x: Vec, ring: LngLat[]): boolean {
  const edges = edgesOf(ring)
  if (edges.some(([a, b]) => arcDistance(x, a, b) < EPS)) return true
  const sum: Vec = [0, 0, 0]
  for (const p of ring.slice(1)) { const v = toVec(p); sum[0] += v[0]; sum[1] += v[1]; sum[2] += v[2] }
  let outside: Vec = [-sum[0], -sum[1], -sum[2]]
  if (norm(outside) < 1e-12 || vecAngle(x, outside) > Math.PI - 1e-6) outside = cross(x, [0.3, 0.5, 0.8])
  let crossings = 0
  for (const [a, b] of edges) if (arcsCross(x, outside, a, b)) crossings++
  return crossings % 2 === 1
}

export function pointInPolygon(p: LngLat, rings: LngLat[][]): boolean {
  const x = toVec(p)
  if (!inRing(x, rings[0])) return false
  return !rings.slice(1).some(hole => inRing(x, hole) && !edgesOf(hole).some(([a, b]) => arcDistance(x, a, b) < EPS))
}

const verticesOf = (s: Shape): LngLat[] => [...s.points, ...s.paths.flat()]
const allEdges = (s: Shape) => s.paths.flatMap(edgesOf)

/** Distance in radians from a point to the nearest part of a shape (0 inside a polygon). */
export function distanceToShape(p: LngLat, s: Shape): number {
  if (s.polygons.some(rings => pointInPolygon(p, rings))) return 0
  const x = toVec(p)
  let best = Infinity
  for (const q of s.points) best = Math.min(best, vecAngle(x, toVec(q)))
  for (const [a, b] of allEdges(s)) best = Math.min(best, arcDistance(x, a, b))
  return best
}

/** $geoWithin $geometry: every part of `s` lies inside one of the query's polygons. */
export function withinPolygons(s: Shape, query: Shape): boolean {
  const inside = (p: LngLat) => query.polygons.some(rings => pointInPolygon(p, rings))
  if (!verticesOf(s).every(inside)) return false
  const qEdges = allEdges(query)
  return allEdges(s).every(([a, b]) => !qEdges.some(([c, d]) => arcsCross(a, b, c, d)))
}

/** $geoWithin $centerSphere: every vertex within `radius` radians of `center` (a cap under a hemisphere is convex). */
export function withinCap(s: Shape, center: LngLat, radius: number): boolean {
  const c = toVec(center)
  return verticesOf(s).every(p => vecAngle(c, toVec(p)) <= radius)
}

/** $geoIntersects: the two shapes share at least one point. */
export function intersects(a: Shape, b: Shape): boolean {
  const touches = (from: Shape, to: Shape) => {
    const toPoints = to.points.map(toVec)
    const toEdges = allEdges(to)
    return verticesOf(from).some(p => {
      const x = toVec(p)
      return toPoints.some(q => vecAngle(x, q) < EPS) || toEdges.some(([c, d]) => arcDistance(x, c, d) < EPS)
        || to.polygons.some(rings => pointInPolygon(p, rings))
    })
  }
  if (touches(a, b) || touches(b, a)) return true
  const bEdges = allEdges(b)
  return allEdges(a).some(([p, q]) => bEdges.some(([c, d]) => arcsCross(p, q, c, d)))
}
