// The per-invocation environment and `context` argument, as the cloud sets them.
import crypto from 'node:crypto'
import { APPID, ENV_ID, sdkEnv } from '../env'
import type { FunctionBundle } from './loader'

export type InvocationSource = 'wx_client' | 'wx_trigger' | 'scf' | string

export interface Caller {
  source: InvocationSource
  openid?: string
  unionid?: string
  clientIp?: string
}

let nextSeq = 1

/** A TCB_SEQID without dashes: the SDK's seqIds are `<TCB_SEQID>-<eventId>`. */
export function newSeqId(): string {
  return `lc${(nextSeq++).toString(36)}x${crypto.randomBytes(4).toString('hex')}`
}

export function invocationEnv(opts: {
  port: number
  bundle: FunctionBundle
  caller: Caller
  seqId: string
  clockOffsetMs: number
}): Record<string, string> {
  const { bundle, caller } = opts
  const env: Record<string, string> = {
    ...sdkEnv(opts.port),
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_API_TOKEN',
    WX_APPID: APPID,
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    TCB_ENV: ENV_ID,
    TCB_SEQID: opts.seqId,
    TCB_SOURCE: caller.source,
    SCF_FUNCTIONNAME: bundle.name,
    LOCAL_CLOUD_CLOCK_OFFSET_MS: String(opts.clockOffsetMs),
  }
  if (caller.openid) env.WX_OPENID = caller.openid
  if (caller.unionid) env.WX_UNIONID = caller.unionid
  if (caller.clientIp) env.WX_CLIENTIP = caller.clientIp
  if (caller.source === 'wx_trigger') env.TRIGGER_SRC = 'timer'
  return { ...env, ...bundle.config.env }
}

export function invocationContext(bundle: FunctionBundle, requestId: string, env: Record<string, string>) {
  return {
    request_id: requestId,
    function_name: bundle.name,
    function_version: '$LATEST',
    namespace: ENV_ID,
    memory_limit_in_mb: bundle.config.memorySize,
    time_limit_in_ms: bundle.config.timeout * 1000,
    environ: Object.entries(env).map(([k, v]) => `${k}=${v}`).join(';'),
    callbackWaitsForEmptyEventLoop: false,
  }
}
