/**
 * Subscribe-message templates: ids and field mapping live in configuration. The ids below are the
 * local cloud's defaults; a deployment sets TEMPLATE_<KEY> in the functions' environment to the ids
 * it picked in the mini-program console (公共模板库), and maps fields the same way.
 */
export type TemplateKey = 'status' | 'assigned' | 'reminder' | 'digest'

const DEFAULT_IDS: Record<TemplateKey, string> = {
  status: 'tpl_issue_status',
  assigned: 'tpl_issue_assigned',
  reminder: 'tpl_issue_reminder',
  digest: 'tpl_weekly_digest',
}

export function templateId(key: TemplateKey): string {
  return process.env[`TEMPLATE_${key.toUpperCase()}`] || DEFAULT_IDS[key]
}

/** Long-term templates (政务民生 categories) never run out of credits; set LONG_TERM_TEMPLATES=status,assigned. */
export function isLongTerm(key: TemplateKey): boolean {
  return (process.env.LONG_TERM_TEMPLATES || '').split(',').map((s) => s.trim()).includes(key)
}

/** WeChat's value limits: thing ≤ 20 chars, phrase ≤ 5, time fixed format. */
export const thing = (s: string): string => (s.length > 20 ? `${s.slice(0, 19)}…` : s) || '—'
export const phrase = (s: string): string => s.slice(0, 5)

export function timeText(ms: number): string {
  const d = new Date(ms + 8 * 3_600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** Field mapping per template: the data object WeChat expects. */
export function templateData(key: TemplateKey, f: { title: string; state: string; note: string; at: number }): Record<string, { value: string }> {
  switch (key) {
    case 'status':
      return { thing1: { value: thing(f.title) }, phrase2: { value: phrase(f.state) }, thing3: { value: thing(f.note) }, time4: { value: timeText(f.at) } }
    case 'assigned':
      return { thing1: { value: thing(f.title) }, thing2: { value: thing(f.note) }, time3: { value: timeText(f.at) } }
    case 'reminder':
      return { thing1: { value: thing(f.title) }, thing2: { value: thing(f.note) }, time3: { value: timeText(f.at) } }
    case 'digest':
      return { thing1: { value: thing(f.title) }, thing2: { value: thing(f.note) }, time3: { value: timeText(f.at) } }
  }
}
