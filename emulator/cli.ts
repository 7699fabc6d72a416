// npm run emulator -- [--port P] [--data DIR] [--functions DIR] [--spec FILE] [--storage-rules FILE]
//                     [--long-term-templates a,b] [--function-env NAME=value]... [--clock ISO] [--print-env]
// Prints exactly one stdout line `local cloud ready on http://127.0.0.1:P` once it serves;
// logs go to stderr. With --print-env it prints the SDK environment for port P and exits.
import path from 'node:path'
import { LocalCloud, REPO_ROOT } from './localCloud'
import { parseClock } from './clock'
import { formatEnv, sdkEnv } from './env'

interface CliOptions {
  port: number
  data: string
  functions: string
  spec: string
  storageRules: string
  longTermTemplates: string[]
  functionEnv: Record<string, string>
  printEnv: boolean
  clockAt?: number
}

function parseArgs(argv: string[]): CliOptions {
  const options: CliOptions = {
    port: 0,
    data: path.join(REPO_ROOT, '.cloud'),
    functions: path.join(REPO_ROOT, 'cloudfunctions'),
    spec: path.join(REPO_ROOT, 'database/collections.json'),
    storageRules: path.join(REPO_ROOT, 'database/storage-rules.json'),
    longTermTemplates: splitList(process.env.LOCAL_CLOUD_LONG_TERM_TEMPLATES),
    functionEnv: {},
    printEnv: false,
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2)
    const value = () => inline ?? argv[++i] ?? fail(`${flag} needs a value`)
    switch (flag) {
      case '--port': options.port = parsePort(value()); break
      case '--data': options.data = path.resolve(value()); break
      case '--functions': options.functions = path.resolve(value()); break
      case '--spec': options.spec = path.resolve(value()); break
      case '--storage-rules': options.storageRules = path.resolve(value()); break
      case '--long-term-templates': options.longTermTemplates = splitList(value()); break
      case '--function-env': addFunctionEnv(options.functionEnv, value()); break
      case '--print-env': options.printEnv = true; break
      case '--clock': options.clockAt = parseClock(value()) ?? fail('--clock expects an ISO instant with its zone (2026-11-30T09:00:00+08:00) or epoch ms'); break
      case '--help': process.stdout.write(usage()); return process.exit(0)
      default: fail(`unknown option ${argv[i]}`)
    }
  }
  return options
}

function parsePort(text: string): number {
  const port = Number(text)
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0-65535, got ${text}`)
  return port
}

/** `--function-env NAME=value` (repeatable): extra env for every function invocation. */
function addFunctionEnv(env: Record<string, string>, pair: string): void {
  const eq = pair.indexOf('=')
  if (eq < 1) fail(`--function-env expects NAME=value, got ${pair}`)
  env[pair.slice(0, eq)] = pair.slice(eq + 1)
}

function splitList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)
}

function usage(): string {
  return 'usage: tsx emulator/cli.ts [--port P] [--data DIR] [--functions DIR] [--spec FILE] [--storage-rules FILE] [--long-term-templates a,b] [--function-env NAME=value]... [--clock ISO] [--print-env]\n'
}

function fail(message: string): never {
  process.stderr.write(`local cloud: ${message}\n${usage()}`)
  process.exit(2)
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2))
  if (options.printEnv) {
    if (!options.port) fail('--print-env needs the --port the emulator listens on')
    process.stdout.write(formatEnv(sdkEnv(options.port)))
    return
  }
  const cloud = new LocalCloud({
    port: options.port,
    dataDir: options.data,
    functionsDir: options.functions,
    specPath: options.spec,
    storageRulesPath: options.storageRules,
    longTermTemplates: options.longTermTemplates,
    functionEnv: options.functionEnv,
    clockAt: options.clockAt,
    log: (line) => process.stderr.write(line.startsWith('[local cloud]') ? `${line}\n` : `[local cloud] ${line}\n`),
  })
  let stopping = false
  const shutdown = (signal: string) => {
    if (stopping) return
    stopping = true
    process.stderr.write(`[local cloud] ${signal}: stopping\n`)
    cloud.stop().then(() => process.exit(0), () => process.exit(1))
  }
  process.on('SIGINT', () => shutdown('SIGINT'))
  process.on('SIGTERM', () => shutdown('SIGTERM'))
  // Handlers first: whoever waits for the ready line may signal us right after it.
  const { url } = await cloud.start()
  process.stdout.write(`local cloud ready on ${url}\n`)
}

main().catch((error) => {
  process.stderr.write(`local cloud failed to start: ${error?.stack ?? error}\n`)
  process.exit(1)
})
