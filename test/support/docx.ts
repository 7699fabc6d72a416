/**
 * Reads a .docx back as people would read it: the entries of the zip, the body's paragraphs (outside
 * tables) and its tables as rows of cell texts (a cell's paragraphs joined by a newline).
 */
import { unzipText } from '../weapp/support/unzip'

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

/** The text of one paragraph's runs. */
const paragraphText = (xml: string) => decode([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))

const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[\s>][\s\S]*?<\/w:p>/g)].map((m) => paragraphText(m[0]))

export interface DocxText {
  entries: Map<string, string>
  /** Paragraphs outside tables, in order. */
  paragraphs: string[]
  /** Each table: rows of cells. */
  tables: string[][][]
  /** Everything, for searching. */
  all: string
}

export function readDocx(bytes: Buffer): DocxText {
  const entries = unzipText(bytes)
  const body = entries.get('word/document.xml')
  if (!body) throw new Error('no word/document.xml in the document')
  const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[\s>][\s\S]*?<\/w:tr>/g)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphs(c[0]).join('\n'))),
  )
  const outside = body.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '')
  return { entries, paragraphs: paragraphs(outside), tables, all: [...entries.values()].join('\n') }
}
