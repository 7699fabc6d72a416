// The storage URLs the emulator hands out: PUT /cos/<path> (upload), GET /files/<path> (download).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody, sendBytes } from './http'
import type { Services } from './services'

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp',
  txt: 'text/plain; charset=utf-8', json: 'application/json', pdf: 'application/pdf',
}

export async function handleCosPut(s: Services, req: IncomingMessage, res: ServerResponse, rawPath: string) {
  const cloudPath = safeDecode(rawPath)
  const body = await readBody(req)
  const fileID = cloudPath ? s.storage.write(cloudPath, body) : undefined
  if (!fileID) {
    const xml = '<Error><Code>InvalidArgument</Code><Message>bad object key</Message><RequestId>local</RequestId><TraceId>local</TraceId></Error>'
    return sendBytes(res, 400, Buffer.from(xml), 'application/xml')
  }
  res.writeHead(200, { 'content-length': 0, etag: '"local"' })
  res.end()
}

export function handleFileGet(s: Services, res: ServerResponse, rawPath: string) {
  // The SDK GETs encodeURI(tempFileURL), so a path may arrive encoded once or twice.
  const once = safeDecode(rawPath)
  const twice = once === undefined ? undefined : safeDecode(once)
  const candidates = [once, twice].filter((p): p is string => !!p)
  for (const cloudPath of candidates) {
    const bytes = s.storage.read(cloudPath)
    if (bytes) {
      const ext = cloudPath.split('.').pop()?.toLowerCase() ?? ''
      return sendBytes(res, 200, bytes, CONTENT_TYPES[ext] ?? 'application/octet-stream', { 'x-cos-request-id': 'local' })
    }
  }
  sendBytes(res, 404, Buffer.from('<Error><Code>NoSuchKey</Code></Error>'), 'application/xml', { 'x-cos-request-id': 'local' })
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}
