import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, norm, tensor, zeros } from '../index'
import type { Tensor } from '../index'

/** Deterministic values in [-3, 3) from a linear congruential generator. */
function randomTensor(shape: number[], seed: number): Tensor {
  let state = seed
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state / 2 ** 32) * 6 - 3
  })
  return tensor(values, shape, 'float64')
}

// Float64 references, written plainly.
const pNorm = (v: number[], p: number) => v.reduce((a, x) => a + Math.abs(x) ** p, 0) ** (1 / p)
const maxAbs = (v: number[]) => Math.max(...v.map(Math.abs))
const columns = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!))

describe('norm of vectors', () => {
  const x = randomTensor([3, 5], 1)
  const rows = x.toArray() as number[][]

  it.each([
    ['euclidean', (v: number[]) => pNorm(v, 2)],
    [2, (v: number[]) => pNorm(v, 2)],
    [1, (v: number[]) => pNorm(v, 1)],
    [Infinity, maxAbs],
    [3, (v: number[]) => pNorm(v, 3)],
    [0.5, (v: number[]) => pNorm(v, 0.5)],
  ] as const)('ord %s along the last axis matches the float64 reference', (ord, reference) => {
    const out = norm(x, { ord, axis: -1 })
    expect(out.shape).toEqual([3])
    ;(out.toArray() as number[]).forEach((v, i) => expect(v).toBeCloseTo(reference(rows[i]!), 12))
  })

  it('takes the whole tensor as one vector without axis, and keeps axes with keepDims', () => {
    expect(norm(x).shape).toEqual([])
    expect(norm(x).item()).toBeCloseTo(pNorm(rows.flat(), 2), 12)
    expect(norm(x, { keepDims: true }).shape).toEqual([1, 1])
    expect(norm(x, { axis: 0, keepDims: true }).shape).toEqual([1, 5])
    expect(norm(x, { ord: 1 }).item()).toBeCloseTo(pNorm(rows.flat(), 1), 12)
  })

  it('computes the euclidean norm in float32 as sqrt of the sequential float32 sum of x * x', () => {
    const values = [0.1, -0.7, 1.3, 2.9, -0.05]
    let acc = 0
    for (const v of values) acc = Math.fround(acc + Math.fround(Math.fround(v) * Math.fround(v)))
    expect(norm(tensor(values)).item()).toBe(Math.fround(Math.sqrt(acc)))
    expect(norm(tensor([3, 4])).item()).toBe(5)
  })

  it('is 0 for zeros and for an empty vector (except the refused max)', () => {
    expect(norm(zeros([3])).item()).toBe(0)
    expect(norm(zeros([0])).item()).toBe(0)
    expect(norm(zeros([0]), { ord: 1 }).item()).toBe(0)
  })
})

describe('norm of matrices', () => {
  const x = randomTensor([2, 3, 4], 2)
  const planes = x.toArray() as number[][][]

  it('gives the Frobenius norm for euclidean and fro', () => {
    for (const ord of ['euclidean', 'fro'] as const) {
      const out = norm(x, { ord, axis: [1, 2] })
      expect(out.shape).toEqual([2])
      ;(out.toArray() as number[]).forEach((v, b) => expect(v).toBeCloseTo(pNorm(planes[b]!.flat(), 2), 12))
    }
  })

  it('gives the largest column sum for 1 and the largest row sum for Infinity', () => {
    const one = norm(x, { ord: 1, axis: [1, 2] }).toArray() as number[]
    const inf = norm(x, { ord: Infinity, axis: [-2, -1] }).toArray() as number[]
    planes.forEach((m, b) => {
      expect(one[b]).toBeCloseTo(Math.max(...columns(m).map((c) => pNorm(c, 1))), 12)
      expect(inf[b]).toBeCloseTo(Math.max(...m.map((r) => pNorm(r, 1))), 12)
    })
    // Swapping the axes transposes the matrix: its 1-norm is the transpose's inf-norm.
    expect(norm(x, { ord: 1, axis: [2, 1] }).toArray()).toEqual(inf)
    expect(norm(x, { ord: 1, axis: [1, 2], keepDims: true }).shape).toEqual([2, 1, 1])
  })
})

describe('norm argument checks', () => {
  const x = tensor([
    [1, 2],
    [3, 4],
  ])

  it('refuses orders TF1 refuses or gradstream cannot compute, naming them', () => {
    expect(() => norm(x, { ord: 2, axis: [0, 1] })).toThrow(
      new ConfigError('norm', 'the matrix 2-norm (largest singular value) needs an SVD, which gradstream lacks'),
    )
    expect(() => norm(x, { ord: 3, axis: [0, 1] })).toThrow(
      new ConfigError('norm', "ord must be 'euclidean', 'fro', 1 or Infinity for a matrix norm, got 3"),
    )
    expect(() => norm(x, { ord: 'fro' })).toThrow(
      new ConfigError('norm', "ord 'fro' is a matrix norm: give axis as a pair of axes, or use 'euclidean'"),
    )
    for (const ord of [0, -1, NaN, 'max']) {
      expect(() => norm(x, { ord: ord as never })).toThrow(ConfigError)
    }
    expect(() => norm(x, { ord: -1 })).toThrow(
      new ConfigError('norm', "ord must be 'euclidean', 'fro' or a number > 0, got -1"),
    )
  })

  it('refuses bad axes, options and dtypes', () => {
    expect(() => norm(x, { axis: [0, -2] })).toThrow(
      new ConfigError('norm', 'axis must name two different axes for a matrix norm, got [0, -2]'),
    )
    expect(() => norm(x, { axis: [0, 1, 2] as never })).toThrow(
      new ConfigError('norm', 'axis must be an integer or a pair of axes, got an array'),
    )
    expect(() => norm(x, { axis: 2 })).toThrow(new ShapeError('norm', 'axis 2 is out of range for a tensor of rank 2'))
    expect(() => norm(x, { ords: 1 } as never)).toThrow(
      new ConfigError('norm', "unknown option 'ords'; expected one of ord, axis, keepDims"),
    )
    expect(() => norm(x, { keepDims: 'no' as never })).toThrow(
      new ConfigError('norm', 'keepDims must be a boolean, got "no"'),
    )
    expect(() => norm(tensor([1], undefined, 'int32'))).toThrow(
      new DTypeError('norm', 'x must have dtype float32 or float64, got int32'),
    )
    expect(() => norm(zeros([0, 2]), { ord: Infinity, axis: 0 })).toThrow(
      new ShapeError('norm', 'cannot take a max over an empty axis of a tensor of shape [0, 2]'),
    )
    expect(norm(x, undefined).item()).toBeCloseTo(Math.sqrt(30), 6)
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })
})
