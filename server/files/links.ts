/**
 * Short-lived download links for files, issued by the functions (the only ones the storage rule
 * lets read). Views call this for exactly the files the caller may see, after deciding that.
 */
import { ATTACHMENT_LINK_SECONDS } from '../../src/domain/uploads'
import { getCloud } from '../runtime/cloud'

/** The platform resolves at most 50 ids per getTempFileURL call. */
const IDS_PER_CALL = 50
/** The platform's longest link life for a client (a day); ours are minutes. */
const MAX_LINK_SECONDS = 24 * 3600

/**
 * fileID → link, valid `maxAgeSeconds` (default ATTACHMENT_LINK_SECONDS, 10 minutes), in one
 * getTempFileURL call per 50 distinct ids (one call for any view). Files that no longer exist, and
 * ids that are not cloud files, are left out, so a view shows them as missing.
 *
 * @example const links = await linksFor(issue.photos) // { 'cloud://…/a.jpg': 'https://…/a.jpg?sign=…&t=…' }
 */
export async function linksFor(fileIds: readonly string[], maxAgeSeconds: number = ATTACHMENT_LINK_SECONDS): Promise<Record<string, string>> {
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 1 || maxAgeSeconds > MAX_LINK_SECONDS) {
    throw new Error(`maxAgeSeconds must be 1–${MAX_LINK_SECONDS}, got ${maxAgeSeconds}`)
  }
  const ids = [...new Set(fileIds.filter((id) => typeof id === 'string' && id.startsWith('cloud://')))]
  if (ids.length === 0) return {}
  const batches: string[][] = []
  for (let i = 0; i < ids.length; i += IDS_PER_CALL) batches.push(ids.slice(i, i + IDS_PER_CALL))
  const cloud = getCloud()
  const replies = await Promise.all(
    batches.map((batch) => cloud.getTempFileURL({ fileList: batch.map((fileID) => ({ fileID, maxAge: maxAgeSeconds })) })),
  )
  const links: Record<string, string> = {}
  for (const { fileList } of replies) {
    for (const file of fileList ?? []) if (file.status === 0 && file.tempFileURL) links[file.fileID] = file.tempFileURL
  }
  return links
}
