/**
 * The setData budget of a page load on the weapp build: the first render (from onLoad until the
 * page settles) makes at most 4 setData calls carrying at most 64 KB together, and no update,
 * first or later, carries more than 64 KB. WeChat's audit flags a single setData over 256 KB; we
 * aim lower. Timings are never budgeted (they vary by machine); counts and bytes are.
 */
import { type PageLoad, totalBytes } from './metrics'

export const BUDGET = { firstRenderCalls: 4, firstRenderBytes: 64 * 1024, updateBytes: 64 * 1024 } as const

export interface PageCost {
  page: string
  persona: string
  setDataCalls: number
  firstRenderBytes: number
  largestUpdateBytes: number
  totalBytes: number
  laterUpdates: number
  nodes: number
  cloudCalls: number
}

export function costOf(load: PageLoad, persona: string): PageCost {
  return {
    page: load.route,
    persona,
    setDataCalls: load.firstRender.length,
    firstRenderBytes: totalBytes(load.firstRender),
    largestUpdateBytes: Math.max(0, ...load.updates.map((u) => u.bytes)),
    totalBytes: totalBytes(load.updates),
    laterUpdates: load.updates.length - load.firstRender.length,
    nodes: load.nodes,
    cloudCalls: load.cloudCalls,
  }
}

/** What breaks the budget, in words (empty when within it). */
export function overBudget(c: PageCost): string[] {
  const out: string[] = []
  if (c.setDataCalls > BUDGET.firstRenderCalls) out.push(`${c.page}: first render made ${c.setDataCalls} setData calls (budget ${BUDGET.firstRenderCalls})`)
  if (c.firstRenderBytes > BUDGET.firstRenderBytes) out.push(`${c.page}: first render sent ${c.firstRenderBytes} B (budget ${BUDGET.firstRenderBytes} B)`)
  if (c.largestUpdateBytes > BUDGET.updateBytes) out.push(`${c.page}: one setData sent ${c.largestUpdateBytes} B (budget ${BUDGET.updateBytes} B)`)
  return out
}

export function costTable(rows: PageCost[]): string {
  const head = ['page', 'setData', 'first KB', 'largest KB', 'total KB', 'nodes', 'cloud calls', 'persona']
  const kb = (b: number) => (b / 1024).toFixed(1)
  const body = rows.map((r) => [r.page, String(r.setDataCalls), kb(r.firstRenderBytes), kb(r.largestUpdateBytes), kb(r.totalBytes), String(r.nodes), String(r.cloudCalls), r.persona])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)))
  return [head, ...body].map((row) => row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')).join('\n')
}
