// Warm instances of one function. Each instance runs one invocation at a time;
// beyond `maxInstances` concurrent calls wait in line, as on the cloud when the
// concurrency limit is reached.
import type { FunctionBundle } from './loader'
import { FunctionInstance } from './instance'

export class InstancePool {
  private readonly instances = new Set<FunctionInstance>()
  private readonly waiting: Array<() => void> = []

  constructor(
    private readonly maxInstances: number,
    private readonly fallbackPaths: string[],
    private readonly log: (line: string) => void,
  ) {}

  get size(): number {
    return this.instances.size
  }

  async acquire(bundle: FunctionBundle): Promise<FunctionInstance> {
    for (;;) {
      this.dropUnusable(bundle.version)
      const idle = [...this.instances].find((i) => i.idle && i.version === bundle.version)
      if (idle) {
        idle.reserve()
        return idle
      }
      if (this.instances.size < this.maxInstances) {
        const fresh = new FunctionInstance(bundle, this.fallbackPaths, this.log)
        this.instances.add(fresh)
        fresh.reserve()
        return fresh
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve))
    }
  }

  release(instance: FunctionInstance): void {
    instance.unreserve()
    if (instance.dead) this.instances.delete(instance)
    this.waiting.shift()?.()
  }

  stop(): void {
    for (const instance of this.instances) instance.terminate()
    this.instances.clear()
    for (const wake of this.waiting.splice(0)) wake()
  }

  /** Dead instances go; idle ones built from an older index.js are retired (hot reload). */
  private dropUnusable(currentVersion: number): void {
    for (const instance of this.instances) {
      if (instance.dead) this.instances.delete(instance)
      else if (instance.idle && instance.version !== currentVersion) {
        instance.terminate()
        this.instances.delete(instance)
      }
    }
  }
}
