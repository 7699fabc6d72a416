/**
 * The entry of the test-only `filesProbe` cloud function (bundled by filesProbe.ts): server/files as
 * the product runs it — bundled, in the local cloud, with the real wx-server-sdk and the caller's
 * OPENID from WeChat's context.
 */
import { checkAttachments, linksFor } from '../../../server/files'
import { wxContext } from '../../../server/runtime/cloud'
import { isAppError } from '../../../src/domain/errors'

export interface ProbeEvent { op: 'check' | 'links'; fileIds: string[]; kind?: 'photos' | 'materials'; maxAgeSeconds?: number }

export async function main(event: ProbeEvent) {
  try {
    if (event.op === 'check') return { ok: true, data: checkAttachments(event.fileIds, wxContext().OPENID ?? '', event.kind ?? 'photos') }
    return { ok: true, data: await linksFor(event.fileIds, event.maxAgeSeconds) }
  } catch (e) {
    if (isAppError(e)) return { ok: false, error: e.toJSON() }
    return { ok: false, error: { code: 'INTERNAL', message: String((e as Error)?.message ?? e) } }
  }
}
