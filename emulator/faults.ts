// Planned faults: a function instance dies at an exact point of its work, as a real one does when
// it runs out of memory or its host goes away. The database and storage live on (they are separate
// services in the cloud); only the invocation and its unanswered request are lost.

export interface FaultSpec {
  /** Only requests sent by this function (default: any function). */
  function?: string
  /** The admin action the request carries: 'database.insertDocument', 'wx.openApi', … */
  action: string
  /** Database requests: the collection. */
  collection?: string
  /** Open-API requests: the API, e.g. 'subscribeMessage.send'. */
  api?: string
  /** true: only work the function marked as done after its reply (`-after` in TCB_SEQID); false: only before. */
  afterReply?: boolean
  /** Let this many matching requests through first. */
  skip?: number
}

export interface ArmedFault extends FaultSpec { id: number; seen: number; fired: boolean }

/** What the local cloud knows of a request when it arrives. */
export interface RequestFacts { fn?: string; action: string; collection?: string; api?: string; seqId?: string }

export class Faults {
  private armed: ArmedFault[] = []
  private nextId = 1

  arm(spec: FaultSpec): ArmedFault {
    const fault: ArmedFault = { ...spec, id: this.nextId++, seen: 0, fired: false }
    this.armed.push(fault)
    return fault
  }

  list(): ArmedFault[] {
    return this.armed.map((f) => ({ ...f }))
  }

  clear(): void {
    this.armed = []
  }

  /** Whether this request trips a fault; each fault fires once. Only requests from a function qualify. */
  trip(r: RequestFacts): ArmedFault | undefined {
    if (!r.fn) return undefined
    const after = (r.seqId ?? '').includes('-after-')
    for (const f of this.armed) {
      if (f.fired || f.action !== r.action) continue
      if (f.function !== undefined && f.function !== r.fn) continue
      if (f.collection !== undefined && f.collection !== r.collection) continue
      if (f.api !== undefined && f.api !== r.api) continue
      if (f.afterReply !== undefined && f.afterReply !== after) continue
      if (f.seen++ < (f.skip ?? 0)) continue
      f.fired = true
      return f
    }
    return undefined
  }
}

/** Validates a POST /dev/faults body; a message for what is wrong. */
export function parseFaultSpec(body: any): FaultSpec | string {
  if (!body || typeof body !== 'object') return 'body must be an object'
  if (typeof body.action !== 'string' || !body.action) return 'action is required (e.g. "database.insertDocument", "wx.openApi")'
  for (const k of ['function', 'collection', 'api'] as const) if (body[k] !== undefined && typeof body[k] !== 'string') return `${k} must be a string`
  if (body.afterReply !== undefined && typeof body.afterReply !== 'boolean') return 'afterReply must be a boolean'
  if (body.skip !== undefined && !(Number.isInteger(body.skip) && body.skip >= 0)) return 'skip must be a whole number ≥ 0'
  const known = new Set(['function', 'action', 'collection', 'api', 'afterReply', 'skip'])
  const extra = Object.keys(body).find((k) => !known.has(k))
  if (extra) return `unknown field ${extra}`
  return body as FaultSpec
}
