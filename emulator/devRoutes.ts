// Dev-only routes: what the H5 app, tests and benchmarks use instead of WeChat itself.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError, parseJson, readBody, readBodyCapped, sendBytes, sendJson } from './http'
import type { Services } from './services'
import type { InvocationReport } from './functions/functionsService'
import { replaceCloudIds } from './functions/cloudIdEvent'
import { APPID } from './env'
import { STORAGE_DENIED_ERRCODE } from './storage/storageRules'
import { EJSON } from 'bson'
import { parseFaultSpec } from './faults'
import { restoreSnapshot, takeSnapshot } from './snapshot'

type Handler = (s: Services, req: IncomingMessage, res: ServerResponse, url: URL, params: string[]) => Promise<void> | void

interface Route { method: string; pattern: RegExp; handler: Handler }

const routes: Route[] = [
  { method: 'POST', pattern: /^\/functions\/([^/]+)$/, handler: invokeFromClient },
  { method: 'POST', pattern: /^\/dev\/timers\/([^/]+)$/, handler: fireTimer },
  { method: 'GET', pattern: /^\/dev\/clock$/, handler: (s, _q, res) => sendJson(res, 200, s.clock.describe()) },
  { method: 'POST', pattern: /^\/dev\/clock$/, handler: setClock },
  { method: 'GET', pattern: /^\/dev\/outbox$/, handler: (s, _q, res) => sendJson(res, 200, { messages: s.openapi.outbox.list() }) },
  { method: 'DELETE', pattern: /^\/dev\/outbox$/, handler: (s, _q, res) => { s.openapi.outbox.clear(); sendJson(res, 200, { ok: true }) } },
  { method: 'GET', pattern: /^\/dev\/subscriptions$/, handler: listSubscriptions },
  { method: 'POST', pattern: /^\/dev\/subscriptions$/, handler: grantSubscriptions },
  { method: 'GET', pattern: /^\/dev\/groups$/, handler: (s, _q, res) => sendJson(res, 200, { groups: s.openapi.groups.list() }) },
  { method: 'POST', pattern: /^\/dev\/groups$/, handler: createGroup },
  { method: 'POST', pattern: /^\/dev\/groups\/([^/]+)\/cloudid$/, handler: issueCloudId },
  { method: 'POST', pattern: /^\/dev\/upload$/, handler: clientUpload },
  { method: 'POST', pattern: /^\/dev\/temp-file-urls$/, handler: clientTempFileUrls },
  { method: 'GET', pattern: /^\/dev\/metrics$/, handler: metrics },
  { method: 'GET', pattern: /^\/dev\/db\/([^/]+)$/, handler: dumpCollection },
  { method: 'POST', pattern: /^\/dev\/reset$/, handler: reset },
  { method: 'GET', pattern: /^\/dev\/faults$/, handler: (s, _q, res) => sendJson(res, 200, { faults: s.faults.list() }) },
  { method: 'POST', pattern: /^\/dev\/faults$/, handler: armFault },
  { method: 'DELETE', pattern: /^\/dev\/faults$/, handler: (s, _q, res) => { s.faults.clear(); sendJson(res, 200, { ok: true }) } },
  { method: 'POST', pattern: /^\/dev\/snapshot$/, handler: (s, _q, res) => sendJson(res, 200, takeSnapshot(s)) },
  { method: 'POST', pattern: /^\/dev\/restore$/, handler: restore },
  { method: 'POST', pattern: /^\/dev\/import\/([^/]+)$/, handler: importDocuments },
]

export function matchDevRoute(method: string, pathname: string): { handler: Handler; params: string[] } | undefined {
  for (const route of routes) {
    const match = route.method === method ? route.pattern.exec(pathname) : null
    if (match) return { handler: route.handler, params: match.slice(1).map(decodeParam) }
  }
  return undefined
}

async function invokeFromClient(s: Services, req: IncomingMessage, res: ServerResponse, _url: URL, [name]: string[]) {
  const body = parseJson(await readBody(req))
  const openid = headerValue(req, 'x-wx-openid')
  const rawEvent = body.event ?? {}
  const event = replaceCloudIds(rawEvent, (id) => s.openapi.resolveCloudId(id))
  // The cloud adds the (deprecated) userInfo to events from the mini-program.
  const withUser = openid && isPlainObject(event) ? { ...event, userInfo: { appId: APPID, openId: openid } } : event
  const report = await s.functions.invoke(name, withUser, {
    source: 'wx_client',
    openid,
    unionid: headerValue(req, 'x-wx-unionid'),
    clientIp: '127.0.0.1',
  })
  sendInvocation(res, report)
}

async function fireTimer(s: Services, req: IncomingMessage, res: ServerResponse, _url: URL, [name]: string[]) {
  const body = parseJson(await readBody(req))
  if (body.time !== undefined && Number.isNaN(Date.parse(body.time))) throw new HttpError(400, 'time must be an ISO date')
  // A function trusts its own clock, never the event's Time: to fire "at" an instant, move the clock there.
  if (body.time !== undefined) s.clock.setNow(Date.parse(body.time))
  const report = await s.functions.fireTimer(name)
  if (!report) return sendJson(res, 404, { errCode: -1, errMsg: `function ${name} has no timer trigger` })
  sendInvocation(res, report)
}

function sendInvocation(res: ServerResponse, report: InvocationReport) {
  const { outcome, stats, requestId } = report
  const headers = { 'x-local-cloud-stats': JSON.stringify(stats), 'x-request-id': requestId }
  const body = outcome.ok
    ? `{"result":${outcome.resultJson},"requestId":${JSON.stringify(requestId)}}`
    : JSON.stringify({ errCode: outcome.errCode, errMsg: outcome.errMsg, requestId })
  sendBytes(res, 200, Buffer.from(body), 'application/json', headers)
}

async function setClock(s: Services, req: IncomingMessage, res: ServerResponse) {
  const body = parseJson(await readBody(req))
  if (body.reset === true) s.clock.reset()
  else if (typeof body.now === 'number' && Number.isFinite(body.now)) s.clock.setNow(body.now)
  else if (typeof body.now === 'string' && !Number.isNaN(Date.parse(body.now))) s.clock.setNow(Date.parse(body.now))
  else if (typeof body.offsetMs === 'number' && Number.isFinite(body.offsetMs)) s.clock.setOffset(body.offsetMs)
  else if (typeof body.advanceMs === 'number' && Number.isFinite(body.advanceMs)) s.clock.advance(body.advanceMs)
  else throw new HttpError(400, 'send {"now": epochMs|ISO} or {"offsetMs": n} or {"advanceMs": n} or {"reset": true}')
  sendJson(res, 200, s.clock.describe())
}

function listSubscriptions(s: Services, _req: IncomingMessage, res: ServerResponse, url: URL) {
  const openid = url.searchParams.get('openid')
  if (!openid) throw new HttpError(400, 'openid query parameter is required')
  const remaining = s.openapi.subscriptions.remaining(openid)
  // Infinity is not JSON: long-term templates are reported as -1 (never runs out).
  const shown = Object.fromEntries(Object.entries(remaining).map(([k, v]) => [k, Number.isFinite(v) ? v : -1]))
  sendJson(res, 200, { openid, remaining: shown, longTerm: s.openapi.subscriptions.longTermTemplates })
}

async function grantSubscriptions(s: Services, req: IncomingMessage, res: ServerResponse) {
  const { openid, templateIds, count } = parseJson(await readBody(req))
  if (typeof openid !== 'string' || !openid) throw new HttpError(400, 'openid is required')
  if (!Array.isArray(templateIds) || !templateIds.every((t) => typeof t === 'string' && t)) {
    throw new HttpError(400, 'templateIds must be a non-empty array of strings')
  }
  const times = count === undefined ? 1 : Number(count)
  if (!Number.isInteger(times) || times < 1) throw new HttpError(400, 'count must be a positive integer')
  s.openapi.subscriptions.grant(openid, templateIds, times)
  listSubscriptions(s, req, res, new URL(`http://x/?openid=${encodeURIComponent(openid)}`))
}

async function createGroup(s: Services, req: IncomingMessage, res: ServerResponse) {
  const { name } = parseJson(await readBody(req))
  sendJson(res, 200, s.openapi.groups.createGroup(typeof name === 'string' ? name : undefined))
}

function issueCloudId(s: Services, _req: IncomingMessage, res: ServerResponse, _url: URL, [openGId]: string[]) {
  const cloudID = s.openapi.groups.issueCloudId(openGId)
  if (!cloudID) return sendJson(res, 404, { errCode: -1, errMsg: `no group ${openGId}` })
  sendJson(res, 200, { cloudID })
}

/**
 * The client upload door: what wx.cloud.uploadFile from the mini-program reaches (the H5 build
 * calls it directly). The caller is the x-wx-openid header, as on /functions/<name>; the storage
 * rules apply. Refusals: HTTP 403 { errCode: -503002, errMsg, code: 'STORAGE_EXCEED_AUTHORITY' }.
 */
async function clientUpload(s: Services, req: IncomingMessage, res: ServerResponse, url: URL) {
  const cloudPath = url.searchParams.get('cloudPath') ?? ''
  const { bytes, size } = await readBodyCapped(req, s.storage.rules.maxBytes)
  const outcome = s.storage.clientUpload(headerValue(req, 'x-wx-openid'), cloudPath, bytes, size)
  if ('fileID' in outcome) return sendJson(res, 200, { fileID: outcome.fileID, statusCode: 200, errMsg: 'uploadFile:ok' })
  sendJson(res, 403, { errCode: STORAGE_DENIED_ERRCODE, errMsg: `uploadFile:fail ${outcome.code}: ${outcome.message}`, code: outcome.code })
}

/** The client link door: what wx.cloud.getTempFileURL from the mini-program reaches; the read rule applies per file. */
async function clientTempFileUrls(s: Services, req: IncomingMessage, res: ServerResponse) {
  const { fileList } = parseJson(await readBody(req))
  const reply = s.storage.clientDownloadUrls(headerValue(req, 'x-wx-openid'), fileList)
  if (reply.code) return sendJson(res, 400, { errCode: -1, errMsg: `getTempFileURL:fail ${reply.message}`, code: reply.code })
  sendJson(res, 200, { ...reply, errMsg: 'getTempFileURL:ok' })
}

function metrics(s: Services, _req: IncomingMessage, res: ServerResponse) {
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage()
  sendJson(res, 200, { functions: s.functions.metrics(), database: s.db.metrics(), memory: { rss, heapUsed, heapTotal, external } })
}

/**
 * Bulk import (benchmarks): newline-separated documents, each one JSON line (EJSON relaxed, as in the
 * database snapshot), into one collection, all or nothing. ?replace=1 replaces documents with the same
 * _id; ?persist=1 writes the database snapshot after it (send it with the last batch).
 */
async function importDocuments(s: Services, req: IncomingMessage, res: ServerResponse, url: URL, [collection]: string[]) {
  const lines = (await readBody(req, 256 * 1024 * 1024)).toString('utf8').split('\n').filter((l) => l.trim())
  const flag = (name: string) => url.searchParams.get(name) === '1'
  try {
    const imported = s.db.importDocuments(collection, lines, { replace: flag('replace'), persist: flag('persist') })
    sendJson(res, 200, { imported })
  } catch (e: any) {
    throw new HttpError(e?.code === 'DATABASE_COLLECTION_NOT_EXIST' ? 404 : 400, String(e?.message ?? e))
  }
}

/** Every document of a collection as plain JSON (dates as ISO strings), for tests and debugging. */
async function dumpCollection(s: Services, _req: IncomingMessage, res: ServerResponse, _url: URL, [collectionName]: string[]) {
  const documents: unknown[] = []
  const pageSize = 1000
  for (let offset = 0; ; offset += pageSize) {
    const reply = await s.db.handle('database.getDocument', { collectionName, queryType: 'WHERE', limit: pageSize, offset }, {})
    if (reply.code) return sendJson(res, 404, { errCode: -1, errMsg: reply.message, code: reply.code })
    const page: string[] = reply.data?.list ?? []
    for (const text of page) documents.push(EJSON.parse(text, { relaxed: true }))
    if (page.length < pageSize) break
  }
  sendJson(res, 200, { collection: collectionName, documents })
}

async function reset(s: Services, _req: IncomingMessage, res: ServerResponse) {
  await s.db.reset()
  s.openapi.reset()
  s.storage.reset()
  s.functions.reset()
  s.clock.reset()
  s.faults.clear()
  sendJson(res, 200, { ok: true })
}

async function restore(s: Services, req: IncomingMessage, res: ServerResponse) {
  await restoreSnapshot(s, parseJson(await readBody(req, 512 * 1024 * 1024)))
  sendJson(res, 200, { ok: true, now: s.clock.now() })
}

function decodeParam(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name]
  const text = Array.isArray(value) ? value[0] : value
  return text ? text : undefined
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value)
}

async function armFault(s: Services, req: IncomingMessage, res: ServerResponse) {
  const spec = parseFaultSpec(parseJson(await readBody(req)))
  if (typeof spec === 'string') throw new HttpError(400, spec)
  sendJson(res, 200, { fault: s.faults.arm(spec) })
}
