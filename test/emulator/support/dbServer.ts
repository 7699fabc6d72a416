// A bare HTTP front for DatabaseService, standing in for LocalCloud until it lands:
// POST any path, JSON body → DatabaseService.handle(body.action, body, {seqId}) → JSON, HTTP 200.
import * as http from 'http'
import type { AddressInfo } from 'net'
import { DatabaseService, DatabaseServiceOptions } from '../../../emulator/database'

export interface DbServer {
  port: number
  url: string
  service: DatabaseService
  close(): Promise<void>
}

export async function startDbServer(opts: DatabaseServiceOptions): Promise<DbServer> {
  const service = new DatabaseService(opts)
  await service.start()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', c => chunks.push(c))
    req.on('end', async () => {
      let reply: any
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')
        const seqId = new URL(req.url ?? '/', 'http://x').searchParams.get('seqId') ?? undefined
        reply = service.handles(body.action)
          ? await service.handle(body.action, body, { seqId })
          : { code: 'INVALID_PARAM', message: `action ${body.action} is not served here` }
      } catch (e: any) {
        reply = { code: 'INVALID_PARAM', message: String(e?.message ?? e) }
      }
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify(reply))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return {
    port,
    url: `http://127.0.0.1:${port}/admin`,
    service,
    close: async () => {
      server.closeAllConnections?.()
      await new Promise<void>(resolve => server.close(() => resolve()))
      await service.stop()
    },
  }
}

/** Points the real wx-server-sdk at `port`; call before requiring wx-server-sdk (it re-reads these per request). */
export function pointSdkAt(port: number) {
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${port}/admin` }),
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: 'local-env',
    SILENCE: 'true',
  })
}

/** The real SDK, initialised against the harness. */
export function loadSdk(port: number): any {
  pointSdkAt(port)
  const cloud = require('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
  return cloud
}
