import { deflateRawSync } from 'zlib'

/** One file inside the archive; `name` uses forward slashes, no leading slash. */
export interface ZipEntry {
  name: string
  data: Buffer
}

export interface ZipOptions {
  /** Modification time stamped on every entry (DOS resolution: 2 s, years 1980–2107). Defaults to now. */
  mtime?: Date
  /** Largest size/offset the archive may reach; the classic (non-ZIP64) format caps it at 0xFFFFFFFF. */
  limit?: number
}

const ZIP32_MAX = 0xffffffff

const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

/** CRC-32 (IEEE 802.3, the one ZIP uses) as an unsigned 32-bit number. Strings are hashed as UTF-8. */
export function crc32(input: Buffer | Uint8Array | string): number {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input
  let crc = 0xffffffff
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107)
  const time = (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1)
  const date = ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
  return { time, date }
}

function tooBig(what: string, limit: number): Error {
  return new Error(`zip: ${what} exceeds ${limit} bytes; ZIP64 is not supported`)
}

/**
 * A ZIP archive of the entries: deflated (method 8), or stored (method 0) when deflating does not shrink the data.
 * Local file headers, then the central directory, then the end-of-central-directory record. No ZIP64:
 * an archive that would reach 4 GB (or `limit`) is refused with an Error.
 */
export function zipFiles(entries: ZipEntry[], options: ZipOptions = {}): Buffer {
  const limit = Math.min(options.limit ?? ZIP32_MAX, ZIP32_MAX)
  if (entries.length > 0xffff) throw new Error('zip: more than 65535 entries needs ZIP64')
  const { time, date } = dosDateTime(options.mtime ?? new Date())
  const seen = new Set<string>()
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0

  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    if (!entry.name || name.length > 0xffff || entry.name.startsWith('/')) throw new Error(`zip: bad entry name ${JSON.stringify(entry.name)}`)
    if (seen.has(entry.name)) throw new Error(`zip: duplicate entry ${entry.name}`)
    seen.add(entry.name)
    if (entry.data.length >= limit) throw tooBig(`entry ${entry.name}`, limit)

    const deflated = deflateRawSync(entry.data)
    const stored = deflated.length >= entry.data.length
    const body = stored ? entry.data : deflated
    const method = stored ? 0 : 8
    const crc = crc32(entry.data)
    const flags = 0x0800 // names are UTF-8

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
    local.writeUInt16LE(flags, 6)
    local.writeUInt16LE(method, 8)
    local.writeUInt16LE(time, 10)
    local.writeUInt16LE(date, 12)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(body.length, 18)
    local.writeUInt32LE(entry.data.length, 22)
    local.writeUInt16LE(name.length, 26)
    local.writeUInt16LE(0, 28) // extra field length

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4) // version made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(flags, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt16LE(time, 12)
    central.writeUInt16LE(date, 14)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(body.length, 20)
    central.writeUInt32LE(entry.data.length, 24)
    central.writeUInt16LE(name.length, 28)
    // extra, comment, disk start, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42)

    offset += local.length + name.length + body.length
    if (offset >= limit) throw tooBig('archive', limit)
    locals.push(local, name, body)
    centrals.push(central, name)
  }

  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8) // entries on this disk
  end.writeUInt16LE(entries.length, 10) // entries in total
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16) // where the central directory starts
  if (offset + directory.length + end.length >= limit) throw tooBig('archive', limit)
  return Buffer.concat([...locals, directory, end])
}
