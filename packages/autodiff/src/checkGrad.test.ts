import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { checkGrad } from './checkGrad'

describe('checkGrad', () => {
  it('reports tiny errors for a correct gradient, per leaf with its path', () => {
    const params = { w: t.tensor([0.5, -1]), layers: [{ b: t.tensor([0.3]) }] }
    const result = checkGrad((p: typeof params) => t.sum(t.mul(t.exp(p.w), p.layers[0]!.b)), params)
    expect(result.leaves.map((l) => l.path)).toEqual(['w', 'layers[0].b'])
    expect(result.maxAbsError).toBeLessThan(1e-8)
    expect(result.maxRelError).toBeLessThan(1e-8)
  })

  it('finds a wrong gradient', () => {
    // stopGradient hides one factor from the analytic gradient: it says x, the differences say 2x.
    const result = checkGrad((x: Tensor) => t.sum(t.mul(x, t.stopGradient(x))), t.tensor([0.5, 3]))
    expect(result.maxAbsError).toBeCloseTo(3, 6)
    expect(result.leaves[0]!.maxRelError).toBeCloseTo(0.5, 6) // |3 - 6| / 6
    expect(result.leaves[0]!.path).toBe('')
  })

  it('runs f on params cast to the chosen dtype', () => {
    const seen: string[] = []
    const f = (x: Tensor) => (seen.push(x.dtype), t.sum(t.square(x)))
    checkGrad(f, t.tensor([1], undefined, 'float64'), { dtype: 'float32' })
    checkGrad(f, t.tensor([1]))
    expect(new Set(seen.slice(0, 3))).toEqual(new Set(['float32']))
    expect(seen.at(-1)).toBe('float64')
  })

  it('is less exact in float32, as finite differences there are', () => {
    const f = (x: Tensor) => t.sum(t.tanh(t.mul(x, 3)))
    const x = t.tensor([0.1, 0.2, -0.4])
    const float32 = checkGrad(f, x, { dtype: 'float32' })
    const float64 = checkGrad(f, x)
    expect(float32.maxRelError).toBeLessThan(1e-2)
    expect(float64.maxRelError).toBeLessThan(float32.maxRelError)
  })

  it('rejects a bad eps, dtype, option or f and a non-scalar f', () => {
    const f = (x: Tensor) => t.sum(x)
    expect(() => checkGrad(f, t.ones([1]), { eps: 0 })).toThrow(
      new t.ConfigError('checkGrad', 'eps must be a finite number > 0, got 0'),
    )
    expect(() => checkGrad(f, t.ones([1]), { dtype: 'int32' as 'float32' })).toThrow(
      new t.DTypeError('checkGrad', 'dtype must be float32 or float64, got "int32"'),
    )
    // @ts-expect-error: an unknown option
    expect(() => checkGrad(f, t.ones([1]), { epsilon: 1 })).toThrow(
      new t.ConfigError('checkGrad', "unknown option 'epsilon'; expected one of eps, dtype"),
    )
    expect(() => checkGrad(5 as unknown as typeof f, t.ones([1]))).toThrow(
      new t.ConfigError('checkGrad', 'f must be a function, got 5'),
    )
    expect(() => checkGrad((x: Tensor) => x, t.ones([2]))).toThrow(
      'checkGrad: f must return a scalar (shape []), got shape [2]',
    )
  })

  it('leaves the params untouched', () => {
    const x = t.tensor([1, 2])
    checkGrad((p: Tensor) => t.sum(t.square(p)), x)
    expect(x.toArray()).toEqual([1, 2])
    expect(x.dtype).toBe('float32')
  })
})
