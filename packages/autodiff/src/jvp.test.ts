import { ConfigError, StructureError } from '@gradstream/core'
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { customVjp } from './customVjp'
import { jvp } from './jvp'
import { directionalDifference, dot, forwardCases, pointAndDirection } from './testing/forwardMode'
import { grad } from './valueAndGrad'
import { vjp } from './vjp'

const f64 = (values: number[]) => t.tensor(values, undefined, 'float64')

/** Equal within `tolerance`, relative to the size of the expected value past 1. */
function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]!)).toBeLessThan(tolerance * Math.max(1, Math.abs(expected[i]!))),
  )
}

describe('jvp', () => {
  describe.each(forwardCases)('of $name', ({ shapes, f }) => {
    const { xs, vs } = pointAndDirection(shapes, 11)

    it('returns f(primals) and matches central differences in float64', () => {
      const { value, tangent } = jvp(f, xs, vs)
      expect(value.toArray()).toEqual(f(...xs).toArray())
      expect(tangent.shape).toEqual(value.shape)
      expect(tangent.dtype).toBe('float64')
      // A float64 central difference with ε = 1e-6 carries about 1e-10 of rounding error.
      expectClose(tangent.toFlatArray(), directionalDifference(f, xs, vs), 1e-8)
    })

    it('agrees with reverse mode: <J v, u> = <v, Jᵀ u>', () => {
      const { value, tangent } = jvp(f, xs, vs)
      const u = t.randomUniform(value.shape, { seed: 3, minval: -1, maxval: 1, dtype: 'float64' })
      const pulled = vjp((ys: Tensor[]) => f(...ys), xs).vjp(u)
      expect(dot([tangent], [u])).toBeCloseTo(dot(vs, pulled), 12)
    })
  })

  it('is linear in the tangents (any seed)', () => {
    const { f, shapes } = forwardCases[5]!
    const property = fc.property(
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      (seed, a) => {
        const { xs, vs } = pointAndDirection(shapes, seed)
        const scaled = jvp(
          f,
          xs,
          vs.map((v) => t.mul(v, a)),
        ).tangent.toFlatArray()
        const once = jvp(f, xs, vs).tangent.toFlatArray()
        scaled.forEach((value, i) => expect(value).toBeCloseTo(a * once[i]!, 10))
      },
    )
    fc.assert(property, { numRuns: 30, seed: 20261203 })
  })

  it('takes pytree primals, and gives 0 for a function that ignores them', () => {
    const params = { w: f64([1, 2]), layers: [{ b: f64([3]) }] }
    const tangents = { w: f64([1, 1]), layers: [{ b: f64([2]) }] }
    // Σ w² + b: tangent 2·w·tw + tb
    const f = (p: typeof params) => t.add(t.sum(t.square(p.w)), p.layers[0]!.b)
    expect(jvp(f, [params], [tangents]).tangent.toArray()).toEqual([2 + 4 + 2])
    const constant = jvp((_x: Tensor) => f64([5, 6]), [f64([1])], [f64([1])])
    expect(constant.tangent.toArray()).toEqual([0, 0])
    expect(jvp((x: Tensor) => x, [f64([1, 2])], [f64([3, 4])]).tangent.toArray()).toEqual([3, 4])
  })

  it('works in float32', () => {
    const x = t.tensor([0.5, -1])
    const { tangent } = jvp((p: Tensor) => t.exp(p), [x], [t.tensor([1, 2])])
    expect(tangent.dtype).toBe('float32')
    expect(tangent.toArray()).toEqual(t.mul(t.exp(x), t.tensor([1, 2])).toArray())
  })

  it('goes through a customVjp rule', () => {
    const log1pexp = customVjp(
      (x: Tensor) => t.log1p(t.exp(x)),
      (g, [x]) => [t.mul(g, t.sigmoid(x))],
    )
    expect(jvp(log1pexp, [t.tensor([0, 100])], [t.tensor([2, 3])]).tangent.toArray()).toEqual([1, 3])
  })

  it('is differentiable: jvp of grad gives Hessian-vector products (forward over reverse)', () => {
    // f = Σ x³: H = diag(6x), so H v = 6x·v
    const x = f64([1, -2, 0.5])
    const v = f64([1, 2, 3])
    const hvp = jvp(
      grad((p: Tensor) => t.sum(t.pow(p, 3))),
      [x],
      [v],
    ).tangent.toFlatArray()
    expectClose(hvp, [6, -24, 9], 1e-12)
    // and reverse over forward: d/dx of the directional derivative Σ 3x²·v is 6x·v
    const rof = grad((p: Tensor) => t.sum(jvp((q: Tensor) => t.sum(t.pow(q, 3)), [p], [v]).tangent))(x)
    expectClose(rof.toFlatArray(), [6, -24, 9], 1e-12)
  })

  it('refuses primals and tangents that are not arrays of arguments', () => {
    const x = f64([1])
    const loose = jvp as (f: unknown, primals: unknown, tangents: unknown) => unknown
    expect(() => loose((p: Tensor) => p, x, [x])).toThrow(
      new ConfigError('jvp', 'primals must be an array with one entry per argument of f, got a Tensor'),
    )
    expect(() => loose((p: Tensor) => p, [x], undefined)).toThrow(
      new ConfigError('jvp', 'tangents must be an array with one entry per argument of f, got undefined'),
    )
    expect(() => loose((p: Tensor) => p, [x], [x, x])).toThrow(StructureError)
    expect(() => loose((p: { w: Tensor }) => p.w, [{ w: x }], [{ v: x }])).toThrow(
      'jvp: primals[0].w is a Tensor but tangents[0].w is missing',
    )
  })

  it('refuses tangents of another shape or dtype, and integer primals, leaving inputs untouched', () => {
    const x = f64([1, 2])
    expect(() => jvp((p: { w: Tensor }) => p.w, [{ w: x }], [{ w: f64([1]) }])).toThrow(
      new t.ShapeError('jvp', 'tangents[0].w has shape [1], primals[0].w has shape [2]'),
    )
    expect(() => jvp((p: Tensor) => p, [x], [t.tensor([1, 2])])).toThrow(
      new t.DTypeError('jvp', 'tangents[0] has dtype float32, primals[0] has dtype float64'),
    )
    const ints = t.tensor([1, 2], undefined, 'int32')
    expect(() => jvp((p: Tensor) => t.cast(p, 'float32'), [ints], [ints])).toThrow(
      new t.DTypeError(
        'jvp',
        'primals[0] has dtype int32; only float32 and float64 leaves can be differentiated (pass other values as extra arguments)',
      ),
    )
    expect(() => jvp((p: Tensor) => t.argMax(p), [x], [x])).toThrow(
      new t.DTypeError('jvp', 'f must return a float32 or float64 tensor, got int32'),
    )
    expect(x.toArray()).toEqual([1, 2])
    expect(t.isTracing()).toBe(false)
  })
})
