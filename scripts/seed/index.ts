/**
 * Demo data for `npm start`: a zone with two service teams, the 14 departments, six projects bound
 * to their WeChat groups, seven weeks of visits and issues in every state and 督办 colour — all
 * made through the product's own functions, at the times they happened.
 */
import { LocalCloudClient } from '../devClient'
import { seedIssues } from './issues'
import { seedOrg } from './org'
import { seedVisits } from './visits'

export { DEMO } from './org'

/** Seeds the history that leads up to `now` (default: the local cloud's own now), then puts the clock back there. */
export async function seedDemo(url: string, at?: number): Promise<{ ms: number }> {
  const started = performance.now()
  const c = new LocalCloudClient(url)
  const now = at ?? (await c.now())
  try {
    await c.setClock(now - 130 * 86_400_000)
    const org = await seedOrg(c)
    await seedVisits(c, org, now)
    await seedIssues(c, org, now)
  } finally {
    await c.setClock(now)
  }
  // The hourly timer at the seed's "now": escalations, auto-closes and missed visits.
  await c.fireTimer('jobs', now)
  return { ms: Math.round(performance.now() - started) }
}

