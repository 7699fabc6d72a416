// Bundles each cloudfunctions/<name>/index.ts into index.js (CommonJS, Node 16 — the cloud's runtime),
// with wx-server-sdk left external: the cloud installs it from the function's package.json.
import { build } from 'esbuild'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const fnRoot = join(root, 'cloudfunctions')
const only = process.argv.slice(2)

const names = readdirSync(fnRoot, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(fnRoot, d.name, 'index.ts')))
  .map((d) => d.name)
  .filter((n) => only.length === 0 || only.includes(n))

const started = Date.now()
await Promise.all(
  names.map((name) =>
    build({
      entryPoints: [join(fnRoot, name, 'index.ts')],
      outfile: join(fnRoot, name, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      external: ['wx-server-sdk'],
      minify: false,
      legalComments: 'none',
      logLevel: 'warning',
      define: { 'process.env.TARO_ENV': '"cloud"' },
    }),
  ),
)
console.log(`built ${names.length} cloud functions (${names.join(', ')}) in ${Date.now() - started} ms`)
