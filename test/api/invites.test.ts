/**
 * The manager's list of invite codes says, on the server's clock, which codes can still be used:
 * expired and used-up ones are marked as such and listed after the usable ones.
 */
import { type App, MANAGER, startApp } from './support/app'

jest.setTimeout(60_000)

let app: App
beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app?.stop())

const DAY = 86_400_000
const setClock = (ms: number) =>
  app.cloud.fetchJson('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: ms }) })

it('marks expired and used-up codes, lists usable ones first, and agrees with what accepting a code does', async () => {
  const manager = app.as(MANAGER)
  const team = await manager.call('org', 'createTeam', { name: '第一服务专班' })
  const usedUp = await manager.call('org', 'createInvite', { kind: 'staff', teamId: team._id, maxUses: 1 })
  await app.as('o_first_joiner').call('me', 'acceptInvite', { code: usedUp.code, name: '李明' })
  const expiring = await manager.call('org', 'createInvite', { kind: 'manager', maxUses: 1 })
  expect(expiring.status).toBe('active')

  const before = await manager.call('org', 'listInvites', {})
  expect(before.map((i) => [i.code, i.status])).toEqual([[expiring.code, 'active'], [usedUp.code, 'used_up']])

  await setClock(expiring.expiresAt) // the instant it expires: no longer usable
  const fresh = await manager.call('org', 'createInvite', { kind: 'staff', teamId: team._id, maxUses: 3 })
  const after = await manager.call('org', 'listInvites', {})
  expect(after.map((i) => [i.code, i.status])).toEqual([[fresh.code, 'active'], [expiring.code, 'expired'], [usedUp.code, 'used_up']])
  expect((await app.as('o_late_joiner').fail('me', 'acceptInvite', { code: expiring.code, name: '迟到者' })).code).toBe('INVITE_INVALID')

  await setClock(expiring.expiresAt - DAY) // a day earlier it was still usable
  expect((await manager.call('org', 'listInvites', {})).find((i) => i.code === expiring.code)?.status).toBe('active')
})
