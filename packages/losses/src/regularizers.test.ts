import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { grad } from '@gradstream/autodiff'
import { identical, mul, randomNormal, square, sum, tensor, withTracer } from '@gradstream/tensor'
import type { Primitive, Tensor } from '@gradstream/tensor'
import { l1, l1l2, l2 } from './regularizers'

interface Golden {
  readonly sections: readonly { id: string; config: { w?: number[][] }; prints?: { printed: string; sim: number }[] }[]
}
// 正则化: l1_regularizer(.5)(w) prints 5.0 and l2_regularizer(.5)(w) 7.5. The golden data is in test/golden.
const golden: Golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/seed-transcript.json', import.meta.url), 'utf8'),
)
const section = golden.sections.find((s) => s.id === 'regularizers')!
const w = tensor(section.config.w!) // [[1, -2], [-3, 4]]
const [l1Print, l2Print] = section.prints!

describe('l1', () => {
  it("gives the seed's 5.0 for l1(0.5)", () => {
    const penalty = l1(0.5)(w)
    expect(penalty.shape).toEqual([])
    expect([penalty.item(), l1Print!.printed]).toEqual([5, '5.0'])
    expect(penalty.item()).toBe(l1Print!.sim)
  })

  it('returns a scalar 0 of the weights dtype for scale 0', () => {
    const penalty = l1(0)(tensor([1, 2], undefined, 'float64'))
    expect([penalty.item(), penalty.dtype, penalty.shape]).toEqual([0, 'float64', []])
  })

  it('rejects a negative, NaN or non-number scale', () => {
    expect(() => l1(-0.1)).toThrow('l1: scale must be a finite number >= 0, got -0.1')
    expect(() => l1(NaN)).toThrow('l1: scale must be a finite number >= 0, got NaN')
    expect(() => Reflect.apply(l1, undefined, ['0.5'])).toThrow('l1: scale must be a finite number >= 0, got "0.5"')
  })

  it('rejects integer and bool weights, naming the regularizer', () => {
    expect(() => l1(0.5)(tensor([1, 2], undefined, 'int32'))).toThrow(
      'l1: weights must have dtype float32 or float64, got int32',
    )
    expect(() => l2(0.5)(tensor([1, 2], undefined, 'int32'))).toThrow(
      'l2: weights must have dtype float32 or float64, got int32',
    )
    expect(() => l1l2({ l1: 0.5, l2: 0.5 })(tensor([true]))).toThrow(
      'l1l2: weights must have dtype float32 or float64, got bool',
    )
  })

  it('rejects weights that are not a Tensor', () => {
    expect(() => Reflect.apply(l1(0.5), undefined, [[1, 2]])).toThrow(
      "l1: argument 'weights' must be a Tensor, got an array",
    )
  })
})

describe('l2', () => {
  it("gives the seed's 7.5 for l2(0.5): TF1 halves the sum of squares", () => {
    expect([l2(0.5)(w).item(), l2Print!.printed]).toEqual([7.5, '7.5'])
    expect(l2(0.5)(w).item()).toBe(l2Print!.sim)
  })

  it('is scale · Σw² / 2 on float32 data', () => {
    const values = [0.1, -0.7, 1.3]
    const expected = (0.003 * values.reduce((acc, v) => acc + Math.fround(v) ** 2, 0)) / 2
    expect(l2(0.003)(tensor(values)).item()).toBeCloseTo(expected, 8)
  })

  it('rejects a negative scale', () => {
    expect(() => l2(-1)).toThrow('l2: scale must be a finite number >= 0, got -1')
  })

  it('is one L2Loss op and one multiply, as in TF1', () => {
    const ops: Primitive[] = []
    withTracer({ record: (op) => void ops.push(op) }, () => l2(0.003)(w))
    expect(ops).toEqual(['l2Loss', 'mul'])
  })

  it('equals scale · sum(square(w) · 0.5) bit for bit in value and gradient on float32 weights', () => {
    // The composite TF1's L2Loss stands for, written out as the independent reference.
    const composite = (p: Tensor) => mul(0.003, sum(mul(square(p), 0.5)))
    const shapes = [[2, 10], [10, 5], [5, 3], [3, 1], [257]]
    shapes.forEach((shape, seed) => {
      for (const stddev of [1e-3, 0.5, 40]) {
        const weights = randomNormal(shape, { stddev, seed })
        expect(identical(l2(0.003)(weights), composite(weights))).toBe(true)
        expect(identical(grad(l2(0.003))(weights), grad(composite)(weights))).toBe(true)
      }
    })
  })
})

describe('l1l2', () => {
  it('adds the L1 and L2 terms', () => {
    expect(l1l2({ l1: 0.5, l2: 0.5 })(w).item()).toBe(12.5)
    expect(l1l2({ l1: 0, l2: 0.5 })(w).item()).toBe(7.5)
  })

  it('rejects a missing scale and unknown options', () => {
    expect(() => Reflect.apply(l1l2, undefined, [{ l1: 0.5 }])).toThrow(
      'l1l2: l2 must be a finite number >= 0, got undefined',
    )
    expect(() => Reflect.apply(l1l2, undefined, [{ l1: 0.5, l2: 0.5, alpha: 1 }])).toThrow(
      "l1l2: unknown option 'alpha'; expected one of l1, l2",
    )
  })
})
