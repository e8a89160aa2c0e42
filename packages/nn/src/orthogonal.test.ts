import { describe, expect, it } from 'vitest'
import { ConfigError, ShapeError } from '@gradstream/core'
import { randomNormal } from '@gradstream/tensor'
import { orthogonal } from './orthogonal'

/** Row-major `rows × columns` values as an array of rows. */
function toRows(values: readonly number[], rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, (_, i) => values.slice(i * columns, (i + 1) * columns))
}

/** Gram matrix of the columns, Mᵀ M, in float64. */
function columnGram(m: readonly (readonly number[])[]): number[][] {
  const n = m[0]!.length
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => m.reduce((acc, row) => acc + row[i]! * row[j]!, 0)),
  )
}

const transposed = (m: readonly (readonly number[])[]): number[][] => m[0]!.map((_, j) => m.map((row) => row[j]!))

/** The largest |G − I| over a square matrix. */
const distanceFromIdentity = (g: readonly (readonly number[])[]): number =>
  Math.max(...g.flatMap((row, i) => row.map((v, j) => Math.abs(v - (i === j ? 1 : 0)))))

/**
 * The reference: modified Gram-Schmidt on the columns of `a`, in float64. Its R
 * has a positive diagonal, so it is the Q that TF1's sign correction gives.
 */
function gramSchmidt(a: readonly (readonly number[])[]): number[][] {
  const columns = transposed(a)
  const q: number[][] = []
  for (const column of columns) {
    const v = [...column]
    for (const u of q) {
      const dot = u.reduce((acc, x, i) => acc + x * v[i]!, 0)
      u.forEach((x, i) => (v[i]! -= dot * x))
    }
    const norm = Math.sqrt(v.reduce((acc, x) => acc + x * x, 0))
    q.push(v.map((x) => x / norm))
  }
  return transposed(q)
}

// Storing Q in float32 moves each entry by at most 2⁻²⁴ relative, and a dot product of two unit columns by 2⁻²³.
const FLOAT32_GRAM_TOLERANCE = 2 ** -22

describe('orthogonal', () => {
  it('gives orthonormal columns for a tall shape, over all axes but the last (a conv kernel)', () => {
    const kernel = orthogonal({ seed: 1 })([3, 3, 4, 8])
    expect(kernel.shape).toEqual([3, 3, 4, 8])
    const gram = columnGram(toRows(kernel.toFlatArray(), 36, 8))
    expect(distanceFromIdentity(gram)).toBeLessThan(FLOAT32_GRAM_TOLERANCE)
  })

  it('gives orthonormal rows for a wide shape', () => {
    const wide = toRows(orthogonal({ seed: 2 })([3, 7]).toFlatArray(), 3, 7)
    expect(distanceFromIdentity(columnGram(transposed(wide)))).toBeLessThan(FLOAT32_GRAM_TOLERANCE)
  })

  it("is the sign-corrected Q of TF1's seeded normal matrix: Gram-Schmidt's Q, rounded to float32", () => {
    const normal = toRows(randomNormal([6, 4], { seed: 5 }).toFlatArray(), 6, 4)
    const expected = gramSchmidt(normal).flat()
    const values = orthogonal({ seed: 5 })([6, 4]).toFlatArray()
    // Gram-Schmidt on a well-conditioned 6 × 4 matrix is accurate to ~1e-15; the rest is float32 rounding of |q| < 1.
    values.forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThanOrEqual(2 ** -24 + 1e-12))
  })

  it('draws the wide case from a transposed normal matrix, as TF1', () => {
    const normal = toRows(randomNormal([5, 2], { seed: 8 }).toFlatArray(), 5, 2)
    const expected = transposed(gramSchmidt(normal)).flat()
    const values = orthogonal({ seed: 8 })([2, 5]).toFlatArray()
    values.forEach((v, k) => expect(Math.abs(v - expected[k]!)).toBeLessThanOrEqual(2 ** -24 + 1e-12))
  })

  it('multiplies by gain in float32', () => {
    const unit = orthogonal({ seed: 3 })([4, 4]).toFlatArray()
    const scaled = orthogonal({ gain: 1.3, seed: 3 })([4, 4]).toFlatArray()
    expect(scaled).toEqual(unit.map((v) => Math.fround(Math.fround(1.3) * v)))
  })

  it('is reproducible for a seed, prefers the seed passed at call time, and differs between seeds', () => {
    const a = orthogonal({ seed: 1 })([4, 3]).toArray()
    expect(orthogonal({ seed: 1 })([4, 3]).toArray()).toEqual(a)
    expect(orthogonal({ seed: 6 })([4, 3], 1).toArray()).toEqual(a)
    expect(orthogonal({ seed: 2 })([4, 3]).toArray()).not.toEqual(a)
  })

  it('makes empty tensors for shapes with a zero axis', () => {
    expect(orthogonal({ seed: 1 })([0, 3]).shape).toEqual([0, 3])
    expect(orthogonal({ seed: 1 })([3, 0]).shape).toEqual([3, 0])
  })

  it('refuses shapes of rank < 2, a gain that is not finite, unknown options and bad seeds', () => {
    expect(() => orthogonal()([4])).toThrow(new ShapeError('orthogonal', 'shape must have at least 2 axes, got [4]'))
    expect(() => orthogonal({ gain: Infinity })).toThrow(
      new ConfigError('orthogonal', 'gain must be a finite number, got Infinity'),
    )
    expect(() => Reflect.apply(orthogonal, undefined, [{ scale: 1 }])).toThrow(
      new ConfigError('orthogonal', "unknown option 'scale'; expected one of gain, seed"),
    )
    expect(() => orthogonal()([2, 2], 0.5)).toThrow(new ConfigError('orthogonal', 'seed must be an integer, got 0.5'))
  })
})
