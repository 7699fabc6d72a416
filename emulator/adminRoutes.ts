// POST /admin (and any other unrouted POST): the one endpoint wx-server-sdk talks to,
// dispatched on `action` (cloudbase-protocol.md §2). Protocol replies are always HTTP 200.
import type { IncomingMessage, ServerResponse } from 'node:http'
import crypto from 'node:crypto'
import { readBody, sendBytes, sendJson } from './http'
import { boundaryOf, parseMultipart } from './openapi/multipart'
import type { Services } from './services'
import type { InvocationReport } from './functions/functionsService'

export async function handleAdmin(services: Services, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  // When the request reached us, before its body: requests a function sends in parallel overlap.
  const receivedAt = performance.now()
  const seqId = url.searchParams.get('seqId') ?? undefined
  const body = await readBody(req)
  const contentType = req.headers['content-type']
  if (/^multipart\/form-data/i.test(contentType ?? '')) {
    const { action, apiName } = multipartAction(body, contentType)
    if (killedByFault(services, res, { action, api: apiName, seqId })) return
    if (action === 'wx.openApi') {
      const reply = services.openapi.handleMultipart(body, contentType, seqId)
      return sendBytes(res, reply.status, reply.body, reply.contentType)
    }
    return reply(res, { code: 'INVALID_PARAM', message: `the local cloud does not emulate multipart action ${action}` })
  }
  let parsed: any
  try {
    parsed = JSON.parse(body.toString('utf8'))
  } catch {
    return reply(res, { code: 'INVALID_PARAM', message: 'request body is not JSON' })
  }
  if (!parsed || typeof parsed !== 'object') return reply(res, { code: 'INVALID_PARAM', message: 'request body must be an object' })
  if (killedByFault(services, res, { action: String(parsed.action ?? ''), collection: parsed.collectionName, api: parsed.apiName, seqId })) return
  await holdForOverlap(seqId)
  try {
    reply(res, await dispatch(services, parsed, seqId, req.headers['x-tcb-source'], receivedAt))
  } catch (error) {
    services.log(`admin action ${parsed.action} failed: ${(error as Error)?.stack ?? error}`)
    reply(res, { code: 'SYS_ERR', message: (error as Error)?.message ?? String(error) })
  }
}

/**
 * A function's requests sent together must overlap to be counted as one step of its critical path,
 * but this server answers each at once, and the SDK sends "parallel" requests a fraction of a
 * millisecond apart. So a function's database request waits one turn of the event loop, or — when
 * LOCAL_CLOUD_DEPTH_WINDOW_MS is set (the benchmark sets 3) — that long, before it is answered.
 */
const DEPTH_WINDOW_MS = Math.max(0, Number(process.env.LOCAL_CLOUD_DEPTH_WINDOW_MS) || 0)
function holdForOverlap(seqId: string | undefined): Promise<void> {
  if (!seqId) return Promise.resolve()
  return new Promise((resolve) => (DEPTH_WINDOW_MS ? setTimeout(resolve, DEPTH_WINDOW_MS) : setImmediate(resolve)))
}

async function dispatch(services: Services, body: any, seqId: string | undefined, tcbSource: unknown, receivedAt: number): Promise<any> {
  const action = typeof body.action === 'string' ? body.action : ''
  if (services.db.handles(action)) return services.db.handle(action, body, { seqId, receivedAt })
  switch (action) {
    case 'functions.invokeFunction':
      return invokeFromFunction(services, body, seqId, tcbSource)
    case 'wx.api':
      return services.openapi.handleJson(body, seqId)
    case 'storage.getUploadMetadata':
      return services.storage.uploadMetadata(body)
    case 'storage.batchGetDownloadUrl':
      return services.storage.downloadUrls(body)
    case 'storage.batchDeleteFile':
      return services.storage.deleteFiles(body)
    default:
      return { code: 'INVALID_PARAM', message: `unknown action ${JSON.stringify(action)}` }
  }
}

/** cloud.callFunction from inside a function (§5). The callee keeps the original user. */
async function invokeFromFunction(services: Services, body: any, seqId: string | undefined, tcbSource: unknown) {
  const name = typeof body.function_name === 'string' ? body.function_name : ''
  let event: unknown
  try {
    event = JSON.parse(body.request_data || '{}')
  } catch {
    return { code: 'INVALID_PARAM', message: 'request_data is not JSON' }
  }
  const parent = services.functions.callerOf(seqId)
  // The SDK sends X-TCB-Source `<caller's TCB_SOURCE>,scf`: the chain becomes the callee's SOURCE.
  const chain = typeof tcbSource === 'string' ? tcbSource.split(',').map((s) => s.trim()).filter(Boolean) : []
  const source = chain.length ? chain.join(',') : 'scf'
  const report: InvocationReport = await services.functions.invoke(name, event, { source, openid: parent?.caller.openid }, parent)
  const { outcome } = report
  if (!outcome.ok) {
    return { code: 'FUNCTIONS_EXECUTE_FAIL', message: `errCode: ${outcome.errCode} | errMsg: ${outcome.errMsg}`, requestId: report.requestId }
  }
  return { data: { response_data: outcome.resultJson }, requestId: report.requestId }
}

function multipartAction(body: Buffer, contentType: string | undefined): { action: string; apiName?: string } {
  const boundary = boundaryOf(contentType)
  if (!boundary) return { action: '' }
  const parts = parseMultipart(body, boundary)
  const text = (name: string) => parts.find((p) => p.name === name)?.data.toString('utf8')
  return { action: text('action') ?? '', apiName: text('apiName') }
}

/**
 * A planned fault (POST /dev/faults) on this request: the instance that sent it dies and the request
 * is never answered, as when a function's process is lost mid-call.
 */
function killedByFault(services: Services, res: ServerResponse, r: { action: string; collection?: unknown; api?: unknown; seqId?: string }): boolean {
  const fn = services.functions.callerOf(r.seqId)?.name
  const fault = services.faults.trip({
    fn, action: r.action, seqId: r.seqId,
    collection: typeof r.collection === 'string' ? r.collection : undefined,
    api: typeof r.api === 'string' ? r.api : undefined,
  })
  if (!fault) return false
  services.functions.kill(r.seqId, `planned fault ${fault.id}: ${fn} died at ${r.action}${r.collection ? ` on ${String(r.collection)}` : ''}${r.api ? ` (${String(r.api)})` : ''}`)
  res.destroy()
  return true
}

function reply(res: ServerResponse, value: any): void {
  const withId = value && typeof value === 'object' && !value.requestId ? { ...value, requestId: crypto.randomUUID() } : value
  sendJson(res, 200, withId)
}
