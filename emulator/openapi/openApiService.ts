// The open-API side of the local cloud: `wx.openApi` (multipart + protobuf), `wx.api`
// (legacy JSON), the outbox, subscribe-message credits and simulated groups.
import { API_TYPE, ApiGetOpenDataByCloudIdReq, ApiGetOpenDataByCloudIdResp, decodeApiData, encodeOpenApiResp } from './proto'
import { boundaryOf, multipartFields, parseMultipart } from './multipart'
import { Outbox } from './outbox'
import { SubscriptionLedger } from './subscriptions'
import { GroupDirectory } from './groups'
import { answerOpenApi, WeChatResult } from './wechatApis'

export interface OpenApiReply { status: number; contentType: string; body: Buffer }

const TCB_ERROR_TYPE = 'application/json; charset=utf-8'
const PB_TYPE = 'application/octet-stream'

/** Which function (if any) made the request, from the seqId the SDK sends. */
export type CallerLookup = (seqId: string | undefined) => string | undefined
/** The open APIs a function's config.json permits (`permissions.openapi`). */
export type PermissionLookup = (functionName: string) => string[]

/** The platform's refusal when config.json does not list the API. */
export const ERR_NO_API_PERMISSION = -604101

export class OpenApiService {
  readonly outbox = new Outbox()
  readonly subscriptions: SubscriptionLedger
  readonly groups: GroupDirectory

  constructor(private readonly opts: {
    dataDir: string
    now: () => number
    longTermTemplates: string[]
    callerOf: CallerLookup
    permissionsOf: PermissionLookup
  }) {
    this.subscriptions = new SubscriptionLedger(opts.dataDir, opts.longTermTemplates)
    this.groups = new GroupDirectory(opts.dataDir, opts.now)
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  getInfo() {
    return { name: 'openapi', outbox: this.outbox.list().length, groups: this.groups.list().length }
  }

  reset(): void {
    this.outbox.clear()
    this.subscriptions.reset()
    this.groups.reset()
  }

  /** `action=wx.openApi`, multipart body. */
  handleMultipart(body: Buffer, contentType: string | undefined, seqId?: string): OpenApiReply {
    const boundary = boundaryOf(contentType)
    if (!boundary) return tcbError('INVALID_PARAM', 'wx.openApi expects multipart/form-data')
    const fields = multipartFields(parseMultipart(body, boundary), ['requestData', 'apiOptions'])
    const apiName = String(fields.apiName ?? '')
    const requestData = fields.requestData
    if (!apiName || !Buffer.isBuffer(requestData)) return tcbError('INVALID_PARAM', 'apiName and requestData are required')
    let apiData
    try {
      apiData = decodeApiData(requestData)
    } catch (error) {
      return tcbError('INVALID_PARAM', `requestData is not a CommApiData message: ${(error as Error).message}`)
    }
    const caller = this.opts.callerOf(seqId)
    if (apiData.apiType === API_TYPE.SVRKIT_API && apiData.svrkitData?.apiName === 'ApiGetOpenDataByCloudId') {
      return this.getOpenData(Buffer.from(apiData.svrkitData.reqData ?? []), caller)
    }
    if (apiData.apiType !== API_TYPE.OPEN_API) {
      return tcbError('INVALID_PARAM', `the local cloud does not emulate ${apiName} (apiType ${apiData.apiType})`)
    }
    const payload = decodePairs(apiData.openapiData?.pairs ?? [])
    if (!this.permitted(apiName, caller)) {
      this.recordRefusal(apiName, payload, caller)
      return pbReply({ errorCode: ERR_NO_API_PERMISSION })
    }
    const result = this.call(apiName, payload, caller)
    return pbReply({ respData: Buffer.from(JSON.stringify(result)), contentType: 'application/json', httpCode: 200 })
  }

  /** `action=wx.api` (cloud.callOpenAPI): JSON request data, no case conversion. */
  handleJson(body: any, seqId?: string): any {
    const apiName = typeof body.apiName === 'string' ? body.apiName : ''
    if (!apiName) return { code: 'INVALID_PARAM', message: 'apiName is required' }
    let payload: unknown
    try {
      payload = typeof body.requestData === 'string' ? JSON.parse(body.requestData || '{}') : body.requestData ?? {}
    } catch {
      return { code: 'INVALID_PARAM', message: 'requestData is not JSON' }
    }
    const caller = this.opts.callerOf(seqId)
    if (!this.permitted(apiName, caller)) {
      this.recordRefusal(apiName, payload, caller)
      return { code: 'SYS_ERR', message: `${ERR_NO_API_PERMISSION} function has no permission to call this API` }
    }
    const result = this.call(apiName, payload, caller)
    return { data: { responseData: JSON.stringify(result) } }
  }

  /** The open data a CloudID stands for, or undefined if it is unknown or expired. */
  resolveCloudId(cloudID: string) {
    return this.groups.resolve(cloudID)
  }

  /** Calls from outside any function (a test's own SDK) are allowed. */
  private permitted(apiName: string, caller?: string): boolean {
    return !caller || this.opts.permissionsOf(caller).includes(apiName)
  }

  private recordRefusal(apiName: string, payload: unknown, caller?: string): void {
    const result = { errcode: ERR_NO_API_PERMISSION, errmsg: `function ${caller} has no permission to call ${apiName} (config.json permissions.openapi)` }
    this.outbox.record({ at: new Date(this.opts.now()).toISOString(), apiName, caller, payload, result })
  }

  private call(apiName: string, payload: unknown, caller?: string): WeChatResult {
    const result = answerOpenApi(apiName, payload, { subscriptions: this.subscriptions, now: this.opts.now })
    this.outbox.record({ at: new Date(this.opts.now()).toISOString(), apiName, caller, payload, result })
    return result
  }

  private getOpenData(reqData: Buffer, caller?: string): OpenApiReply {
    let cloudIds: string[]
    try {
      cloudIds = (ApiGetOpenDataByCloudIdReq.toObject(ApiGetOpenDataByCloudIdReq.decode(reqData), { arrays: true }) as any).cloudidList
    } catch {
      return tcbError('INVALID_PARAM', 'reqData is not an ApiGetOpenDataByCloudIdReq')
    }
    const resolved = cloudIds.map((id) => this.groups.resolve(id))
    const failed = resolved.find((r) => !r.ok)
    const result = failed && !failed.ok
      ? { errcode: failed.reason === 'expired' ? 2 : 1, errmsg: `cloudID ${failed.reason}` }
      : { errcode: 0, errmsg: 'ok' }
    this.outbox.record({ at: new Date(this.opts.now()).toISOString(), apiName: 'getOpenData', caller, payload: { cloudid_list: cloudIds }, result })
    // The real cloud refuses a bad cloudID; here that is svrkitErrorCode 1 (unknown) or 2 (expired),
    // which the SDK throws as errCode -601001 "internal svrkit error, code N".
    if (result.errcode) return pbReply({ svrkitErrorCode: result.errcode })
    const dataList = resolved.map((r, i) => ({ cloudId: cloudIds[i], json: r.ok ? JSON.stringify(r.json) : '' }))
    const respData = ApiGetOpenDataByCloudIdResp.encode(ApiGetOpenDataByCloudIdResp.create({ dataList })).finish()
    return pbReply({ respData, svrkitErrorCode: 0 })
  }
}

function decodePairs(pairs: Array<{ key: string; value: Uint8Array; filename?: string }>): Record<string, unknown> {
  const payload: Record<string, unknown> = {}
  for (const { key, value, filename } of pairs) {
    const bytes = Buffer.from(value ?? [])
    if (filename) {
      payload[key] = { filename, size: bytes.length }
      continue
    }
    const text = bytes.toString('utf8')
    try {
      payload[key] = JSON.parse(text)
    } catch {
      payload[key] = text
    }
  }
  return payload
}

function pbReply(fields: Parameters<typeof encodeOpenApiResp>[0]): OpenApiReply {
  return { status: 200, contentType: PB_TYPE, body: encodeOpenApiResp(fields) }
}

function tcbError(code: string, message: string): OpenApiReply {
  return { status: 200, contentType: TCB_ERROR_TYPE, body: Buffer.from(JSON.stringify({ code, message })) }
}
