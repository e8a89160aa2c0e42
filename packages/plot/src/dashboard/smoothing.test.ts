import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { debiasedSmoothing } from '../../client/smoothing.js'

/**
 * TensorBoard's resmoothing of a scalar dataset (its line chart's
 * `resmoothDataset`), transcribed plainly: a first-order IIR filter started
 * at 0, debiased by 1 - w^n over the n finite values so far; constant series
 * and non-finite values left as they are.
 */
function tensorBoardSmoothing(values: readonly number[], smoothingWeight: number): number[] {
  const smoothed: number[] = []
  let last = values.length > 0 ? 0 : NaN
  let numAccum = 0
  const isConstant = values.every((v) => v === values[0])
  for (const nextVal of values) {
    if (isConstant || !Number.isFinite(nextVal)) {
      smoothed.push(nextVal)
    } else {
      last = last * smoothingWeight + (1 - smoothingWeight) * nextVal
      numAccum++
      let debiasWeight = 1
      if (smoothingWeight !== 1) debiasWeight = 1 - Math.pow(smoothingWeight, numAccum)
      smoothed.push(last / debiasWeight)
    }
  }
  return smoothed
}

describe('debiasedSmoothing', () => {
  it('is TensorBoard’s formula, value for value', () => {
    const value = fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(NaN, Infinity))
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (values, weight) => {
        expect(debiasedSmoothing(values, weight)).toEqual(tensorBoardSmoothing(values, weight))
      }),
    )
  })

  it('debiases: the first point is its value, and a step from 1 to 3 at weight 0.5 reads 7/3', () => {
    expect(debiasedSmoothing([1, 3], 0.5)).toEqual([1, (0.5 * 0.5 + 0.5 * 3) / (1 - 0.25)])
    expect(debiasedSmoothing([1, 3], 0.5)[1]).toBeCloseTo(7 / 3, 14)
  })

  it('gives the values back at weight 0, passes a constant series and non-finite values through', () => {
    expect(debiasedSmoothing([4, 1, 9], 0)).toEqual([4, 1, 9])
    expect(debiasedSmoothing([0.1, 0.1, 0.1], 0.9)).toEqual([0.1, 0.1, 0.1])
    const withNaN = debiasedSmoothing([2, NaN, 4], 0.5)
    expect(withNaN[1]).toBeNaN()
    expect(withNaN[2]).toBeCloseTo((0.25 * 2 + 0.5 * 4) / (1 - 0.25), 14)
  })

  it('leaves its input untouched', () => {
    const values = [3, 1, 2]
    debiasedSmoothing(values, 0.6)
    expect(values).toEqual([3, 1, 2])
  })
})
