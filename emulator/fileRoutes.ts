// The storage URLs the emulator hands out, both signed (storage/urlSigner.ts):
// PUT /cos/<path> (the SDK's upload, step 2) and GET /files/<path>?sign=…&t=… (temp URLs).
// Refusals answer as COS does: 403 with an XML <Error> (AccessDenied, SignatureDoesNotMatch,
// "Request has expired"), 404 NoSuchKey for a file that is gone.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendBytes } from './http'
import type { Services } from './services'
import type { Verdict } from './storage/urlSigner'

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  txt: 'text/plain; charset=utf-8', json: 'application/json', pdf: 'application/pdf',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

const COS_REFUSALS: Record<Exclude<Verdict, 'ok'>, { code: string; message: string }> = {
  unsigned: { code: 'AccessDenied', message: 'Access Denied.' },
  tampered: { code: 'SignatureDoesNotMatch', message: 'The Signature you specified is invalid.' },
  expired: { code: 'AccessDenied', message: 'Request has expired' },
}

export function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>`
  sendBytes(res, status, Buffer.from(xml), 'application/xml', { 'x-cos-request-id': 'local' })
}

export async function handleCosPut(s: Services, req: IncomingMessage, res: ServerResponse, rawPath: string) {
  const cloudPath = safeDecode(rawPath)
  const body = await readBody(req)
  if (!cloudPath) return cosError(res, 400, 'InvalidArgument', 'bad object key')
  const verdict = s.storage.verifyUpload(cloudPath, header(req, 'authorization'), header(req, 'x-cos-security-token'))
  if (verdict !== 'ok') return cosError(res, 403, COS_REFUSALS[verdict].code, COS_REFUSALS[verdict].message)
  s.storage.write(cloudPath, body)
  res.writeHead(200, { 'content-length': 0, etag: '"local"' })
  res.end()
}

export function handleFileGet(s: Services, res: ServerResponse, rawPath: string, url: URL) {
  // The SDK GETs encodeURI(tempFileURL), so a path may arrive encoded once or twice.
  const once = safeDecode(rawPath)
  const twice = once === undefined ? undefined : safeDecode(once)
  const candidates = [...new Set([once, twice].filter((p): p is string => !!p))]
  const sign = url.searchParams.get('sign')
  const t = url.searchParams.get('t')
  let verdict: Verdict = sign && t ? 'tampered' : 'unsigned'
  for (const cloudPath of candidates) {
    const seen = s.storage.verifyDownload(cloudPath, sign, t)
    if (seen === 'ok' || seen === 'expired') {
      verdict = seen
      if (seen === 'expired') break
      const bytes = s.storage.read(cloudPath)
      if (!bytes) return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.')
      const ext = cloudPath.split('.').pop()?.toLowerCase() ?? ''
      return sendBytes(res, 200, bytes, CONTENT_TYPES[ext] ?? 'application/octet-stream', { 'x-cos-request-id': 'local' })
    }
  }
  const refusal = COS_REFUSALS[verdict as Exclude<Verdict, 'ok'>]
  cosError(res, 403, refusal.code, refusal.message)
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}
