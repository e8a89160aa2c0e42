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
    expect(() => piecewiseConstant([10], [1, -0.5])).toThrow(
      'piecewiseConstant: values[1] must be a finite number >= 0, got -0.5',
    )
    expect(() => piecewiseConstant([10], [NaN, 1])).toThrow(
      'piecewiseConstant: values[0] must be a finite number >= 0, got NaN',
    )
  })

  it('rejects a NaN boundary', () => {
    expect(() => piecewiseConstant([NaN], [1, 2])).toThrow(
      'piecewiseConstant: boundaries[0] must be a finite number, got NaN',
    )
  })

  it('copies its arrays: changing them afterwards changes nothing', () => {
    const boundaries = [10, 20]
    const values = [1, 0.5, 0.25]
    const lr = piecewiseConstant(boundaries, values)
    boundaries[0] = 0
    values[0] = 99
    values.push(7)
    expect([lr(5), lr(15), lr(25)]).toEqual([1, 0.5, 0.25])
  })

  it('refuses values that are not an array and a step that is not a finite number >= 0', () => {
    expect(() => Reflect.apply(piecewiseConstant, undefined, [[10], 'x'])).toThrow(
      'piecewiseConstant: values must be an array of numbers, got "x"',
    )
    const lr = piecewiseConstant([10], [1, 0.5])
    expect(() => lr(-1)).toThrow('piecewiseConstant: step must be a finite number >= 0, got -1')
    expect(() => lr(NaN)).toThrow('piecewiseConstant: step must be a finite number >= 0, got NaN')
  })
})
