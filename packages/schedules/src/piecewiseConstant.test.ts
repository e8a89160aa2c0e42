import { describe, expect, it } from 'vitest'
import { piecewiseConstant } from './piecewiseConstant'

describe('piecewiseConstant', () => {
  it('switches after each boundary, as TF1 does', () => {
    const lr = piecewiseConstant([2, 4], [1, 0.5, 0.25])
    expect([0, 1, 2, 3, 4, 5, 100].map(lr)).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25])
  })

  it('matches the example in the TF1 docstring: 1.0 for 100001 steps, then 0.5 for 10000, then 0.1', () => {
    const lr = piecewiseConstant([100000, 110000], [1.0, 0.5, 0.1])
    expect([lr(100000), lr(100001), lr(110000), lr(110001)]).toEqual([1, 0.5, 0.5, Math.fround(0.1)])
  })

  it('with no boundaries is a constant', () => {
    const lr = piecewiseConstant([], [0.3])
    expect([lr(0), lr(1e9)]).toEqual([Math.fround(0.3), Math.fround(0.3)])
  })

  it('rejects a values list of the wrong length', () => {
    expect(() => piecewiseConstant([10, 20], [1, 0.5])).toThrow(
      'piecewiseConstant: values must have one more entry than boundaries, got 2 boundaries and 2 values',
    )
  })

  it('rejects boundaries that do not increase', () => {
    expect(() => piecewiseConstant([10, 10], [1, 0.5, 0.1])).toThrow(
      'piecewiseConstant: boundaries must be strictly increasing, got [10, 10]',
    )
  })

  it('rejects a negative or NaN value, naming its index', () => {
    expect(() => piecewiseConstant([10], [1, -0.5])).toThrow('piecewiseConstant: values[1] must be >= 0, got -0.5')
    expect(() => piecewiseConstant([10], [NaN, 1])).toThrow('piecewiseConstant: values[0] must be >= 0, got NaN')
  })

  it('rejects a NaN boundary', () => {
    expect(() => piecewiseConstant([NaN], [1, 2])).toThrow('piecewiseConstant: boundaries[0] must be finite, got NaN')
  })
})
