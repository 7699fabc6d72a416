// One warm instance of a function: a worker thread that runs one invocation at a time.
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { FunctionBundle } from './loader'
import { crashed, InvocationOutcome, timedOut } from './outcome'

const WORKER_SCRIPT = path.join(__dirname, 'worker.cjs')

export interface InvocationRequest {
  id: string
  env: Record<string, string>
  event: unknown
  context: Record<string, unknown>
  timeoutSeconds: number
}

let nextInstanceNumber = 1

export class FunctionInstance {
  readonly number = nextInstanceNumber++
  readonly version: number
  private readonly worker: Worker
  private pending?: { id: string; settle: (outcome: InvocationOutcome) => void }
  private reserved = false
  dead = false

  constructor(bundle: FunctionBundle, fallbackPaths: string[], private readonly log: (line: string) => void) {
    this.version = bundle.version
    this.worker = new Worker(WORKER_SCRIPT, {
      workerData: { entry: bundle.entry, fallbackPaths },
      name: `${bundle.name}#${this.number}`,
    })
    this.worker.on('message', (message) => this.onMessage(message))
    this.worker.on('error', (error) => this.onCrash(`uncaught exception: ${error?.message ?? error}`))
    this.worker.on('exit', (code) => this.onCrash(`process exited with code ${code}`))
    this.worker.unref()
  }

  get idle(): boolean {
    return !this.dead && !this.reserved
  }

  reserve(): void {
    this.reserved = true
  }

  unreserve(): void {
    this.reserved = false
  }

  run(request: InvocationRequest): Promise<InvocationOutcome> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.log(`function instance ${this.worker.threadId} timed out after ${request.timeoutSeconds}s; terminating it`)
        this.settle(timedOut(request.timeoutSeconds))
        this.terminate()
      }, request.timeoutSeconds * 1000)
      this.pending = {
        id: request.id,
        settle: (outcome) => {
          clearTimeout(timer)
          resolve(outcome)
        },
      }
      const { id, env, event, context } = request
      this.worker.postMessage({ type: 'invoke', id, env, event, context })
    })
  }

  /** The instance dies mid-invocation (a planned fault): the call fails as a crash would. */
  kill(reason: string): void {
    this.settle(crashed(reason, 'crash'))
    this.terminate()
  }

  terminate(): void {
    this.dead = true
    void this.worker.terminate()
  }

  private settle(outcome: InvocationOutcome): void {
    const pending = this.pending
    this.pending = undefined
    pending?.settle(outcome)
  }

  private onMessage(message: any): void {
    if (message?.type !== 'result' || message.id !== this.pending?.id) return
    this.settle(message.ok ? { ok: true, resultJson: message.json } : crashed(message.message, 'error'))
  }

  private onCrash(reason: string): void {
    if (this.dead && !this.pending) return
    this.dead = true
    if (this.pending) this.settle(crashed(reason, 'crash'))
  }
}
