// Small helpers over node:http shared by the routes.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const MAX_BODY_BYTES = 64 * 1024 * 1024

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly code = 'BAD_REQUEST') {
    super(message)
  }
}

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        reject(new HttpError(413, 'request body too large'))
        req.destroy()
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Reads a body of any length without keeping more than `cap` bytes: the full `size` is counted
 * (so an oversize upload can be refused with a proper reply instead of a reset connection).
 */
export function readBodyCapped(req: IncomingMessage, cap: number): Promise<{ bytes: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let kept = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (kept < cap) {
        const part = chunk.subarray(0, cap - kept)
        chunks.push(part)
        kept += part.length
      }
    })
    req.on('end', () => resolve({ bytes: Buffer.concat(chunks), size }))
    req.on('error', reject)
  })
}

/** Parses a JSON body; an empty body is `{}`. Throws HttpError(400) on bad JSON. */
export function parseJson(body: Buffer): any {
  const text = body.toString('utf8').trim()
  if (!text) return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'request body is not valid JSON')
  }
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value))
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length, ...headers })
  res.end(body)
}

export function sendBytes(res: ServerResponse, status: number, body: Buffer, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': body.length, ...headers })
  res.end(body)
}

export const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'content-type, x-wx-openid, x-wx-unionid',
  'access-control-expose-headers': 'x-local-cloud-stats',
  'access-control-max-age': '600',
}

export function applyCors(res: ServerResponse): void {
  for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v)
}
