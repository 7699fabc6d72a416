/**
 * Runs a pipeline given as plain Mongo stages through the SDK's aggregate builder. The SDK has
 * one method per stage; it serialises the stage's argument as is.
 */
import type { CollectionName } from './collections'
import { collection } from './db'

const STAGE_METHODS: Record<string, string> = {
  $match: 'match',
  $group: 'group',
  $project: 'project',
  $addFields: 'addFields',
  $sort: 'sort',
  $limit: 'limit',
  $skip: 'skip',
  $unwind: 'unwind',
  $count: 'count',
  $bucket: 'bucket',
  $lookup: 'lookup',
}

export async function runPipeline<T>(name: CollectionName, stages: Record<string, unknown>[]): Promise<T[]> {
  let agg = collection(name).aggregate()
  for (const stage of stages) {
    const [key] = Object.keys(stage)
    const method = STAGE_METHODS[key]
    if (!method) throw new Error(`unsupported aggregation stage ${key}`)
    agg = agg[method](stage[key])
  }
  const { list } = await agg.end()
  return list as T[]
}
