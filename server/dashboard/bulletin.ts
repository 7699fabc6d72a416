import type * as v from 'valibot'
import { requireRole } from '../runtime/guards'
import { type BulletinPeriod, bulletinKeyAt, bulletinPeriod } from '../../src/domain/bulletin'
import type { BulletinView } from '../../src/domain/contract/dashboard'
import { AppError } from '../../src/domain/errors'
import type { bulletinInput } from '../../src/domain/schemas/dashboard'
import { EXPORT_LINK_SECONDS } from '../../src/domain/uploads'
import { bulletinDocx } from '../bulletin/docx'
import { loadBulletin } from '../bulletin/load'
import { saveExport } from '../files/exports'
import { linksFor } from '../files/links'
import { preparedBulletin } from '../repo/bulletins'
import type { ActionContext } from '../runtime/entry'

/**
 * The 通报 of a month or a quarter, computed now from the same pure functions as the dashboard; with
 * the link to the document the monthly job prepared for it, if any, and — when asked — these figures
 * as a fresh .docx, stored like an export.
 */
export async function bulletin(input: v.InferOutput<typeof bulletinInput>, ctx: ActionContext): Promise<BulletinView> {
  requireRole(ctx.caller, 'dashboard.bulletin')
  const key = typeof input.period === 'string' ? input.period : bulletinKeyAt(input.period.kind, ctx.now, input.period.previous ? 1 : 0)
  const period = bulletinPeriod(key) as BulletinPeriod
  if (period.from >= ctx.now) throw new AppError('INVALID_INPUT', '该期间尚未开始')
  const [b, prepared] = await Promise.all([loadBulletin(period, ctx.now), preparedBulletin(key)])
  const view: BulletinView = { ...b }
  if (prepared) {
    const links = await linksFor([prepared.fileID], EXPORT_LINK_SECONDS)
    if (links[prepared.fileID]) view.prepared = { at: prepared.createdAt, tempFileURL: links[prepared.fileID], bytes: prepared.bytes }
  }
  if (input.document) {
    const file = await bulletinDocx(b)
    view.document = { ...(await saveExport(file, ctx.now, ctx.openid, 'docx')), bytes: file.length }
  }
  return view
}
