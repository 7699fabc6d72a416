/** Files stay private: which files a record may cite, links issued by the functions, exports that expire. */
export { ATTACHMENT_REFUSED, checkAttachments, isOwnAttachment } from './attachments'
export { linksFor } from './links'
export { deleteExpiredExports, newExportName, saveExport } from './exports'
