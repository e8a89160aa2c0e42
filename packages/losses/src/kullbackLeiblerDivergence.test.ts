import { describe, expect, it } from 'vitest'
import { checkGrad, grad } from '@gradstream/autodiff'
import { ConfigError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { kullbackLeiblerDivergence } from './kullbackLeiblerDivergence'

// Row 0 has a zero label and row 2 a prediction of 0 and one above 1: the clipping to [1e-7, 1] matters.
const labelRows = [
  [0, 0.25, 0.75],
  [0.2, 0.3, 0.5],
  [0.6, 0.4, 0],
]
const predictionRows = [
  [0.1, 0.2, 0.7],
  [0.25, 0.25, 0.5],
  [0, 1.5, 0.5],
]
const f64 = (values: number[] | number[][]): Tensor => tensor(values, undefined, 'float64')

/** Keras's KLD in float64: Σ y · log(y / ŷ) over the row, both clipped to [1e-7, 1]. */
function referenceRow(labels: readonly number[], predictions: readonly number[]): number {
  const clip = (v: number): number => Math.min(Math.max(v, 1e-7), 1)
  return labels.reduce((acc, y, j) => acc + clip(y) * Math.log(clip(y) / clip(predictions[j]!)), 0)
}
const references = labelRows.map((row, i) => referenceRow(row, predictionRows[i]!))

describe('kullbackLeiblerDivergence', () => {
  it('gives Σ y · log(y / ŷ) per row of the clipped distributions', () => {
    const losses = kullbackLeiblerDivergence(f64(labelRows), f64(predictionRows), { reduction: 'none' })
    expect(losses.shape).toEqual([3])
    losses.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(references[i]!, 14))
  })

  it('matches the float64 reference within float32 rounding in float32', () => {
    const losses = kullbackLeiblerDivergence(tensor(labelRows), tensor(predictionRows), { reduction: 'none' })
    // The clipped row 2 has log(0.6 / 1e-7) ≈ 15.6: float32 rounding of terms that size stays under 1e-5.
    losses.toFlatArray().forEach((value, i) => expect(Math.abs(value - references[i]!)).toBeLessThan(1e-5))
  })

  it('is 0 for equal distributions', () => {
    expect(kullbackLeiblerDivergence(f64(labelRows), f64(labelRows)).item()).toBe(0)
  })

  it('divides by the number of rows by default (sumOverBatchSize), zero weights included', () => {
    const mean = (references[0]! + references[1]! + references[2]!) / 3
    expect(kullbackLeiblerDivergence(f64(labelRows), f64(predictionRows)).item()).toBeCloseTo(mean, 14)
    const weights = f64([2, 0, 1])
    const byBatch = kullbackLeiblerDivergence(f64(labelRows), f64(predictionRows), { weights })
    expect(byBatch.item()).toBeCloseTo((2 * references[0]! + references[2]!) / 3, 14)
    const byNonzero = kullbackLeiblerDivergence(f64(labelRows), f64(predictionRows), {
      weights,
      reduction: 'sumByNonzeroWeights',
    })
    expect(byNonzero.item()).toBeCloseTo((2 * references[0]! + references[2]!) / 2, 14)
  })

  it('matches central differences in float64 inside the clipping range', () => {
    const labels = f64(labelRows.slice(0, 2))
    const f = (predictions: Tensor): Tensor =>
      kullbackLeiblerDivergence(labels, predictions, { weights: f64([1.5, 0.5]) })
    const { maxAbsError, maxRelError } = checkGrad(f, f64(predictionRows.slice(0, 2)))
    expect(maxAbsError).toBeLessThan(1e-8)
    expect(maxRelError).toBeLessThan(1e-8)
  })

  it('has gradient −y / ŷ / batch in the predictions, and 0 where a prediction is clipped', () => {
    const labels = f64([[0.6, 0.4, 0.2]])
    const g = grad((p: Tensor) => kullbackLeiblerDivergence(labels, p))(f64([[0.3, 1.5, 0.5]]))
    const expected = [-0.6 / 0.3, 0, -0.2 / 0.5]
    g.toFlatArray().forEach((value, j) => expect(value).toBeCloseTo(expected[j]!, 14))
  })

  describe('refuses', () => {
    const call = (...args: unknown[]): unknown => Reflect.apply(kullbackLeiblerDivergence, undefined, args)

    it('scalars, unknown options and weights that do not fit the rows', () => {
      expect(() => call(tensor(1), tensor(1))).toThrow(
        new ShapeError(
          'kullbackLeiblerDivergence',
          'labels and predictions must have a distribution axis, got shape []',
        ),
      )
      expect(() => call(f64(labelRows), f64(predictionRows), { epsilon: 1e-3 })).toThrow(
        new ConfigError('kullbackLeiblerDivergence', "unknown option 'epsilon'; expected one of weights, reduction"),
      )
      expect(() => call(f64(labelRows), f64(predictionRows), { weights: f64(labelRows) })).toThrow(
        new ShapeError(
          'kullbackLeiblerDivergence',
          "weights of shape [3, 3] cannot be broadcast to the losses' shape [3]",
        ),
      )
      expect(() => call(f64(labelRows), f64(predictionRows), { reduction: 'auto' })).toThrow(ConfigError)
    })
  })
})
