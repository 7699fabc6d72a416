/**
 * The one place that initialises wx-server-sdk. Every function bundle shares it.
 * `throwOnNotFound: false` makes doc(id).get() on a missing document resolve { data: null }.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK as the cloud runtime loads it: one CommonJS require, no interop wrapper
const cloud = require('wx-server-sdk')

/**
 * The SDK, its database and its command helper as the functions use them. wx-server-sdk's own
 * declarations overload every call with its callback form (`get()` is `Promise<…> | void | string`),
 * so no result can be read through them; callers read results as the documented shapes instead.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the untyped SDK boundary, described above
type Sdk = any

let initialised = false

export function getCloud(): Sdk {
  if (!initialised) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, throwOnNotFound: false })
    initialised = true
  }
  return cloud
}

export const getDb = (): Sdk => getCloud().database()
export const command = (): Sdk => getDb().command

/** The caller as WeChat vouches for it. Never read an identity from the event. */
export function wxContext(): { OPENID?: string; APPID?: string; SOURCE?: string } {
  return getCloud().getWXContext()
}
