/**
 * The one place that initialises wx-server-sdk. Every function bundle shares it.
 * `throwOnNotFound: false` makes doc(id).get() on a missing document resolve { data: null }.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const cloud = require('wx-server-sdk')

let initialised = false

export function getCloud(): any {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false })
    initialised = true
  }
  return cloud
}

export const getDb = (): any => getCloud().database()
export const command = (): any => getDb().command

/** The caller as WeChat vouches for it. Never read an identity from the event. */
export function wxContext(): { OPENID?: string; APPID?: string; SOURCE?: string } {
  return getCloud().getWXContext()
}
