/** Files stay private: which files a record may cite, links issued by the functions, exports that expire. */
export { checkAttachments } from './attachments'
export { linksFor } from './links'
