/** The groupBindings collection: one document per bound WeChat group (`_id` = openGId), the one-group-one-project guard. */
import * as v from 'valibot'
import type { GroupBinding } from '../../src/domain/types'
import { COLLECTIONS } from './collections'
import { collection, isDuplicateKey } from './db'
import { readMaybe, storedAs } from './read'

const bindings = () => collection(COLLECTIONS.groupBindings)

export const groupBindingDoc = storedAs<GroupBinding>()(v.looseObject({
  _id: v.string(),
  projectId: v.string(),
  at: v.number(),
  by: v.string(),
}))

export async function loadGroupBinding(openGId: string): Promise<GroupBinding | null> {
  const { data } = await bindings().doc(openGId).get()
  return readMaybe(groupBindingDoc, COLLECTIONS.groupBindings, data)
}

/** Claims the group for a project: false when it is bound already (its id is taken). */
export async function claimGroup(binding: GroupBinding): Promise<boolean> {
  try {
    await bindings().add({ data: binding })
    return true
  } catch (e) {
    if (isDuplicateKey(e)) return false
    throw e
  }
}

export async function releaseGroup(openGId: string): Promise<void> {
  await bindings().doc(openGId).remove()
}
