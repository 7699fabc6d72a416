/**
 * A stale or malformed record fails loudly at the boundary (server/repo/read.ts): the function answers
 * STALE_RECORD — never a wrong answer built from a field that is not what the code relies on, never a
 * crash answered as INTERNAL — and the local cloud's log names the collection, the document id and the
 * field. The records are written raw, from this process, with the real wx-server-sdk pointed at the
 * file's local cloud (as a record an older version, a console edit or an import left behind would be).
 */
import type { Caller } from './support/app'
import { useApiWorld } from './support/world'
import { useLocalCloudEnv } from '../support/localCloud'

jest.setTimeout(120_000)

const { app, w } = useApiWorld()
let db: any
beforeAll(() => {
  useLocalCloudEnv(app.cloud)
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  db = cloud.database()
})

const writeRaw = (collection: string, id: string, data: Record<string, unknown>) => db.collection(collection).doc(id).set({ data })
const removeRaw = (collection: string, id: string) => db.collection(collection).doc(id).remove()

/** The line the function logged for the record (its output reaches the local cloud's log shortly after the reply). */
async function loggedLine(collection: string, id: string): Promise<string> {
  const wanted = `stale record ${collection}/${id}:`
  for (let i = 0; i < 50; i++) {
    const line = app.cloud.output().stderr.split('\n').concat(app.cloud.output().stdout.split('\n')).find((l) => l.includes('[repo]') && l.includes(wanted))
    if (line) return line
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no log line names ${collection}/${id}:\n${app.cloud.output().stderr.slice(-2000)}`)
}

/** Answers STALE_RECORD with its one message (nothing of the record leaks to the caller). */
async function expectStale(caller: Caller, fn: Parameters<Caller['fail']>[0], action: string, input: unknown = {}): Promise<void> {
  const error = await caller.fail(fn, action as never, input)
  expect(error).toEqual({ code: 'STALE_RECORD', message: '数据记录格式有误，暂时无法处理，请联系管理者' })
}

it('a user whose roles is a string: every call of that user answers STALE_RECORD, not roles made of its letters', async () => {
  const id = 'o_stale_roles'
  await writeRaw('users', id, { name: '旧数据', roles: 'handler', projectIds: [], liaisonOf: [], createdAt: w.now, updatedAt: w.now })
  await expectStale(app.as(id), 'me', 'whoami')
  expect(await loggedLine('users', id)).toMatch(/field roles: .*Array/)
  await removeRaw('users', id)
  expect((await app.as(id).call('me', 'whoami', {})).roles).toEqual([])
})

it('a project without teamId: reading it, or a list it is on, answers STALE_RECORD naming projects/<id> and teamId', async () => {
  const id = 'stale_project_no_team'
  await writeRaw('projects', id, {
    enterpriseName: '旧数据企业', name: '旧数据项目', address: '高新区', visitWeekday: 2, contacts: [], status: 'active', history: [], createdAt: w.now, updatedAt: w.now,
  })
  await expectStale(w.manager, 'projects', 'get', { projectId: id })
  expect(await loggedLine('projects', id)).toContain('field teamId:')
  await expectStale(w.manager, 'projects', 'list', { pageSize: 20 })
  // The other projects read as before once the record is gone.
  await removeRaw('projects', id)
  expect((await w.manager.call('projects', 'get', { projectId: w.project._id })).name).toBe(w.project.name)
  expect((await w.manager.call('projects', 'list', { pageSize: 20 })).items.map((p) => p._id).sort()).toEqual([w.project._id, w.otherProject._id].sort())
})

it('a projected read checks the fields it projects: a handler whose departmentId is a number fails the departments list', async () => {
  const id = 'o_stale_department'
  await writeRaw('users', id, { name: '旧经办人', roles: ['handler'], departmentId: 42, projectIds: [], liaisonOf: [], createdAt: w.now, updatedAt: w.now })
  await expectStale(w.manager, 'org', 'listDepartments')
  expect(await loggedLine('users', id)).toContain('field departmentId:')
  await removeRaw('users', id)
  const departments = await w.manager.call('org', 'listDepartments', {})
  expect(departments.find((d) => d._id === w.departments.zj)?.handlerCount).toBe(1)
})

it('a visit whose photos is not a list: its record answers STALE_RECORD naming visits/<id> and photos', async () => {
  const id = `${w.project._id}_2026-W01`
  await writeRaw('visits', id, {
    projectId: w.project._id, teamId: w.teamA._id, weekKey: '2026-W01', plannedDate: '2026-01-01', status: 'done', attendees: [], minutes: '',
    photos: 'cloud://one.jpg', issueIds: [], followUps: [], agenda: [], version: 1, createdAt: w.now, updatedAt: w.now,
  })
  await expectStale(w.manager, 'visits', 'record', { visitId: id })
  expect(await loggedLine('visits', id)).toContain('field photos:')
  await removeRaw('visits', id)
  expect((await w.manager.fail('visits', 'record', { visitId: id })).code).toBe('NOT_FOUND')
})

it('an open issue whose ladder is no 督办 level: the project board answers STALE_RECORD naming issues/<id> and ladder', async () => {
  const id = 'stale_issue_state'
  const issue = await w.liaison.call('issues', 'raise', {
    projectId: w.project._id, source: 'group', category: 'approval', title: '旧数据问题', description: '旧数据', photos: [], urgency: 'normal', clientRequestId: 'stale-issue-state-1',
  })
  const { data } = await db.collection('issues').doc(issue.issue._id).get()
  const { _id, ...doc } = data
  await writeRaw('issues', id, { ...doc, caseNo: '2026-999999', clientRequestId: 'stale-issue-state-2', ladder: 'purple' })
  await expectStale(w.manager, 'projects', 'board', { projectId: w.project._id })
  expect(await loggedLine('issues', id)).toContain('field ladder:')
  await removeRaw('issues', id)
  expect((await w.manager.call('projects', 'board', { projectId: w.project._id })).openIssues.map((c) => c._id)).toContain(_id)
})
