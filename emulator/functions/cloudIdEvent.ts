// The platform's CloudID swap on mini-program calls: top-level event fields marked
// `{ "$cloudID": "<id>" }` (how our H5 client sends a wx.cloud.CloudID) become
// `{ cloudID, data }`; at most 5 per call; nested markers are left as they are.

export const MAX_CLOUD_IDS_PER_CALL = 5

export type CloudIdResolver = (cloudID: string) =>
  | { ok: true; json: { cloudID: string; data: Record<string, unknown> } }
  | { ok: false; reason: string }

export function cloudIdOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined
  const keys = Object.keys(value)
  const id = (value as Record<string, unknown>).$cloudID
  return keys.length === 1 && typeof id === 'string' ? id : undefined
}

export function replaceCloudIds(event: unknown, resolve: CloudIdResolver): unknown {
  if (!event || typeof event !== 'object' || Array.isArray(event)) return event
  const replaced: Record<string, unknown> = { ...(event as Record<string, unknown>) }
  let used = 0
  for (const [field, value] of Object.entries(replaced)) {
    const cloudID = cloudIdOf(value)
    if (cloudID === undefined) continue
    if (used >= MAX_CLOUD_IDS_PER_CALL) break
    used++
    const resolution = resolve(cloudID)
    // An unknown or expired id has no open data; the function sees why instead.
    replaced[field] = resolution.ok
      ? resolution.json
      : { cloudID, errCode: -601006, errMsg: `cloudID ${resolution.reason}` }
  }
  return replaced
}
