// Durability: an append-only journal (one line per committed batch, fsync'd before the reply)
// plus a snapshot written to a temp file, fsync'd and renamed. Replay = snapshot + journal lines after it.
import * as fs from 'fs'
import { join } from 'path'
import { Doc, decodeLine, encodeLine } from './codec'

export type Op =
  | { t: 'put'; c: string; doc: Doc }
  | { t: 'del'; c: string; id: any }
  | { t: 'create'; c: string }

export interface Loaded { seq: number; created: string[]; docs: Array<{ c: string; d: Doc }>; batches: Array<{ s: number; ops: Op[] }> }

const encodeOp = (op: Op) => (op.t === 'put' ? { p: op.c, d: op.doc } : op.t === 'del' ? { x: op.c, i: op.id } : { n: op.c })
const decodeOp = (o: any): Op => ('p' in o ? { t: 'put', c: o.p, doc: o.d } : 'x' in o ? { t: 'del', c: o.x, id: o.i } : { t: 'create', c: o.n })

export class Journal {
  private fd: number | null = null
  size = 0
  private readonly journalPath: string
  private readonly snapshotPath: string

  constructor(private dir: string, private log: (line: string) => void) {
    this.journalPath = join(dir, 'journal.jsonl')
    this.snapshotPath = join(dir, 'snapshot.jsonl')
  }

  /** Reads the snapshot and the journal; a torn (unterminated) last line is dropped and truncated away. */
  load(): Loaded {
    fs.mkdirSync(this.dir, { recursive: true })
    const out: Loaded = { seq: 0, created: [], docs: [], batches: [] }
    if (fs.existsSync(this.snapshotPath)) {
      const lines = fs.readFileSync(this.snapshotPath, 'utf8').split('\n')
      const header = JSON.parse(lines[0])
      out.seq = header.seq
      out.created = header.created ?? []
      for (let i = 1; i < lines.length; i++) if (lines[i]) out.docs.push(decodeLine(lines[i]))
    }
    let buf = fs.existsSync(this.journalPath) ? fs.readFileSync(this.journalPath) : Buffer.alloc(0)
    const end = buf.lastIndexOf(0x0a) + 1
    if (end < buf.length) {
      this.log(`[local cloud] database journal: ignoring a torn last line (${buf.length - end} bytes)`)
      fs.truncateSync(this.journalPath, end)
      buf = buf.subarray(0, end)
    }
    const lines = buf.toString('utf8').split('\n')
    for (const line of lines) {
      if (!line) continue
      let entry: any
      try { entry = decodeLine(line) } catch {
        this.log('[local cloud] database journal: skipping an unreadable line')
        continue
      }
      if (entry.s > out.seq) out.batches.push({ s: entry.s, ops: entry.o.map(decodeOp) })
    }
    this.fd = fs.openSync(this.journalPath, 'a')
    this.size = end
    return out
  }

  /** Appends one batch as one line and fsyncs: returns only once the batch is durable. */
  append(seq: number, ops: Op[]) {
    if (this.fd === null) throw new Error('journal is not open')
    const line = encodeLine({ s: seq, o: ops.map(encodeOp) }) + '\n'
    const bytes = Buffer.from(line, 'utf8')
    try {
      let off = 0
      while (off < bytes.length) off += fs.writeSync(this.fd, bytes, off, bytes.length - off)
      fs.fsyncSync(this.fd)
    } catch (e) {
      try { fs.ftruncateSync(this.fd, this.size) } catch { /* the torn tail is dropped on the next start */ }
      throw e
    }
    this.size += bytes.length
  }

  /** Writes every document as of `seq` to a new snapshot, then empties the journal. */
  snapshot(seq: number, created: string[], docs: Iterable<{ c: string; d: Doc }>) {
    const tmp = this.snapshotPath + '.tmp'
    const fd = fs.openSync(tmp, 'w')
    try {
      const chunk: string[] = [JSON.stringify({ seq, created })]
      const flush = () => { fs.writeSync(fd, chunk.join('\n') + '\n'); chunk.length = 0 }
      for (const entry of docs) { chunk.push(encodeLine(entry)); if (chunk.length >= 1000) flush() }
      flush()
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
    fs.renameSync(tmp, this.snapshotPath)
    this.syncDir()
    if (this.fd !== null) {
      fs.ftruncateSync(this.fd, 0)
      fs.fsyncSync(this.fd)
    }
    this.size = 0
  }

  /** Drops everything on disk (reset). */
  clear() {
    if (fs.existsSync(this.snapshotPath)) fs.unlinkSync(this.snapshotPath)
    if (this.fd !== null) { fs.ftruncateSync(this.fd, 0); fs.fsyncSync(this.fd) }
    this.syncDir()
    this.size = 0
  }

  close() {
    if (this.fd !== null) { fs.closeSync(this.fd); this.fd = null }
  }

  private syncDir() {
    try { const d = fs.openSync(this.dir, 'r'); fs.fsyncSync(d); fs.closeSync(d) } catch { /* not supported everywhere */ }
  }
}
