/**
 * Which files a record may cite. An issue, a visit, an answer or the enterprise's materials may
 * refer only to files its caller uploaded under `uploads/<callerOpenid>/`, of the types the kind
 * allows — whatever the storage rule let through. That is what keeps one user from attaching
 * another user's file (whose id they learned) to a record they can show, and it is the check the
 * real cloud's storage rule cannot express (see database/storage-rules.json).
 *
 * Check only the ids an action adds: files already on a record were checked when they were added,
 * possibly for someone else.
 */
import { AppError } from '../../src/domain/errors'
import {
  type AttachmentKind,
  EXTENSIONS_BY_KIND,
  OPENID_IN_PATH,
  cloudPathOfFileId,
  parseUploadPath,
  uploadPrefixOf,
} from '../../src/domain/uploads'

export const ATTACHMENT_REFUSED: Record<AttachmentKind, string> = {
  photos: '附件不属于您或格式不支持：只能使用您本人上传的 jpg、jpeg、png、webp 照片',
  materials: '附件不属于您或格式不支持：只能使用您本人上传的照片或 pdf、doc、docx、xls、xlsx 文件',
}

/** Is `fileID` the caller's own upload of a type `kind` allows? */
export function isOwnAttachment(fileID: unknown, callerOpenid: string, kind: AttachmentKind): boolean {
  if (typeof fileID !== 'string' || !OPENID_IN_PATH.test(callerOpenid)) return false
  const cloudPath = cloudPathOfFileId(fileID)
  if (!cloudPath || !cloudPath.startsWith(uploadPrefixOf(callerOpenid))) return false
  const parts = parseUploadPath(cloudPath)
  return !!parts && parts.openid === callerOpenid && EXTENSIONS_BY_KIND[kind].includes(parts.extension)
}

/**
 * The ids, each once and in order, when every one is the caller's own upload of an allowed type;
 * otherwise INVALID_INPUT「附件不属于您或格式不支持…」with the refused ids in `details.fileIds`.
 *
 * @example checkAttachments(['cloud://env.bucket/uploads/oABC/issues/202611/Xy…9.jpg'], 'oABC', 'photos') // → [that id]
 */
export function checkAttachments(fileIds: readonly string[], callerOpenid: string, kind: AttachmentKind): string[] {
  const refused = fileIds.filter((id) => !isOwnAttachment(id, callerOpenid, kind))
  if (refused.length) throw new AppError('INVALID_INPUT', ATTACHMENT_REFUSED[kind], { fileIds: refused })
  return [...new Set(fileIds)]
}
