import type { WorkCalendar } from '../../src/domain/calendar/workCalendar'
import { type BulletinPeriod, bulletinKeyAt, bulletinPeriod, bulletinTitle, firstWorkingDayOfMonth } from '../../src/domain/bulletin'
import { links } from '../../src/domain/links'
import { shanghaiHour, ymdOf } from '../../src/domain/time'
import { bulletinDocx } from '../bulletin/docx'
import { loadBulletin } from '../bulletin/load'
import { storePrepared } from '../bulletin/store'
import { markBulletinNotified, preparedBulletin } from '../repo/bulletins'
import { type Message, sendMessages } from '../notify/send'
import { configuredManagers } from '../runtime/caller'
import { managerIds } from '../repo/users'

export const BULLETIN_HOUR = 8

export interface BulletinJobReport {
  key?: string
  prepared?: boolean
  notified?: number
  skipped?: 'not_yet' | 'done'
}

/** The month's first working day, from 08:00 (like the reminders); other days the page writes a bulletin on demand. */
export function isBulletinTime(calendar: WorkCalendar, now: number): boolean {
  const day = ymdOf(now)
  return day === firstWorkingDayOfMonth(calendar, day.slice(0, 7)) && shanghaiHour(now) >= BULLETIN_HOUR
}

async function managerOpenids(): Promise<string[]> {
  return [...new Set([...(await managerIds()), ...configuredManagers()])].sort()
}

/**
 * Last month's 通报, prepared once: on the month's first working day from 08:00 the job computes it,
 * stores its .docx (`bulletins` record `_id` = '2026-11') and tells every manager it is ready (one
 * subscribe message each, record id `bulletin_<key>_<openid>`, opening the bulletin page). The record
 * makes a second run do nothing; a run that crashed after storing sends only the messages not on record.
 */
export async function monthlyBulletin(calendar: WorkCalendar, now: number): Promise<BulletinJobReport> {
  if (!isBulletinTime(calendar, now)) return { skipped: 'not_yet' }
  const key = bulletinKeyAt('month', now, 1)
  const period = bulletinPeriod(key) as BulletinPeriod
  const record = await preparedBulletin(key)
  if (record?.notifiedAt !== undefined) return { key, skipped: 'done' }
  const prepared = !record
  if (!record) await storePrepared(key, await bulletinDocx(await loadBulletin(period, now)), now)
  const messages: Message[] = (await managerOpenids()).map((touser) => ({
    id: `bulletin_${key}_${touser}`,
    touser,
    key: 'digest',
    page: links.bulletin({ period: key, from: 'bulletin_ready' }),
    fields: { title: bulletinTitle(period), state: '已生成', note: `${period.label}通报已生成，请查阅`, at: now },
    cause: `bulletin:${key}`,
  }))
  const results = await sendMessages(messages, now)
  if (results.length === 0 || results.some((r) => r.outcome !== 'failed')) await markBulletinNotified(key, now)
  return { key, prepared, notified: messages.length }
}
