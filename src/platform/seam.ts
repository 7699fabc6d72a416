/**
 * Typed default of the platform seam (what tsc checks and jest resolves). Builds use
 * seam.weapp.ts or seam.h5.ts instead. Harmless fakes: no network, a fixed point, no photos.
 */
import type { Platform } from './seamApi'

export const platform: Platform = {
  kind: 'test',
  callFunction: async () => ({ transportError: 'no cloud in this build' }),
  openedFromGroup: () => false,
  groupCloudId: async () => undefined,
  requestSubscribe: async (ids) => Object.fromEntries(ids.map((id) => [id, 'accept'])),
  getLocation: async () => ({ latitude: 34.81, longitude: 117.32, accuracy: 30 }),
  choosePhotos: async () => [],
  uploadFile: async (_file, cloudPath) => `cloud://test-env.bucket/${cloudPath}`,
  displayUrl: (fileID) => fileID,
  tempUrls: async (ids) => Object.fromEntries(ids.map((id) => [id, id])),
  openDocument: async () => undefined,
  enableGroupShare: () => undefined,
}
