import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { meanSquaredError } from './meanSquaredError'

// TensorFlow 1.x's own test data (losses_test.py, MeanSquaredErrorTest): squared errors 9, 1, 100 / 169, 9, 9.
const labels = tensor([
  [1, 9, 2],
  [-5, -2, 6],
])
const predictions = tensor([
  [4, 8, 12],
  [8, 1, 3],
])

describe('meanSquaredError', () => {
  it('averages the squared errors over all elements by default (TF1: 49.5)', () => {
    expect(meanSquaredError(labels, predictions).item()).toBeCloseTo(49.5, 5)
  })

  it('scales by a scalar weight (TF1: 49.5 · 2.3)', () => {
    expect(meanSquaredError(labels, predictions, { weights: 2.3 }).item()).toBeCloseTo(49.5 * 2.3, 4)
  })

  it('broadcasts per-example weights of shape [2, 1] (TF1: 767.8 / 6)', () => {
    const weights = tensor([[1.2], [3.4]])
    expect(meanSquaredError(labels, predictions, { weights }).item()).toBeCloseTo(767.8 / 6, 4)
  })

  it('divides by the number of nonzero weights (TF1: 587 / 5)', () => {
    const weights = tensor([
      [3, 6, 5],
      [0, 4, 2],
    ])
    expect(meanSquaredError(labels, predictions, { weights }).item()).toBeCloseTo(587 / 5, 4)
  })

  it("counts broadcast weights' nonzeros once per element they cover", () => {
    const weights = tensor([0, 1, 1]) // covers both rows: 4 nonzero of 6
    const expected = (1 + 100 + 9 + 9) / 4
    expect(meanSquaredError(labels, predictions, { weights }).item()).toBeCloseTo(expected, 5)
  })

  it('supports the none, sum and mean reductions', () => {
    const weights = tensor([[1], [2]])
    expect(meanSquaredError(labels, predictions, { reduction: 'none' }).toArray()).toEqual([
      [9, 1, 100],
      [169, 9, 9],
    ])
    expect(meanSquaredError(labels, predictions, { reduction: 'sum' }).item()).toBe(297)
    expect(meanSquaredError(labels, predictions, { weights, reduction: 'mean' }).item()).toBeCloseTo(484 / 9, 5)
    expect(meanSquaredError(labels, predictions, { weights, reduction: 'none' }).toArray()).toEqual([
      [9, 1, 100],
      [338, 18, 18],
    ])
  })

  it('returns 0 when every weight is 0, as div_no_nan', () => {
    expect(meanSquaredError(labels, predictions, { weights: 0 }).item()).toBe(0)
    expect(meanSquaredError(labels, predictions, { weights: tensor([0, 0, 0]) }).item()).toBe(0)
  })

  it('is exact for the seed batch of 8: a float32 sum divided by 8', () => {
    const y = tensor([[0.5], [0.25], [1], [2], [0], [1.5], [0.75], [3]])
    const yHat = tensor([[0.5], [0.5], [1], [1], [0], [1], [1], [2]])
    expect(meanSquaredError(y, yHat).item()).toBe((0.0625 + 1 + 0.25 + 0.0625 + 1) / 8)
  })

  it('keeps float64 inputs in float64', () => {
    const a = tensor([0.1, 0.2], undefined, 'float64')
    const b = tensor([0.3, 0.5], undefined, 'float64')
    const loss = meanSquaredError(a, b)
    expect(loss.dtype).toBe('float64')
    expect(loss.item()).toBe(((0.3 - 0.1) ** 2 + (0.5 - 0.2) ** 2) / 2)
  })

  it('throws a ShapeError naming both shapes', () => {
    expect(() => meanSquaredError(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      'meanSquaredError: labels and predictions must have the same shape, got labels [2, 1] and predictions [2]',
    )
  })

  it('rejects weights that do not broadcast to the losses', () => {
    expect(() => meanSquaredError(labels, predictions, { weights: tensor([1, 2]) })).toThrow(
      "meanSquaredError: weights of shape [2] cannot be broadcast to the losses' shape [2, 3]",
    )
  })

  it('rejects a non-tensor, mixed dtypes, an unknown reduction and an unknown option', () => {
    expect(() => Reflect.apply(meanSquaredError, undefined, [[1, 2], predictions])).toThrow(
      "meanSquaredError: argument 'labels' must be a Tensor, got an array",
    )
    expect(() => meanSquaredError(tensor([1], undefined, 'float64'), tensor([1]))).toThrow(
      'meanSquaredError: dtypes differ: labels is float64, predictions is float32',
    )
    expect(() => Reflect.apply(meanSquaredError, undefined, [labels, predictions, { reduction: 'SUM' }])).toThrow(
      `meanSquaredError: reduction must be one of 'none', 'sum', 'mean', 'sumByNonzeroWeights', 'sumOverBatchSize', got "SUM"`,
    )
    expect(() => Reflect.apply(meanSquaredError, undefined, [labels, predictions, { weight: 2 }])).toThrow(
      "meanSquaredError: unknown option 'weight'; expected one of weights, reduction",
    )
  })

  it('rejects integer inputs', () => {
    expect(() => meanSquaredError(tensor([1], undefined, 'int32'), tensor([1], undefined, 'int32'))).toThrow(
      'meanSquaredError: labels must have dtype float32 or float64, got int32',
    )
  })

  it('refuses infinite and NaN weights, as numbers and inside a weights tensor, leaving inputs untouched', () => {
    const [labels, predictions] = [tensor([1, 2]), tensor([2, 4])]
    expect(() => meanSquaredError(labels, predictions, { weights: Infinity })).toThrow(
      'meanSquaredError: weights must be a finite number, got Infinity',
    )
    expect(() => meanSquaredError(labels, predictions, { weights: NaN })).toThrow(
      'meanSquaredError: weights must be a finite number, got NaN',
    )
    const weights = tensor([1, -Infinity])
    expect(() => meanSquaredError(labels, predictions, { weights })).toThrow(
      'meanSquaredError: weights must hold finite numbers, got -Infinity',
    )
    expect([labels.toArray(), predictions.toArray(), weights.toArray()]).toEqual([
      [1, 2],
      [2, 4],
      [1, -Infinity],
    ])
  })
})
