import { MANAGER, unindexedQueries } from './support/app'
import { bindAndEnter, groupCloudId, newGroup, useApiWorld } from './support/world'

jest.setTimeout(120_000)

const { app, w } = useApiWorld()

describe('projects and their one WeChat group', () => {
  it('binds the group on the first opening of the shared card and makes the opener a member', async () => {
    const me = await w.liaison.call('me', 'whoami', {})
    expect(me.roles).toContain('liaison')
    expect(me.projects.map((p) => p._id)).toEqual([w.project._id])
    expect(me.projects[0].bound).toBe(true)
  })

  it('makes whoever later opens the mini-program from the bound group a member of that project', async () => {
    const colleague = app.as('o_liaison_1b')
    const entered = await colleague.call('me', 'enter', {}, { group: await groupCloudId(app, w.groupId) })
    expect(entered).toMatchObject({ member: true, boundNow: false, project: { _id: w.project._id } })
    const board = await colleague.call('projects', 'board', { projectId: w.project._id })
    expect(board.project.name).toBe('智能装备产业园')
  })

  it('refuses to bind a second group to a project that already has one', async () => {
    const stranger = app.as('o_stranger')
    const secondGroup = await newGroup(app, '另一个群')
    const ticket = await w.staffA.call('projects', 'shareTicket', { projectId: w.project._id })
    const entered = await stranger.call('me', 'enter', { projectId: w.project._id, bindToken: 'a'.repeat(32) }, { group: await groupCloudId(app, secondGroup) })
    expect(ticket.bindToken).toBe('')
    expect(entered.member).toBe(false)
    expect(entered.refused?.code).toMatch(/PROJECT_ALREADY_BOUND|FORBIDDEN/)
    expect((await stranger.call('me', 'whoami', {})).projects).toEqual([])
  })

  it('refuses to bind a group that is already bound to another project, and keeps the opener in its own project', async () => {
    const third = await app.as(MANAGER).call('projects', 'create', {
      enterpriseName: '第三家企业', name: '第三项目', address: '高新区', teamId: w.teamA._id, visitWeekday: 1,
    })
    const entered = await bindAndEnter(app, w.staffA, app.as('o_liaison_1c'), third._id, w.groupId)
    expect(entered.refused?.code).toBe('GROUP_ALREADY_BOUND')
    expect(entered.project?._id).toBe(w.project._id)
    const thirdNow = await app.as(MANAGER).call('projects', 'get', { projectId: third._id })
    expect(thirdNow.openGId).toBeUndefined()
  })

  it('lets a manager unbind and rebind a group, recorded in the project history', async () => {
    const third = await app.as(MANAGER).call('projects', 'create', {
      enterpriseName: '第四家企业', name: '第四项目', address: '高新区', teamId: w.teamA._id, visitWeekday: 1,
    })
    const group = await newGroup(app, '第四项目群')
    await bindAndEnter(app, w.staffA, app.as('o_liaison_4'), third._id, group)
    const unbound = await app.as(MANAGER).call('projects', 'unbindGroup', { projectId: third._id, reason: '企业换了新群' })
    expect(unbound.openGId).toBeUndefined()
    const newer = await newGroup(app, '第四项目新群')
    const again = await bindAndEnter(app, w.staffA, app.as('o_liaison_4'), third._id, newer)
    expect(again.boundNow).toBe(true)
    const history = (await app.as(MANAGER).call('projects', 'get', { projectId: third._id })).history.map((h) => h.what)
    expect(history).toEqual(['created', 'group_bound', 'group_unbound', 'group_bound'])
  })

  it('does not accept a group identity the client made up instead of a CloudID', async () => {
    const err = await app.as('o_forger').fail('me', 'enter', {}, { group: { cloudID: 'x', data: { openGId: w.groupId } } })
    expect(err.code).toBe('NOT_IN_GROUP')
  })
})

describe('a user who is not a member of a project', () => {
  it('cannot see its name, its board or its issues — probing by id reads as not found', async () => {
    expect((await w.otherLiaison.fail('projects', 'board', { projectId: w.project._id })).code).toBe('NOT_FOUND')
    expect((await w.otherLiaison.fail('projects', 'get', { projectId: w.project._id })).code).toBe('NOT_FOUND')
    const list = await w.otherLiaison.call('projects', 'list', {})
    expect(list.items.map((p) => p.name)).toEqual(['新材料基地'])
  })
})

test('every query the functions issued is served by an index declared in database/', async () => {
  expect(await unindexedQueries(app)).toEqual([])
})
