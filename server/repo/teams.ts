/** The teams collection: the service teams (服务专班). */
import * as v from 'valibot'
import type { Team } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { collection } from './db'
import { readDocs, readMaybe, storedAs } from './read'

const teams = () => collection(COLLECTIONS.teams)

export const teamDoc = storedAs<Team>()(v.looseObject({
  _id: v.string(),
  name: v.string(),
  leaderOpenid: v.optional(v.string()),
  createdAt: v.number(),
}))

export async function loadTeam(teamId: string): Promise<Team | null> {
  const { data } = await teams().doc(teamId).get()
  return readMaybe(teamDoc, COLLECTIONS.teams, data)
}

/** A team's name only (the visit record's author). */
export async function teamName(teamId: string): Promise<string | undefined> {
  const { data } = await teams().doc(teamId).field({ name: true }).get()
  return readMaybe(v.pick(teamDoc, ['_id', 'name']), COLLECTIONS.teams, data)?.name
}

/** Every team, oldest first (up to 200). */
export async function teamsInOrder(): Promise<Team[]> {
  const { data } = await teams().orderBy('createdAt', 'asc').limit(200).get()
  return readDocs(teamDoc, COLLECTIONS.teams, data)
}

/** Every team's id and name (up to 200). */
export async function teamNames(): Promise<Pick<Team, '_id' | 'name'>[]> {
  const { data } = await teams().field({ _id: true, name: true }).limit(200).get()
  return readDocs(v.pick(teamDoc, ['_id', 'name']), COLLECTIONS.teams, data)
}

export async function saveTeam(team: Team): Promise<void> {
  const { _id, ...doc } = team
  await teams().doc(_id).set({ data: doc })
}
