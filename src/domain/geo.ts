/**
 * Distances on the earth, for the visit record's check-in: how far the phone was from the project's
 * address when the team checked in, and whether that is far enough to flag.
 */
import type { GeoPoint } from './types'

/** The earth's mean radius (IUGG), in metres. */
export const EARTH_MEAN_RADIUS_M = 6_371_008.8

/**
 * A check-in farther than this from the project's location is flagged.
 *
 * 1 km: a project's stored point is one spot (the gate, or where the map put the address) on a site
 * that in an industrial park can stretch several hundred metres, and a phone's fix indoors is off by
 * tens to a few hundred metres. Beyond 1 km the team was not on the site — a neighbouring park,
 * a canteen down the road, the office — which is what the flag is for.
 */
export const FAR_FROM_PROJECT_M = 1000

const RAD = Math.PI / 180

/**
 * The great-circle distance between two points on a sphere of the earth's mean radius (haversine),
 * in metres. Pure; accurate to about 0.5 % against the ellipsoid, far finer than a phone's fix.
 *
 * @example distanceMeters({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }) // 111195.08 (R·π/180)
 * @example distanceMeters({ latitude: 30.27, longitude: 120.15 }, { latitude: 30.27, longitude: 120.15 }) // 0
 */
export function distanceMeters(a: Pick<GeoPoint, 'latitude' | 'longitude'>, b: Pick<GeoPoint, 'latitude' | 'longitude'>): number {
  const phi1 = a.latitude * RAD
  const phi2 = b.latitude * RAD
  const dPhi = (b.latitude - a.latitude) * RAD
  const dLambda = (b.longitude - a.longitude) * RAD
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

export interface CheckInDistance {
  /** Rounded to the metre. */
  meters: number
  far: boolean
  /** The threshold the flag was judged against. */
  farMeters: number
}

/** How far a check-in was from the project, or undefined when the project has no location. */
export function checkInDistance(checkIn: Pick<GeoPoint, 'latitude' | 'longitude'>, project: Pick<GeoPoint, 'latitude' | 'longitude'> | undefined): CheckInDistance | undefined {
  if (!project) return undefined
  const meters = Math.round(distanceMeters(checkIn, project))
  return { meters, far: meters > FAR_FROM_PROJECT_M, farMeters: FAR_FROM_PROJECT_M }
}

/** '850 米', '3.2 公里'. */
export function formatDistance(meters: number): string {
  return meters < 1000 ? `${Math.round(meters)} 米` : `${(meters / 1000).toFixed(1)} 公里`
}
