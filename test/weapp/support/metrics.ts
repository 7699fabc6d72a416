/**
 * What a page load costs on the weapp build: every setData the page received (bytes of its JSON),
 * split into the first render (from onLoad until the app first settles) and later updates; the
 * nodes rendered then; the cloud calls made meanwhile. The budget is checked in budget.ts.
 */
import type { Device } from './device'

export interface SetDataRecord {
  bytes: number
  keys: number
  /** The update as JSON: what crossed from the logic layer to the view. */
  json: string
}

export interface PageLoad {
  route: string
  query: Record<string, string>
  /** Every setData, in order. */
  readonly updates: SetDataRecord[]
  /** setData calls of the first render (until the first settle after onLoad). */
  firstRender: SetDataRecord[]
  /** Elements under the page root when the first render settled. */
  nodes: number
  /** Cloud function calls this page made (while on top) during its first render. */
  cloudCalls: number
  settled: boolean
  record(data: Record<string, unknown>): void
  settle(): void
}

export function newPageLoad(route: string, query: Record<string, string>, device: Device, root: () => HTMLElement): PageLoad {
  const callsAtStart = device.calls.length
  const load: PageLoad = {
    route,
    query,
    updates: [],
    firstRender: [],
    nodes: 0,
    cloudCalls: 0,
    settled: false,
    record(data) {
      const json = JSON.stringify(data) ?? ''
      load.updates.push({ bytes: Buffer.byteLength(json, 'utf8'), keys: Object.keys(data ?? {}).length, json })
    },
    settle() {
      load.settled = true
      load.firstRender = load.updates.slice()
      load.nodes = root().querySelectorAll('*').length
      load.cloudCalls = device.calls.slice(callsAtStart).filter((c) => c.api === 'cloud.callFunction' && c.page === route).length
    },
  }
  return load
}

export const totalBytes = (records: SetDataRecord[]): number => records.reduce((n, r) => n + r.bytes, 0)
