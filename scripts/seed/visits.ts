import type { LocalCloudClient } from '../devClient'
import { addWeeks, dayOfWeek, mondayOf, weekKey } from '../../src/domain/time'
import { atHour } from './clock'
import { DEMO, type DemoOrg, projectLocation } from './org'

const MINUTES = [
  '了解企业本周生产经营情况，产能利用率约 85%。企业反映新厂房施工许可办理进度慢，已现场记录。',
  '走访企业研发中心，企业希望对接高校人才资源，已介绍区人才政策。',
  '查看二期工地，企业反映周边道路破损影响运输，已转交相关部门。',
  '与企业财务负责人座谈，介绍惠企资金申报节点。',
]

/** Seven weeks of visits: planned each Monday, most logged on their day, a few missed. */
export async function seedVisits(c: LocalCloudClient, org: DemoOrg, now: number): Promise<void> {
  const current = weekKey(now)
  for (let k = 6; k >= 0; k--) {
    const key = addWeeks(current, -k)
    await c.setClock(Math.min(atHour(mondayOf(key), 9), now - 60_000))
    await c.call(DEMO.manager, 'visits', 'planWeek', { weekKey: key })
    for (const [i, p] of org.projects.entries()) {
      const { visits } = await c.call(p.teamId === org.teamA ? DEMO.staffA : DEMO.staffB, 'visits', 'myWeek', { weekKey: key })
      const visit = visits.find((v: { projectId: string }) => v.projectId === p._id)
      const at = atHour(dayOfWeek(key, 1 + ((i + k) % 5)), 10)
      const missed = (i + k) % 7 === 3
      // This week, the first team leaves two visits still to do, for the demo and the browser tests.
      const stillPlanned = k === 0 && p.teamId === org.teamA && i !== 1
      if (!visit || missed || stillPlanned || at > now) continue
      const staff = p.teamId === org.teamA ? DEMO.staffA : DEMO.staffB
      await c.setClock(at)
      // At the site, a few dozen metres off; one visit in seven checked in 2.2 km away (flagged far on its record).
      const away = (i + k) % 7 === 5 ? 0.02 : 0.0003
      const location = { latitude: projectLocation(i).latitude + away, longitude: projectLocation(i).longitude, accuracy: 25 }
      await c.call(staff, 'visits', 'checkIn', { visitId: visit._id, location })
      await c.setClock(at + 90 * 60_000)
      await c.call(staff, 'visits', 'complete', {
        visitId: visit._id,
        clientRequestId: `seed_visit_${visit._id}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64),
        checkIn: location,
        attendees: [
          { name: staff === DEMO.staffA ? '李明' : '赵敏', side: 'government', title: '服务专员' },
          { name: '企业负责人', side: 'enterprise', title: '总经理' },
        ],
        minutes: MINUTES[(i + k) % MINUTES.length],
        photos: [],
        followUps: [],
      })
    }
  }
}
