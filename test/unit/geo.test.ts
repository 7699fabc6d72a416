/**
 * Distances for the visit record's check-in, against values worked by hand on a sphere of the
 * earth's mean radius R = 6 371 008.8 m (haversine: d = 2R·asin√(sin²(Δφ/2) + cosφ₁cosφ₂sin²(Δλ/2))).
 */
import { EARTH_MEAN_RADIUS_M, FAR_FROM_PROJECT_M, checkInDistance, distanceMeters, formatDistance } from '../../src/domain/geo'

const R = EARTH_MEAN_RADIUS_M
const at = (latitude: number, longitude: number) => ({ latitude, longitude })

describe('distanceMeters: the great-circle distance on the mean sphere', () => {
  test('a point is 0 m from itself', () => {
    expect(distanceMeters(at(30.27, 120.15), at(30.27, 120.15))).toBe(0)
  })

  test('one degree along a meridian is R·π/180 = 111 195.08 m, wherever it is', () => {
    // 6 371 008.8 × 0.017 453 292 5 = 111 195.080
    expect(distanceMeters(at(0, 0), at(1, 0))).toBeCloseTo(111_195.08, 1)
    expect(distanceMeters(at(30, 120), at(31, 120))).toBeCloseTo(111_195.08, 1)
    expect(distanceMeters(at(-45, -70), at(-44, -70))).toBeCloseTo(111_195.08, 1)
  })

  test('one degree along the equator is the same 111 195.08 m', () => {
    expect(distanceMeters(at(0, 100), at(0, 101))).toBeCloseTo(111_195.08, 1)
  })

  test('one degree of longitude at 60° N: 2R·asin(cos 60° · sin 0.5°) = 2R·asin(0.5 × 0.008 726 535) = 55 597.01 m', () => {
    // Half the equator's degree, a little less: along the parallel it would be exactly 55 597.54 m;
    // the great circle between the two points cuts north of the parallel.
    expect(distanceMeters(at(60, 10), at(60, 11))).toBeCloseTo(55_597.01, 1)
  })

  test('antipodes are half the circumference apart: πR = 20 015 114.44 m', () => {
    expect(distanceMeters(at(0, 0), at(0, 180))).toBeCloseTo(20_015_114.44, 1)
    expect(distanceMeters(at(90, 0), at(-90, 0))).toBeCloseTo(Math.PI * R, 1)
  })

  test('across the antimeridian the short way round: 179.5° E to 179.5° W on the equator is 1° apart', () => {
    expect(distanceMeters(at(0, 179.5), at(0, -179.5))).toBeCloseTo(111_195.08, 1)
  })

  test('symmetric', () => {
    expect(distanceMeters(at(30.27, 120.15), at(30.297, 120.15))).toBe(distanceMeters(at(30.297, 120.15), at(30.27, 120.15)))
  })

  test('0.027° due north in Hangzhou is 0.027 × 111 195.08 = 3 002.27 m (the API story\'s "3 km away")', () => {
    expect(distanceMeters(at(30.27, 120.15), at(30.297, 120.15))).toBeCloseTo(3_002.27, 1)
  })
})

describe('checkInDistance: metres from the project and the far flag', () => {
  const project = at(30.27, 120.15)
  test('the threshold is 1 km', () => {
    expect(FAR_FROM_PROJECT_M).toBe(1000)
  })

  test('at the gate: near', () => {
    expect(checkInDistance(at(30.2705, 120.15), project)).toEqual({ meters: 56, far: false, farMeters: 1000 })
  })

  test('0.0089° north is 989.6 m: still near; 0.0090° is 1 000.76 m: far', () => {
    expect(checkInDistance(at(30.2789, 120.15), project)).toMatchObject({ meters: 990, far: false })
    expect(checkInDistance(at(30.279, 120.15), project)).toMatchObject({ meters: 1001, far: true })
  })

  test('3 km away: far', () => {
    expect(checkInDistance(at(30.297, 120.15), project)).toEqual({ meters: 3002, far: true, farMeters: 1000 })
  })

  test('a project without a location has no distance', () => {
    expect(checkInDistance(at(30.297, 120.15), undefined)).toBeUndefined()
  })
})

test('formatDistance reads metres under a kilometre, kilometres with one decimal above', () => {
  expect(formatDistance(56)).toBe('56 米')
  expect(formatDistance(999.4)).toBe('999 米')
  expect(formatDistance(1000)).toBe('1.0 公里')
  expect(formatDistance(3002)).toBe('3.0 公里')
})
