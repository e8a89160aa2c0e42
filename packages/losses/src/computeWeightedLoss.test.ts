import { describe, expect, it } from 'vitest'
import { checkGrad } from '@gradstream/autodiff'
import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { computeWeightedLoss } from './computeWeightedLoss'
import type { Reduction } from './weightedLoss'

const lossValues = [
  [0.5, 1.25, -2],
  [3, 0.75, 4.5],
]
const weightValues = [[2], [0]]
const total = lossValues.flat().reduce((acc, v) => acc + v, 0)
const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64')

/** TF1's compute_weighted_loss in plain float64, for weights of shape [rows, 1]. */
function reference(reduction: Reduction): number | number[][] {
  const weighted = lossValues.map((row, i) => row.map((v) => v * weightValues[i]![0]!))
  if (reduction === 'none') return weighted
  const total = weighted.flat().reduce((acc, v) => acc + v, 0)
  const broadcastWeights = lossValues.flatMap((row, i) => row.map(() => weightValues[i]![0]!))
  const divisors = {
    sum: 1,
    mean: broadcastWeights.reduce((acc, w) => acc + w, 0),
    sumByNonzeroWeights: broadcastWeights.filter((w) => w !== 0).length,
    sumOverBatchSize: broadcastWeights.length,
  }
  return total / divisors[reduction]
}

describe('computeWeightedLoss', () => {
  it.each<Reduction>(['none', 'sum', 'mean', 'sumByNonzeroWeights', 'sumOverBatchSize'])(
    'reduces with %s as TF1',
    (reduction) => {
      const out = computeWeightedLoss(f64(lossValues), { weights: f64(weightValues), reduction })
      const expected = reference(reduction)
      if (typeof expected === 'number') expect(out.item()).toBeCloseTo(expected, 14)
      else expect(out.toArray()).toEqual(expected)
    },
  )

  it('divides by every element under sumOverBatchSize, not by the first axis, whatever the weights', () => {
    const losses = f64(lossValues)
    expect(computeWeightedLoss(losses, { reduction: 'sumOverBatchSize' }).item()).toBeCloseTo(total / 6, 14)
    expect(computeWeightedLoss(losses, { weights: 0.5, reduction: 'sumOverBatchSize' }).item()).toBeCloseTo(
      (0.5 * total) / 6,
      14,
    )
  })

  it('defaults to sumByNonzeroWeights, the mean when unweighted', () => {
    expect(computeWeightedLoss(f64(lossValues)).item()).toBeCloseTo(total / 6, 14)
    expect(computeWeightedLoss(f64(lossValues), { weights: f64(weightValues) }).item()).toBeCloseTo(-0.5 / 3, 14)
  })

  it('gives 0 where the divisor is 0, as div_no_nan', () => {
    const losses = f64(lossValues)
    for (const reduction of ['mean', 'sumByNonzeroWeights'] as const) {
      expect(computeWeightedLoss(losses, { weights: 0, reduction }).item()).toBe(0)
    }
    expect(computeWeightedLoss(tensor([]), { reduction: 'sumOverBatchSize' }).item()).toBe(0)
  })

  it('keeps float32 losses in float32, rounded once per operation', () => {
    const losses = tensor([0.1, 0.2, 0.3])
    const out = computeWeightedLoss(losses, { reduction: 'sumOverBatchSize' })
    expect(out.dtype).toBe('float32')
    const [a, b, c] = losses.toFlatArray() as [number, number, number]
    expect(out.item()).toBe(Math.fround(Math.fround(Math.fround(a + b) + c) / 3))
  })

  it('has the weights as gradient, divided as the reduction divides', () => {
    const weights = f64(weightValues)
    const { maxAbsError } = checkGrad((losses: Tensor) => computeWeightedLoss(losses, { weights }), f64(lossValues))
    expect(maxAbsError).toBeLessThan(1e-9)
  })

  it('refuses what is not a float tensor, unknown options and reductions, and weights that do not fit', () => {
    const losses = f64(lossValues)
    const call = (...args: unknown[]): unknown => Reflect.apply(computeWeightedLoss, undefined, args)
    expect(() => call([1, 2])).toThrow(
      new DTypeError('computeWeightedLoss', "argument 'losses' must be a Tensor, got an array"),
    )
    expect(() => call(tensor([1], undefined, 'int32'))).toThrow(
      new DTypeError('computeWeightedLoss', 'losses must have dtype float32 or float64, got int32'),
    )
    expect(() => call(losses, { weight: 2 })).toThrow(
      new ConfigError('computeWeightedLoss', "unknown option 'weight'; expected one of weights, reduction"),
    )
    expect(() => call(losses, { reduction: 'SUM_OVER_BATCH_SIZE' })).toThrow(
      new ConfigError(
        'computeWeightedLoss',
        `reduction must be one of 'none', 'sum', 'mean', 'sumByNonzeroWeights', 'sumOverBatchSize', got "SUM_OVER_BATCH_SIZE"`,
      ),
    )
    expect(() => call(losses, { weights: f64([[1, 2]]) })).toThrow(
      new ShapeError('computeWeightedLoss', "weights of shape [1, 2] cannot be broadcast to the losses' shape [2, 3]"),
    )
    expect(() => call(losses, { weights: tensor([[1], [2]]) })).toThrow(
      new DTypeError('computeWeightedLoss', "weights must have the losses' dtype float64, got float32"),
    )
    expect(() => call(losses, { weights: NaN })).toThrow(
      new ConfigError('computeWeightedLoss', 'weights must be a finite number, got NaN'),
    )
    expect(losses.toArray()).toEqual(lossValues)
    expect(call(losses, undefined)).toEqual(computeWeightedLoss(losses))
  })
})
