/**
 * A functions folder for the server/files API tests: every product function (symlinked, so
 * `node scripts/build-functions.mjs` must have run) plus the test-only `filesProbe`
 * (filesProbeEntry.ts), bundled exactly as scripts/build-functions.mjs bundles a function.
 */
import { build } from 'esbuild'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { REPO_ROOT } from '../../support/localCloud'

export const PROBE = 'filesProbe'

export async function filesProbeFunctions(): Promise<{ dir: string; remove(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'files-probe-'))
  const product = path.join(REPO_ROOT, 'cloudfunctions')
  for (const name of fs.readdirSync(product)) {
    if (fs.existsSync(path.join(product, name, 'index.js'))) fs.symlinkSync(path.join(product, name), path.join(dir, name), 'dir')
  }
  const probeDir = path.join(dir, PROBE)
  fs.mkdirSync(probeDir)
  fs.writeFileSync(path.join(probeDir, 'config.json'), JSON.stringify({ timeout: 10, memorySize: 256, permissions: { openapi: [] } }))
  await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [path.join(__dirname, 'filesProbeEntry.ts')],
    outfile: path.join(probeDir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    logLevel: 'warning',
    define: { 'process.env.TARO_ENV': '"cloud"' },
  })
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
