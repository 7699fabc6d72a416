// The domain core is pure: it may import only itself and a few pure packages.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const root = new URL('..', import.meta.url).pathname
const domain = join(root, 'src/domain')
const allowedPackages = new Set(['valibot', 'chinese-days', 'lunar-javascript'])
const bad = []

function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path)
    else if (/\.tsx?$/.test(name)) check(path)
  }
}

function check(file) {
  const src = readFileSync(file, 'utf8')
  for (const m of src.matchAll(/(?:from\s+|require\(|import\()\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1]
    if (spec.startsWith('.')) {
      if (!join(file, '..', spec).startsWith(domain)) bad.push(`${relative(root, file)} imports ${spec} (outside src/domain)`)
    } else if (!allowedPackages.has(spec.split('/')[0])) bad.push(`${relative(root, file)} imports ${spec}`)
  }
  if (/\bDate\.now\(\)|new Date\(\)(?!\.)/.test(src.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''))) bad.push(`${relative(root, file)} reads the clock (inject now instead)`)
}

walk(domain)
if (bad.length) {
  console.error(bad.join('\n'))
  process.exit(1)
}
console.log('domain imports are pure')
