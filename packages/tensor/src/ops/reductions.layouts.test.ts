import { describe, expect, it } from 'vitest'
import { max, min, prod, sum, tensor } from '../index'

const f32 = Math.fround

/** Deterministic values from a linear congruential generator, spread over several magnitudes. */
function spreadValues(size: number, seed: number, scale: (u: number, i: number) => number): number[] {
  let state = seed
  return Array.from({ length: size }, (_, i) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return scale(state / 2 ** 32, i)
  })
}

/** Folds the `axes` of flat row-major `values` for each kept position, visiting reduced elements in row-major order. */
function referenceReduce(
  values: readonly number[],
  shape: readonly number[],
  axes: readonly number[],
  fold: (acc: number, v: number) => number,
  initial: number,
): number[] {
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((n, d) => n * d, 1))
  const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i))
  const offsetOf = (flat: number, dims: readonly number[]) => {
    let offset = 0
    for (let i = dims.length - 1; i >= 0; i--) {
      const dim = shape[dims[i]!]!
      offset += (flat % dim) * strides[dims[i]!]!
      flat = Math.floor(flat / dim)
    }
    return offset
  }
  const count = (dims: readonly number[]) => dims.reduce((n, a) => n * shape[a]!, 1)
  return Array.from({ length: count(kept) }, (_, o) => {
    const base = offsetOf(o, kept)
    let acc = initial
    for (let r = 0; r < count(axes); r++) acc = fold(acc, values[base + offsetOf(r, axes)]!)
    return acc
  })
}

const nanMax = (acc: number, v: number) => (v > acc || Number.isNaN(v) ? v : acc)
const nanMin = (acc: number, v: number) => (v < acc || Number.isNaN(v) ? v : acc)

// Reduced axes after the kept ones, before them, interleaved, and with axes of length 1 in between.
const layouts: [number[], number[]][] = [
  [[4, 3], [0]],
  [[4, 3], [1]],
  [
    [2, 3, 4],
    [0, 1],
  ],
  [
    [2, 3, 4],
    [1, 2],
  ],
  [
    [2, 3, 4],
    [0, 2],
  ],
  [[2, 3, 4], [1]],
  [[1, 4, 1, 3], [1]],
  [
    [3, 1, 4],
    [0, 2],
  ],
  [[2, 1, 3], [1]],
  [
    [5, 2, 1, 3],
    [0, 3],
  ],
  [[7], [0]],
  [[2, 3], []],
]

describe.each(layouts)('reductions of shape %j over axes %j', (shape, axes) => {
  const size = shape.reduce((n, d) => n * d, 1)
  const floats = spreadValues(size, size + axes.length, (u, i) => f32((u - 0.5) * 10 ** (i % 6)))
  const x = tensor(floats, shape)

  it('sum matches a sequential float32 fold', () => {
    expect(sum(x, axes).toFlatArray()).toEqual(referenceReduce(floats, shape, axes, (a, v) => f32(a + v), 0))
  })

  it('prod matches a sequential float32 fold', () => {
    const near1 = spreadValues(size, 7, (u) => f32(0.5 + u))
    expect(prod(tensor(near1, shape), axes).toFlatArray()).toEqual(
      referenceReduce(near1, shape, axes, (a, v) => f32(a * v), 1),
    )
  })

  it('max and min match, NaN included', () => {
    const withNaN = floats.map((v, i) => (i % 5 === 3 ? NaN : v))
    const t = tensor(withNaN, shape)
    expect(max(t, axes).toFlatArray()).toEqual(referenceReduce(withNaN, shape, axes, nanMax, -Infinity))
    expect(min(t, axes).toFlatArray()).toEqual(referenceReduce(withNaN, shape, axes, nanMin, Infinity))
  })

  it('int32 sum, prod, max and min wrap and compare like 32-bit integers', () => {
    const ints = spreadValues(size, 11, (u) => Math.floor((u - 0.5) * 2 ** 32) | 0)
    const t = tensor(ints, shape, 'int32')
    expect(sum(t, axes).toFlatArray()).toEqual(referenceReduce(ints, shape, axes, (a, v) => (a + v) | 0, 0))
    expect(prod(t, axes).toFlatArray()).toEqual(referenceReduce(ints, shape, axes, Math.imul, 1))
    expect(max(t, axes).toFlatArray()).toEqual(referenceReduce(ints, shape, axes, nanMax, -Infinity))
    expect(min(t, axes).toFlatArray()).toEqual(referenceReduce(ints, shape, axes, nanMin, Infinity))
  })

  it('float64 sum matches a sequential double fold', () => {
    const t = tensor(floats, shape, 'float64')
    expect(sum(t, axes).toFlatArray()).toEqual(referenceReduce(floats, shape, axes, (a, v) => a + v, 0))
  })
})
