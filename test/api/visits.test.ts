import { weekBounds, weekKey } from '../../src/domain/time'
import { unindexedQueries } from './support/app'
import { requestId, useApiWorld } from './support/world'

jest.setTimeout(120_000)

const { app, w } = useApiWorld()

const thisWeek = () => weekKey(w.now)
const log = (visitId: string, clientRequestId = requestId()) => ({
  visitId,
  clientRequestId,
  checkIn: { latitude: 30.27, longitude: 120.15, accuracy: 20 },
  attendees: [{ name: '李明', side: 'government' as const }, { name: '张总', side: 'enterprise' as const }],
  minutes: '了解企业生产经营情况，记录诉求两条',
  photos: [],
  followUps: [],
})

describe('the weekly visit plan', () => {
  it('creates one visit per active project for the week, and running it twice creates nothing new', async () => {
    const first = await w.manager.call('visits', 'planWeek', { weekKey: thisWeek() })
    const second = await w.manager.call('visits', 'planWeek', { weekKey: thisWeek() })
    expect(first.created).toBeGreaterThanOrEqual(2)
    expect(second).toMatchObject({ created: 0, existing: first.created + first.existing })
  })

  it('shows staff their own team\'s visits of the week, each with its project', async () => {
    const mine = await w.staffA.call('visits', 'myWeek', {})
    expect(mine.visits.map((v) => v.projectName)).toContain('智能装备产业园')
    expect(mine.visits.map((v) => v.projectName)).not.toContain('新材料基地')
    expect(mine.visits[0].plannedDate >= mine.visits[0].weekKey.slice(0, 4)).toBe(true)
  })
})

describe('logging a visit', () => {
  it('checks in, logs attendees and minutes, and a retried submission does not duplicate', async () => {
    const { visits } = await w.staffA.call('visits', 'myWeek', {})
    const visit = visits.find((v) => v.projectId === w.project._id)!
    const checked = await w.staffA.call('visits', 'checkIn', { visitId: visit._id, location: { latitude: 30.27, longitude: 120.15, accuracy: 15 } })
    expect(checked.checkIn?.accuracy).toBe(15)
    const raised = await w.staffA.call('issues', 'raise', {
      projectId: w.project._id, source: 'visit', visitId: visit._id, category: 'hiring', title: '走访中企业提出招工难', description: '需要技术工人', photos: [], urgency: 'normal', clientRequestId: requestId(),
    })
    const body = log(visit._id)
    const [a, b] = await Promise.all([w.staffA.call('visits', 'complete', body), w.staffA.call('visits', 'complete', body)])
    expect(a.status).toBe('done')
    expect(b).toEqual(a)
    const again = await w.staffA.call('visits', 'complete', body)
    expect(again.version).toBe(a.version)
    const other = await w.staffA.fail('visits', 'complete', log(visit._id))
    expect(other.code).toBe('CONFLICT')
    const stored = await w.staffA.call('visits', 'get', { visitId: visit._id })
    expect(stored.issueIds).toContain(raised.issue._id)
    expect(stored.attendees).toHaveLength(2)
  })

  it('lets the liaison read the project\'s visits but not log one, and keeps other teams out', async () => {
    const { visits } = await w.staffB.call('visits', 'myWeek', {})
    const theirs = visits[0]
    expect((await w.staffA.fail('visits', 'complete', log(theirs._id))).code).toMatch(/NOT_FOUND|FORBIDDEN/)
    const page = await w.liaison.call('visits', 'listByProject', { projectId: w.project._id })
    expect(page.items.length).toBeGreaterThan(0)
    const mine = page.items[0]
    expect((await w.liaison.fail('visits', 'complete', log(mine._id))).code).toBe('FORBIDDEN')
    expect((await w.otherLiaison.fail('visits', 'listByProject', { projectId: w.project._id })).code).toBe('NOT_FOUND')
  })

  it('marks visits not done by the end of their week as missed, and counts coverage per week', async () => {
    const key = thisWeek()
    const { end } = weekBounds(key)
    await app.cloud.fetchJson('/dev/timers/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ time: new Date(end + 3_600_000).toISOString() }) })
    const coverage = await w.manager.call('visits', 'coverage', { fromWeek: key, toWeek: key })
    expect(coverage).toHaveLength(1)
    expect(coverage[0]).toMatchObject({ weekKey: key, done: 1, planned: 0 })
    expect(coverage[0].missed).toBe(coverage[0].activeProjects - 1)
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})
