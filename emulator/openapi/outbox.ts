// Every open-API call a function makes, as the cloud would have sent it to WeChat.

export interface OutboxEntry {
  id: number
  at: string
  apiName: string
  caller?: string
  payload: unknown
  result: { errcode: number; errmsg: string; [extra: string]: unknown }
}

export class Outbox {
  private entries: OutboxEntry[] = []
  private nextId = 1

  record(entry: Omit<OutboxEntry, 'id'>): OutboxEntry {
    const stored = { id: this.nextId++, ...entry }
    this.entries.push(stored)
    return stored
  }

  list(): OutboxEntry[] {
    return this.entries
  }

  clear(): void {
    this.entries = []
  }

  capture(): { entries: OutboxEntry[]; nextId: number } {
    return structuredClone({ entries: this.entries, nextId: this.nextId })
  }

  restore(captured: { entries: OutboxEntry[]; nextId: number }): void {
    this.entries = structuredClone(captured.entries)
    this.nextId = captured.nextId
  }
}
