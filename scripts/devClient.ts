/**
 * A small client for the local cloud's dev endpoints and for calling the product's functions as
 * a given user — what the demo seed and the weapp and browser tests share. Dev only. It knows the
 * product (its functions' envelope, the issue step), so it lives beside the scripts, not in the
 * emulator, which never imports the product.
 */
import { randomUUID } from 'node:crypto'
import { unwrap } from '../src/domain/contract/envelope'

export class LocalCloudClient {
  constructor(readonly url: string) {}

  async json(pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<any> {
    const res = await fetch(`${this.url}${pathname}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${pathname}: HTTP ${res.status} ${text.slice(0, 200)}`)
    return text ? JSON.parse(text) : undefined
  }

  /** Calls a product function as `openid`; returns `data` or throws the refusal (an Error with its code, details). */
  async call<T = any>(openid: string | undefined, fn: string, action: string, input: unknown = {}, extra: Record<string, unknown> = {}): Promise<T> {
    const body = await this.json(`/functions/${fn}`, { body: { event: { action, input, ...extra } }, headers: openid ? { 'x-wx-openid': openid } : {} })
    if (body.errCode !== undefined) throw Object.assign(new Error(`${fn}.${action}: ${body.errCode} ${body.errMsg}`), { code: 'CLOUD_ERROR' })
    return unwrap<T>(body.result, `${fn}.${action}`)
  }

  /**
   * One lifecycle step as the mini-program takes it: on the version the actor just read, with a
   * fresh request id. Returns the issue detail the step answers with.
   */
  async step<T = any>(openid: string, issueId: string, command: Record<string, unknown>): Promise<T> {
    const seen = await this.call<{ issue: { version: number } }>(openid, 'issues', 'get', { issueId })
    const clientRequestId = `dev_${randomUUID().replace(/-/g, '').slice(0, 24)}`
    return this.call<T>(openid, 'issues', 'act', { issueId, expectedVersion: seen.issue.version, clientRequestId, command })
  }

  /** The local cloud's time (epoch ms). */
  async now(): Promise<number> {
    return (await this.json('/dev/clock')).now
  }

  setClock(now: number): Promise<unknown> {
    return this.json('/dev/clock', { body: { now } })
  }

  resetClock(): Promise<unknown> {
    return this.json('/dev/clock', { body: { reset: true } })
  }

  async newGroup(name: string): Promise<string> {
    return (await this.json('/dev/groups', { body: { name } })).openGId
  }

  async groupCloudId(openGId: string): Promise<{ $cloudID: string }> {
    return { $cloudID: (await this.json(`/dev/groups/${openGId}/cloudid`, { method: 'POST' })).cloudID }
  }

  fireTimer(fn: string, time?: number): Promise<any> {
    return this.json(`/dev/timers/${fn}`, { body: time === undefined ? {} : { time: new Date(time).toISOString() } })
  }

  grantSubscriptions(openid: string, templateIds: string[], count = 5): Promise<unknown> {
    return this.json('/dev/subscriptions', { body: { openid, templateIds, count } })
  }
}
