// Gradient conventions of the composite reductions (norm, moments), with
// exact values that finite differences cannot check.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { grad } from '../valueAndGrad'

const f64 = (values: number[] | number[][]) => t.tensor(values, undefined, 'float64')
const gradOf = (fn: (x: Tensor) => Tensor, x: Tensor) => grad((p: Tensor) => t.sum(fn(p)))(x).toArray()
/** Float64 values within a few ulps of `expected` (the rule rounds at each of its steps). */
const expectClose = (values: unknown, expected: number[]) =>
  expected.forEach((e, i) => expect((values as number[])[i]).toBeCloseTo(e, 14))

describe('norm', () => {
  it('has gradient x / norm for the euclidean norm', () => {
    expectClose(
      gradOf((x) => t.norm(x), f64([3, 4])),
      [0.6, 0.8],
    )
  })

  it('has a NaN gradient at 0, as TF1 (0 times the infinite gradient of sqrt)', () => {
    const g = gradOf(
      (x) => t.norm(x, { axis: 1 }),
      f64([
        [0, 0],
        [3, 4],
      ]),
    ) as number[][]
    expect(g[0]!.every(Number.isNaN)).toBe(true)
    expectClose(g[1], [0.6, 0.8])
  })

  it('passes sign(x) for ord 1, 0 at 0, and splits a tied inf-norm equally', () => {
    expect(gradOf((x) => t.norm(x, { ord: 1 }), f64([-2, 0, 5]))).toEqual([-1, 0, 1])
    expect(gradOf((x) => t.norm(x, { ord: Infinity }), f64([-3, 1, 3]))).toEqual([-0.5, 0, 0.5])
  })
})

describe('moments', () => {
  it('gives the variance the full gradient 2(x − mean)/n despite the stopped mean', () => {
    const x = f64([1, 2, 6])
    expect(gradOf((p) => t.moments(p, 0).variance, x)).toEqual([
      (2 * (1 - 3)) / 3,
      (2 * (2 - 3)) / 3,
      (2 * (6 - 3)) / 3,
    ])
    expect(gradOf((p) => t.moments(p, 0).mean, x)).toEqual([1 / 3, 1 / 3, 1 / 3])
  })
})
