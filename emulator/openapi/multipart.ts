// multipart/form-data parser that keeps every part as raw bytes.
// Text-decoding parts without a filename (what busboy does) corrupts the protobuf
// in `requestData`, so the caller decides per field how to read it.

export interface MultipartPart {
  name: string
  filename?: string
  contentType?: string
  data: Buffer
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '')
  return match ? (match[1] ?? match[2]).trim() : undefined
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`)
  const parts: MultipartPart[] = []
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    const afterDelimiter = start + delimiter.length
    if (body.slice(afterDelimiter, afterDelimiter + 2).toString() === '--') break
    const headerStart = afterDelimiter + 2 // skip CRLF
    const headerEnd = body.indexOf('\r\n\r\n', headerStart)
    if (headerEnd === -1) break
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headerEnd + 4)
    if (next === -1) break
    const headers = parseHeaders(body.slice(headerStart, headerEnd).toString('utf8'))
    const disposition = headers['content-disposition'] ?? ''
    const name = /\bname="([^"]*)"/i.exec(disposition)?.[1]
    if (name !== undefined) {
      const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1]
      parts.push({ name, filename, contentType: headers['content-type'], data: body.slice(headerEnd + 4, next) })
    }
    start = next + 2
  }
  return parts
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  return headers
}

/** Multipart fields as an object: text for ordinary fields, Buffers for the named binary ones. */
export function multipartFields(parts: MultipartPart[], binaryFields: string[]): Record<string, string | Buffer> {
  const fields: Record<string, string | Buffer> = {}
  for (const part of parts) {
    fields[part.name] = binaryFields.includes(part.name) ? part.data : part.data.toString('utf8')
  }
  return fields
}
