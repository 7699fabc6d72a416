/**
 * Subscribe-message templates: ids and field mapping live in configuration. The ids below are the
 * local cloud's defaults; a deployment sets TEMPLATE_<KEY> in the functions' environment to the ids
 * it picked in the mini-program console (公共模板库), and maps fields the same way.
 */
import type { TemplateKey } from '../../src/domain/templates'

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

/** '10月08日' of an instant that ends a day (deadlines are 24:00 of their last day). */
export const dayText = (endOfDay: number): string => {
  const ymd = new Date(endOfDay - 1 + 8 * 3_600_000).toISOString().slice(5, 10)
  return `${ymd.slice(0, 2)}月${ymd.slice(3)}日`
}

type Source = 'title' | 'state' | 'note' | 'at'
export type FieldMapping = Record<string, Source>

/** The local cloud's default field mapping (WeChat field name → what fills it). */
const DEFAULT_FIELDS: Record<TemplateKey, FieldMapping> = {
  status: { thing1: 'title', phrase2: 'state', thing3: 'note', time4: 'at' },
  assigned: { thing1: 'title', thing2: 'note', time3: 'at' },
  reminder: { thing1: 'title', thing2: 'note', time3: 'at' },
  digest: { thing1: 'title', thing2: 'note', time3: 'at' },
}

/**
 * The field mapping of a template: TEMPLATE_FIELDS_<KEY> in the function env, a JSON object like
 * {"thing1":"title","phrase2":"state","thing3":"note","time4":"at"} matching the fields of the
 * template picked in the console; a malformed value falls back to the default.
 */
export function fieldMapping(key: TemplateKey): FieldMapping {
  const raw = process.env[`TEMPLATE_FIELDS_${key.toUpperCase()}`]
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>
      const sources = ['title', 'state', 'note', 'at']
      if (parsed && typeof parsed === 'object' && Object.values(parsed).every((v) => sources.includes(v as string))) return parsed as FieldMapping
    } catch {
      // not JSON: reported below like any other invalid mapping
    }
    console.error(`[notify] TEMPLATE_FIELDS_${key.toUpperCase()} is not a valid mapping; using the default`)
  }
  return DEFAULT_FIELDS[key]
}

/** A value within WeChat's limit for the field's type (by its name: thing3, phrase2, time4, …). */
function valueFor(field: string, source: Source, f: { title: string; state: string; note: string; at: number }): string {
  if (source === 'at' || /^(time|date)/.test(field)) return timeText(f.at)
  const text = f[source]
  if (field.startsWith('phrase')) return phrase(text)
  if (field.startsWith('name')) return text.slice(0, 10)
  if (field.startsWith('character_string') || field.startsWith('letter')) return text.slice(0, 32)
  return thing(text)
}

/** The data object WeChat expects for the template. */
export function templateData(key: TemplateKey, f: { title: string; state: string; note: string; at: number }): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {}
  for (const [field, source] of Object.entries(fieldMapping(key))) data[field] = { value: valueFor(field, source, f) }
  return data
}
