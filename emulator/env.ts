// Identity of the emulated cloud environment, and the process environment a
// wx-server-sdk user needs to talk to it (see cloudbase-protocol.md §1).

export const ENV_ID = 'local-env'
export const APPID = 'wxlocalcloud0000'
export const BUCKET = '6c6f-local-env-1250000000'
export const FILE_ID_PREFIX = `cloud://${ENV_ID}.${BUCKET}/`

export function adminUrl(port: number): string {
  return `http://127.0.0.1:${port}/admin`
}

/** What `--print-env` prints: enough for cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV }). */
export function sdkEnv(port: number): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: adminUrl(port) }),
    TENCENTCLOUD_SECRETID: 'local-secret-id',
    TENCENTCLOUD_SECRETKEY: 'local-secret-key',
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: ENV_ID,
    SILENCE: 'true',
  }
}

export function formatEnv(env: Record<string, string>): string {
  return Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n'
}
