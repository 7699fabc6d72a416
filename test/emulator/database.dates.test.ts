// Conformance: date operators in aggregation, with MongoDB's week numbering and time zones.
// The ISO weeks must agree with the product's own week keys (src/domain/time.ts), Asia/Shanghai.
import { mondayOf, weekKey } from '../../src/domain/time'
import { useDatabase } from './support/dbTestSetup'

const t = useDatabase()
const days = () => t.db.collection('days')
const $ = () => t._.aggregate

beforeEach(async () => {
  await t.db.createCollection('days')
})

async function project(dates: Record<string, string>, fields: (a: any) => object) {
  await days().add({ data: Object.entries(dates).map(([_id, iso]) => ({ _id, d: new Date(iso) })) })
  const { list } = await days().aggregate().sort({ _id: 1 }).project({ _id: 1, ...fields($()) }).end()
  return Object.fromEntries(list.map(({ _id, ...rest }: any) => [_id, rest]))
}

test('calendar parts, Sunday-based $week and ISO week numbering around year ends (UTC)', async () => {
  const r = await project({
    a: '2019-05-14T09:38:51.686Z', // a Tuesday
    b: '2024-12-30T00:00:00Z', // Monday of ISO 2025-W01
    c: '2021-01-01T12:00:00Z', // Friday of ISO 2020-W53, before the year's first Sunday
    d: '2021-01-03T12:00:00Z', // the year's first Sunday
  }, a => ({
    year: a.year('$d'), month: a.month('$d'), day: a.dayOfMonth('$d'), doy: a.dayOfYear('$d'), dow: a.dayOfWeek('$d'),
    week: a.week('$d'), isoWeek: a.isoWeek('$d'), isoWeekYear: a.isoWeekYear('$d'), isoDow: a.isoDayOfWeek('$d'),
    hms: [a.hour('$d'), a.minute('$d'), a.second('$d'), a.millisecond('$d')],
  }))
  expect(r.a).toEqual({ year: 2019, month: 5, day: 14, doy: 134, dow: 3, week: 19, isoWeek: 20, isoWeekYear: 2019, isoDow: 2, hms: [9, 38, 51, 686] })
  expect(r.b).toMatchObject({ year: 2024, week: 52, isoWeek: 1, isoWeekYear: 2025, isoDow: 1 })
  expect(r.c).toMatchObject({ year: 2021, week: 0, isoWeek: 53, isoWeekYear: 2020, isoDow: 5 })
  expect(r.d).toMatchObject({ week: 1, isoWeek: 53, isoWeekYear: 2020, isoDow: 7, dow: 1 })
})

test('a timezone moves the calendar: 2026-12-31 18:00 UTC is Friday 2027-01-01 in Shanghai, ISO week 2026-W53', async () => {
  const r = await project({ x: '2026-12-31T18:00:00Z' }, a => ({
    year: a.year({ date: '$d', timezone: 'Asia/Shanghai' }),
    isoWeek: a.isoWeek({ date: '$d', timezone: '+08:00' }),
    isoWeekYear: a.isoWeekYear({ date: '$d', timezone: 'Asia/Shanghai' }),
    text: a.dateToString({ date: '$d', format: '%G-W%V-%u %Y-%m-%d %H:%M:%S.%L %j %w %U %z %Z', timezone: 'Asia/Shanghai' }),
    utc: a.dateToString({ date: '$d' }),
    parts: { $dateToParts: { date: '$d', timezone: 'Asia/Shanghai', iso8601: true } },
  }))
  expect(r.x).toEqual({
    year: 2027, isoWeek: 53, isoWeekYear: 2026,
    text: '2026-W53-5 2027-01-01 02:00:00.000 001 6 00 +0800 +480',
    utc: '2026-12-31T18:00:00.000Z',
    parts: { isoWeekYear: 2026, isoWeek: 53, isoDayOfWeek: 5, hour: 2, minute: 0, second: 0, millisecond: 0 },
  })
})

test('dateToString returns onNull (or null) for a missing date', async () => {
  await days().add({ data: { _id: 'none' } })
  const { list } = await days().aggregate().project({ _id: 0, a: $().dateToString({ date: '$d', onNull: 'n/a' }), b: $().dateToString({ date: '$d' }) }).end()
  expect(list).toEqual([{ a: 'n/a', b: null }])
})

test('dateFromParts from calendar or ISO week parts, in a timezone', async () => {
  await days().add({ data: { _id: 'one' } })
  const { list } = await days().aggregate().project({
    _id: 0,
    ny: $().dateFromParts({ year: 2017, month: 2, day: 8, hour: 12, timezone: 'America/New_York' }),
    carry: $().dateFromParts({ year: 2026, month: 14, day: 1 }),
    monday: $().dateFromParts({ isoWeekYear: 2026, isoWeek: 48, isoDayOfWeek: 1, timezone: 'Asia/Shanghai' }),
  }).end()
  expect(list).toEqual([{
    ny: new Date('2017-02-08T17:00:00Z'),
    carry: new Date('2027-02-01T00:00:00Z'),
    monday: new Date('2026-11-23T00:00:00+08:00'),
  }])
})

test('%G-W%V in Asia/Shanghai is the product\'s weekKey, and dateFromParts of it is its Monday, across year ends', async () => {
  const dates: Record<string, string> = {}
  for (let year = 2019; year <= 2030; year++) {
    for (let day = -7; day <= 7; day++) {
      for (const hour of [15, 16]) {
        const at = new Date(Date.UTC(year, 0, 1 + day, hour, 30))
        dates[at.toISOString()] = at.toISOString()
      }
    }
  }
  await days().add({ data: Object.keys(dates).map(iso => ({ _id: iso, d: new Date(iso) })) })
  const tz = 'Asia/Shanghai'
  const { list } = await days().aggregate()
    .project({ key: $().dateToString({ date: '$d', format: '%G-W%V', timezone: tz }), y: $().isoWeekYear({ date: '$d', timezone: tz }), w: $().isoWeek({ date: '$d', timezone: tz }) })
    .addFields({ monday: $().dateFromParts({ isoWeekYear: '$y', isoWeek: '$w', timezone: tz }) })
    .limit(1000)
    .end()
  expect(list).toHaveLength(Object.keys(dates).length)
  for (const row of list) {
    const key = weekKey(Date.parse(row._id))
    expect([row._id, row.key]).toEqual([row._id, key])
    expect([row._id, row.monday]).toEqual([row._id, new Date(`${mondayOf(key)}T00:00:00+08:00`)])
  }
})
