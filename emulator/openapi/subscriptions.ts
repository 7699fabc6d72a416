// Subscribe-message send credits: one per user consent for one-time templates,
// unlimited for long-term templates. Persisted in the data dir.
import path from 'node:path'
import { JsonFile } from '../jsonFile'

export type CreditTable = Record<string, Record<string, number>> // openid → templateId → remaining

export class SubscriptionLedger {
  private readonly file: JsonFile<CreditTable>
  private credits: CreditTable

  constructor(dataDir: string, readonly longTermTemplates: string[]) {
    this.file = new JsonFile(path.join(dataDir, 'subscriptions.json'), () => ({}))
    this.credits = this.file.read()
  }

  grant(openid: string, templateIds: string[], count = 1): Record<string, number> {
    const mine = (this.credits[openid] ??= {})
    for (const id of templateIds) mine[id] = (mine[id] ?? 0) + count
    this.file.write(this.credits)
    return this.remaining(openid)
  }

  remaining(openid: string): Record<string, number> {
    const mine = { ...(this.credits[openid] ?? {}) }
    for (const id of this.longTermTemplates) mine[id] = Infinity
    return mine
  }

  /** Uses one credit; false when the user has none left for this template. */
  consume(openid: string, templateId: string): boolean {
    if (this.longTermTemplates.includes(templateId)) return true
    const left = this.credits[openid]?.[templateId] ?? 0
    if (left <= 0) return false
    this.credits[openid][templateId] = left - 1
    this.file.write(this.credits)
    return true
  }

  reset(): void {
    this.credits = {}
    this.file.remove()
  }

  capture(): CreditTable {
    return structuredClone(this.credits)
  }

  restore(credits: CreditTable): void {
    this.credits = structuredClone(credits)
    this.file.write(this.credits)
  }
}
