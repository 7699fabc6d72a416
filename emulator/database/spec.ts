// The repo's database spec (database/collections.json): which collections exist and their indexes.
import { existsSync, readFileSync } from 'fs'
import { join } from 'path'

/** 1 / -1: an ordinary key; '2dsphere': a geo key (GeoJSON or legacy pairs, spherical queries). */
export interface IndexKey { field: string; direction: 1 | -1 | '2dsphere' }
export interface IndexSpec { name: string; unique?: boolean; keys: IndexKey[] }
export interface CollectionSpec { name: string; indexes?: IndexSpec[] }
export interface DatabaseSpec { collections: CollectionSpec[] }

export const defaultSpecPath = () => join(__dirname, '..', '..', 'database', 'collections.json')

export function loadSpec(path: string, log: (line: string) => void): DatabaseSpec {
  if (!existsSync(path)) {
    log(`[local cloud] database spec ${path} not found: no collections declared`)
    return { collections: [] }
  }
  const raw = JSON.parse(readFileSync(path, 'utf8'))
  const collections: CollectionSpec[] = []
  for (const c of raw?.collections ?? []) {
    if (!c || typeof c.name !== 'string' || !c.name) throw new Error(`${path}: a collection has no name`)
    const indexes: IndexSpec[] = []
    for (const ix of c.indexes ?? []) {
      const keys = (ix.keys ?? []).map((k: any) => {
        if (typeof k?.field !== 'string' || !k.field) throw new Error(`${path}: index ${ix.name} of ${c.name} has a key without field`)
        if (k.direction !== undefined && ![1, -1, '2dsphere'].includes(k.direction)) {
          throw new Error(`${path}: index ${ix.name} of ${c.name}: direction of ${k.field} must be 1, -1 or "2dsphere"`)
        }
        return { field: k.field, direction: k.direction === -1 || k.direction === '2dsphere' ? k.direction : 1 } as IndexKey
      })
      if (!keys.length) throw new Error(`${path}: index ${ix.name} of ${c.name} has no keys`)
      const name = typeof ix.name === 'string' && ix.name ? ix.name : keys.map((k: IndexKey) => `${k.field}_${k.direction}`).join('_')
      indexes.push({ name, unique: !!ix.unique, keys })
    }
    collections.push({ name: c.name, indexes })
  }
  return { collections }
}
