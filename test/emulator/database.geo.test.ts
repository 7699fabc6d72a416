// Conformance: geo queries through the real wx-server-sdk, over a 2dsphere index declared in the
// spec ({ field, direction: '2dsphere' }), with spherical distances in meters as the cloud computes them.
import { mkdtempSync, rmSync, writeFileSync } from 'fs'
import { tmpdir } from 'os'
import { join } from 'path'
import { loadSpec } from '../../emulator/database/spec'
import { caught, useDatabase } from './support/dbTestSetup'

const geoIndex = (field: string) => ({ name: `${field}_2dsphere`, keys: [{ field, direction: '2dsphere' as const }] })
const t = useDatabase({ spec: { collections: [
  { name: 'projects', indexes: [geoIndex('location')] },
  { name: 'plain', indexes: [] },
] } })
const projects = () => t.db.collection('projects')
const Point = (lng: number, lat: number) => t.db.Geo.Point(lng, lat)
/** One hundredth of a degree along a meridian on MongoDB's sphere (radius 6378100 m). */
const CENTI_DEGREE_M = 6378100 * 0.01 * Math.PI / 180

const BASE: [number, number] = [120.15, 30.27]
beforeEach(async () => {
  await projects().add({ data: [
    { _id: 'here', location: Point(BASE[0], BASE[1]) },
    { _id: 'north1', location: Point(BASE[0], BASE[1] + 0.01) },
    { _id: 'north3', location: Point(BASE[0], BASE[1] + 0.03) },
    { _id: 'noLocation', name: 'not placed yet' },
  ] })
})

test('a db.Geo.Point is stored as GeoJSON and read back as a db.Geo.Point', async () => {
  const { data } = await projects().doc('north1').get()
  expect(data.location.constructor.name).toBe('Point')
  expect([data.location.longitude, data.location.latitude]).toEqual([BASE[0], BASE[1] + 0.01])
  const { documents } = await t.server.service.handle('database.getDocument', { collectionName: 'projects', queryType: 'DOC', query: '{"_id":"north1"}' }, {})
    .then((r: any) => ({ documents: r.data.list.map((s: string) => JSON.parse(s)) }))
  expect(documents[0].location).toEqual({ type: 'Point', coordinates: [BASE[0], BASE[1] + 0.01] })
})

test('geoNear returns the nearest first, within maxDistance and minDistance in meters', async () => {
  const near = (o: object) => projects().where({ location: t._.geoNear({ geometry: Point(...BASE), ...o }) }).get()
    .then((r: any) => r.data.map((d: any) => d._id))
  expect(await near({})).toEqual(['here', 'north1', 'north3'])
  expect(await near({ maxDistance: CENTI_DEGREE_M + 1 })).toEqual(['here', 'north1'])
  expect(await near({ maxDistance: CENTI_DEGREE_M - 1 })).toEqual(['here'])
  expect(await near({ minDistance: 1, maxDistance: 4 * CENTI_DEGREE_M })).toEqual(['north1', 'north3'])
})

test('an explicit orderBy replaces the distance order of geoNear', async () => {
  const { data } = await projects().where({ location: t._.geoNear({ geometry: Point(...BASE) }) }).orderBy('_id', 'desc').get()
  expect(data.map((d: any) => d._id)).toEqual(['north3', 'north1', 'here'])
})

test('the $geoNear stage adds the spherical distance in meters and the matched location (as GeoJSON: aggregate lists are not converted)', async () => {
  const { list } = await projects().aggregate()
    .geoNear({ near: Point(...BASE), distanceField: 'dist.m', includeLocs: 'at', spherical: true, query: { _id: t._.neq('here') } })
    .project({ _id: 1, dist: 1, at: 1 })
    .end()
  expect(list.map((d: any) => d._id)).toEqual(['north1', 'north3'])
  expect(list[0].dist.m).toBeCloseTo(CENTI_DEGREE_M, 6)
  expect(list[1].dist.m).toBeCloseTo(3 * CENTI_DEGREE_M, 6)
  expect(list[0].at).toEqual({ type: 'Point', coordinates: [BASE[0], BASE[1] + 0.01] })
})

test('geoNear and $geoNear on a field without a 2dsphere index are refused, as in the cloud', async () => {
  await t.db.collection('plain').add({ data: { location: Point(...BASE) } })
  const e = await caught(t.db.collection('plain').where({ location: t._.geoNear({ geometry: Point(...BASE) }) }).get())
  expect(e.errMsg).toMatch(/unable to find index for \$geoNear query/)
  const agg = await caught(t.db.collection('plain').aggregate().geoNear({ near: Point(...BASE), distanceField: 'd' }).end())
  expect(agg.errMsg).toMatch(/requires a 2d or 2dsphere index/)
})

test('geoWithin a polygon (holes excluded) and within a centerSphere cap', async () => {
  const { Polygon, LineString } = t.db.Geo
  const ring = (d: number) => LineString([Point(BASE[0] - d, BASE[1] - d), Point(BASE[0] + d, BASE[1] - d), Point(BASE[0] + d, BASE[1] + d), Point(BASE[0] - d, BASE[1] + d), Point(BASE[0] - d, BASE[1] - d)])
  const within = (geometry: any) => projects().where({ location: t._.geoWithin({ geometry }) }).get().then((r: any) => r.data.map((d: any) => d._id).sort())
  expect(await within(Polygon([ring(0.02)]))).toEqual(['here', 'north1'])
  expect(await within(Polygon([ring(0.02), ring(0.005)]))).toEqual(['north1'])
  const cap = (km: number) => projects().where({ location: t._.geoWithin({ centerSphere: [Point(...BASE), km / 6378.1] }) }).get()
    .then((r: any) => r.data.map((d: any) => d._id).sort())
  expect(await cap(2)).toEqual(['here', 'north1'])
  expect(await cap(1)).toEqual(['here'])
})

test('polygon edges are great circles: a point just above a long east-west edge is inside on the sphere', async () => {
  const { Polygon, LineString } = t.db.Geo
  await projects().add({ data: { _id: 'arctic', location: Point(45, 62) } })
  const box = Polygon([LineString([Point(0, 0), Point(90, 0), Point(90, 60), Point(0, 60), Point(0, 0)])])
  const { data } = await projects().where({ location: t._.geoWithin({ geometry: box }) }).get()
  expect(data.map((d: any) => d._id)).toEqual(['arctic'])
})

test('geoIntersects finds a point on a line, a line crossing a polygon, and nothing elsewhere', async () => {
  const { LineString, Polygon } = t.db.Geo
  await projects().add({ data: [
    { _id: 'road', location: LineString([Point(BASE[0] - 0.05, BASE[1] + 0.02), Point(BASE[0] + 0.05, BASE[1] + 0.02)]) },
    { _id: 'farAway', location: LineString([Point(10, 10), Point(11, 11)]) },
  ] })
  const hits = (geometry: any) => projects().where({ location: t._.geoIntersects({ geometry }) }).get().then((r: any) => r.data.map((d: any) => d._id).sort())
  const square = Polygon([LineString([Point(BASE[0] - 0.01, BASE[1] + 0.015), Point(BASE[0] + 0.01, BASE[1] + 0.015), Point(BASE[0] + 0.01, BASE[1] + 0.025), Point(BASE[0] - 0.01, BASE[1] + 0.025), Point(BASE[0] - 0.01, BASE[1] + 0.015)])])
  expect(await hits(square)).toEqual(['road'])
  expect(await hits(Point(...BASE))).toEqual(['here'])
  expect(await hits(LineString([Point(BASE[0], BASE[1] - 1), Point(BASE[0], BASE[1] + 1)]))).toEqual(['here', 'north1', 'north3', 'road'])
})

test('a legacy pair [lng, lat] in a 2dsphere field is a point too', async () => {
  await projects().add({ data: { _id: 'legacy', location: [BASE[0], BASE[1] + 0.02] } })
  const { data } = await projects().where({ location: t._.geoNear({ geometry: Point(BASE[0], BASE[1] + 0.02), maxDistance: 1 }) }).get()
  expect(data.map((d: any) => d._id)).toEqual(['legacy'])
})

test('a 2dsphere field holding { latitude, longitude } is refused: the first field is read as the longitude', async () => {
  const e = await caught(projects().add({ data: { _id: 'p', location: { latitude: 30, longitude: 120 } } }))
  expect(e.errCode).toBe(-502001)
  expect(e.errMsg).toMatch(/Can't extract geo keys: .* longitude\/latitude is out of bounds, lng: 30 lat: 120/)
  const update = await caught(projects().doc('here').update({ data: { location: t._.set({ latitude: 30, longitude: 120 }) } }))
  expect(update.errMsg).toMatch(/Can't extract geo keys/)
  expect((await projects().doc('here').get()).data.location.latitude).toBe(BASE[1])
})

test('a geo query on a 2dsphere field counts as indexed; the same query on a plain field is reported', async () => {
  const many = Array.from({ length: 60 }, (_v, i) => ({ location: Point(BASE[0] + i * 0.001, BASE[1]) }))
  await projects().add({ data: many })
  await t.db.collection('plain').add({ data: many })
  const cap = { location: t._.geoWithin({ centerSphere: [Point(...BASE), 1 / 6378.1] }) }
  expect((await projects().where(cap).count()).total).toBeGreaterThan(0)
  expect(t.server.service.metrics().unindexedQueries).toEqual([])
  await t.db.collection('plain').where(cap).count()
  expect(t.server.service.metrics().unindexedQueries.map(u => u.collection)).toEqual(['plain'])
})

test('the spec accepts direction "2dsphere" and refuses other index types', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spec-'))
  const write = (direction: unknown) => {
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ collections: [{ name: 'p', indexes: [{ name: 'l', keys: [{ field: 'location', direction }] }] }] }))
    return () => loadSpec(join(dir, 'c.json'), () => {})
  }
  try {
    expect(write('2dsphere')().collections[0].indexes![0].keys).toEqual([{ field: 'location', direction: '2dsphere' }])
    expect(write('2d')).toThrow(/must be 1, -1 or "2dsphere"/)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})
