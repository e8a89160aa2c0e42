import { describe, expect, it } from 'vitest'
import { checkGrad } from '@gradstream/autodiff'
import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { cosineDistance } from './cosineDistance'

const unit = (row: readonly number[]): number[] => {
  const norm = Math.sqrt(row.reduce((acc, v) => acc + v * v, 0))
  return row.map((v) => v / norm)
}
const labelRows = [unit([1, 2, 2]), unit([0.3, -0.4, 1.2]), unit([-1, 0.5, 0.25])]
const predictionRows = [unit([1.5, 2, -0.5]), unit([0.1, -0.5, 1]), unit([1, 1, 1])]
const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64')
const columns = (rows: number[][]): number[][] => rows[0]!.map((_, j) => rows.map((row) => row[j]!))

/** 1 − Σ labels · predictions for each pair of rows, in float64. */
const references = labelRows.map((row, i) => 1 - row.reduce((acc, y, j) => acc + y * predictionRows[i]![j]!, 0))

describe('cosineDistance', () => {
  it('gives 1 − Σ y · ŷ per vector along axis, keeping the axis with size 1', () => {
    const losses = cosineDistance(f64(labelRows), f64(predictionRows), { axis: 1, reduction: 'none' })
    expect(losses.shape).toEqual([3, 1])
    losses.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(references[i]!, 15))
    const byColumns = cosineDistance(f64(columns(labelRows)), f64(columns(predictionRows)), {
      axis: -2,
      reduction: 'none',
    })
    expect(byColumns.shape).toEqual([1, 3])
    byColumns.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(references[i]!, 15))
  })

  it('is 0 for equal unit vectors and 2 for opposite ones, within float32 rounding', () => {
    const y = tensor(labelRows)
    const losses = cosineDistance(y, tensor([labelRows[0]!, labelRows[1]!.map((v) => -v), labelRows[2]!]), {
      axis: 1,
      reduction: 'none',
    })
    // Three float32 products summed: a few units of 2⁻²⁴ from the exact value.
    const expected = [0, 2, 0]
    losses.toFlatArray().forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThan(4e-7))
  })

  it('averages the vectors by default and weights them with weights of the losses shape', () => {
    const mean = (references[0]! + references[1]! + references[2]!) / 3
    expect(cosineDistance(f64(labelRows), f64(predictionRows), { axis: -1 }).item()).toBeCloseTo(mean, 15)
    const weights = f64([[1], [0], [3]])
    const weighted = cosineDistance(f64(labelRows), f64(predictionRows), { axis: 1, weights, reduction: 'mean' })
    expect(weighted.item()).toBeCloseTo((references[0]! + 3 * references[2]!) / 4, 15)
  })

  it('matches central differences in float64, for labels and predictions', () => {
    const f = (p: { labels: Tensor; predictions: Tensor }): Tensor =>
      cosineDistance(p.labels, p.predictions, { axis: 1, weights: f64([[1], [0.5], [2]]) })
    const { maxAbsError, maxRelError } = checkGrad(f, { labels: f64(labelRows), predictions: f64(predictionRows) })
    expect(maxAbsError).toBeLessThan(1e-9)
    expect(maxRelError).toBeLessThan(1e-9)
  })

  describe('refuses', () => {
    const call = (...args: unknown[]): unknown => Reflect.apply(cosineDistance, undefined, args)
    const [labels, predictions] = [f64(labelRows), f64(predictionRows)]

    it('a missing or bad axis, naming the range', () => {
      expect(() => call(labels, predictions, {})).toThrow(
        new ConfigError('cosineDistance', 'axis is required (the axis holding the vectors)'),
      )
      expect(() => call(labels, predictions)).toThrow(
        new ConfigError('cosineDistance', 'options must be an object, got undefined'),
      )
      expect(() => call(labels, predictions, { axis: 2 })).toThrow(
        new ConfigError('cosineDistance', 'axis must be an integer >= -2 and <= 1, got 2'),
      )
      expect(() => call(labels, predictions, { axis: 0.5 })).toThrow(
        new ConfigError('cosineDistance', 'axis must be an integer >= -2 and <= 1, got 0.5'),
      )
      expect(() => call(tensor(1), tensor(1), { axis: 0 })).toThrow(
        new ShapeError('cosineDistance', 'labels and predictions must have an axis to sum over, got shape []'),
      )
    })

    it('inputs of different shapes or dtypes, unknown options and weights without the kept axis', () => {
      expect(() => call(labels, f64([[1, 0]]), { axis: 1 })).toThrow(
        new ShapeError(
          'cosineDistance',
          'labels and predictions must have the same shape, got labels [3, 3] and predictions [1, 2]',
        ),
      )
      expect(() => call(labels, tensor(predictionRows), { axis: 1 })).toThrow(
        new DTypeError('cosineDistance', 'dtypes differ: labels is float64, predictions is float32'),
      )
      expect(() => call(labels, predictions, { axis: 1, dim: 1 })).toThrow(
        new ConfigError('cosineDistance', "unknown option 'dim'; expected one of weights, reduction, axis"),
      )
      expect(() => call(labels, predictions, { axis: 1, weights: f64([[1, 2, 3]]) })).toThrow(
        new ShapeError('cosineDistance', "weights of shape [1, 3] cannot be broadcast to the losses' shape [3, 1]"),
      )
      expect(labels.toArray()).toEqual(labelRows)
    })
  })
})
