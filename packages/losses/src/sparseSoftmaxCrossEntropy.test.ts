import { describe, expect, it } from 'vitest'
import { checkGrad, valueAndGrad } from '@gradstream/autodiff'
import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { oneHot, tensor } from '@gradstream/tensor'
import type { NestedArray, Tensor } from '@gradstream/tensor'
import { softmaxCrossEntropy } from './softmaxCrossEntropy'
import { sparseSoftmaxCrossEntropy } from './sparseSoftmaxCrossEntropy'

const logitRows = [
  [0.3, -1.2, 2.0, 0.5],
  [1.1, 0.4, -0.7, 3.2],
  [10, -10, 0, 4],
]
const labelValues = [2, 0, 1]
const int32 = (values: NestedArray): Tensor => tensor(values, undefined, 'int32')
const f64 = (values: NestedArray): Tensor => tensor(values, undefined, 'float64')

/** log Σ exp(x) − x[label] in float64, the max shifted out first. */
function referenceLoss(row: readonly number[], label: number): number {
  const top = Math.max(...row)
  return Math.log(row.reduce((acc, x) => acc + Math.exp(x - top), 0)) + top - row[label]!
}

/** softmax(x) − oneHot(label) in float64. */
function referenceGradient(row: readonly number[], label: number): number[] {
  const top = Math.max(...row)
  const exps = row.map((x) => Math.exp(x - top))
  const total = exps.reduce((acc, e) => acc + e, 0)
  return exps.map((e, i) => e / total - (i === label ? 1 : 0))
}

const references = logitRows.map((row, i) => referenceLoss(row, labelValues[i]!))

describe('sparseSoftmaxCrossEntropy', () => {
  it('gives log Σ exp(x) − x[label] per row in float64', () => {
    const losses = sparseSoftmaxCrossEntropy(int32(labelValues), f64(logitRows), { reduction: 'none' })
    expect(losses.shape).toEqual([3])
    losses.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(references[i]!, 13))
  })

  it('matches the float64 reference within float32 rounding in float32', () => {
    const losses = sparseSoftmaxCrossEntropy(int32(labelValues), tensor(logitRows), { reduction: 'none' })
    // A few float32 roundings of values up to |20|: well inside 1e-5 absolute.
    losses.toFlatArray().forEach((value, i) => expect(Math.abs(value - references[i]!)).toBeLessThan(1e-5))
  })

  it('equals softmaxCrossEntropy of the one-hot labels bit for bit in float32', () => {
    const labels = int32(labelValues)
    const logits = tensor(logitRows)
    const dense = softmaxCrossEntropy(oneHot(labels, 4), logits, { reduction: 'none' })
    expect(sparseSoftmaxCrossEntropy(labels, logits, { reduction: 'none' }).toArray()).toEqual(dense.toArray())
  })

  it('averages over the examples by default and takes weights per example', () => {
    const mean = (references[0]! + references[1]! + references[2]!) / 3
    expect(sparseSoftmaxCrossEntropy(int32(labelValues), f64(logitRows)).item()).toBeCloseTo(mean, 13)
    const weighted = sparseSoftmaxCrossEntropy(int32(labelValues), f64(logitRows), { weights: f64([2, 0, 1]) })
    expect(weighted.item()).toBeCloseTo((2 * references[0]! + references[2]!) / 2, 13)
    const summed = sparseSoftmaxCrossEntropy(int32(labelValues), f64(logitRows), { weights: 0.5, reduction: 'sum' })
    expect(summed.item()).toBeCloseTo(0.5 * (references[0]! + references[1]! + references[2]!), 13)
  })

  it('squeezes labels and weights of shape [batch, 1], as TF1', () => {
    const columnLabels = int32(labelValues.map((label) => [label]))
    const weights = f64([[2], [0], [1]])
    const squeezed = sparseSoftmaxCrossEntropy(columnLabels, f64(logitRows), { weights, reduction: 'none' })
    expect(squeezed.shape).toEqual([3])
    expect(squeezed.toFlatArray()).toEqual(
      sparseSoftmaxCrossEntropy(int32(labelValues), f64(logitRows), {
        weights: f64([2, 0, 1]),
        reduction: 'none',
      }).toFlatArray(),
    )
  })

  it('takes logits of any rank >= 1: the last axis holds the classes', () => {
    const logits = f64([logitRows.slice(0, 2), [logitRows[2]!, logitRows[0]!]])
    const losses = sparseSoftmaxCrossEntropy(
      int32([
        [2, 0],
        [1, 3],
      ]),
      logits,
      { reduction: 'none' },
    )
    expect(losses.shape).toEqual([2, 2])
    const expected = [references[0]!, references[1]!, references[2]!, referenceLoss(logitRows[0]!, 3)]
    losses.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 13))
    expect(sparseSoftmaxCrossEntropy(tensor(1, undefined, 'int32'), f64([0, 0, 0])).item()).toBeCloseTo(Math.log(3), 15)
  })

  it('lets a class of logit −∞ add nothing instead of NaN', () => {
    const loss = sparseSoftmaxCrossEntropy(int32([0]), f64([[0, -Infinity, 0]]))
    expect(loss.item()).toBeCloseTo(Math.log(2), 15)
  })

  it('has gradient (softmax − oneHot(label)) / batch under the default reduction', () => {
    const labels = int32(labelValues)
    const { value, grads } = valueAndGrad((logits: Tensor) => sparseSoftmaxCrossEntropy(labels, logits))(f64(logitRows))
    expect(value.item()).toBeCloseTo((references[0]! + references[1]! + references[2]!) / 3, 13)
    const expected = logitRows.map((row, i) => referenceGradient(row, labelValues[i]!).map((g) => g / 3))
    grads.toFlatArray().forEach((g, k) => expect(g).toBeCloseTo(expected.flat()[k]!, 14))
  })

  it('matches central differences in float64, with weights', () => {
    const labels = int32(labelValues)
    const weights = f64([0.5, 2, 1])
    const f = (logits: Tensor): Tensor => sparseSoftmaxCrossEntropy(labels, logits, { weights, reduction: 'sum' })
    const { maxAbsError, maxRelError } = checkGrad(f, f64(logitRows))
    expect(maxAbsError).toBeLessThan(1e-8)
    expect(maxRelError).toBeLessThan(1e-8)
  })

  describe('refuses', () => {
    const call = (...args: unknown[]): unknown => Reflect.apply(sparseSoftmaxCrossEntropy, undefined, args)
    const fn = 'sparseSoftmaxCrossEntropy'

    it('labels outside [0, classes), naming the value and its place, leaving the inputs untouched', () => {
      const labels = int32([
        [0, 1],
        [4, 2],
      ])
      const logits = f64([logitRows.slice(0, 2), logitRows.slice(1, 3)])
      expect(() => sparseSoftmaxCrossEntropy(labels, logits)).toThrow(
        new ConfigError(fn, 'labels must be class indices in [0, 4), got 4 at [1, 0]'),
      )
      expect(() => sparseSoftmaxCrossEntropy(int32([0, -1, 2]), f64(logitRows))).toThrow(
        new ConfigError(fn, 'labels must be class indices in [0, 4), got -1 at [1]'),
      )
      expect(labels.toArray()).toEqual([
        [0, 1],
        [4, 2],
      ])
      expect(logits.toArray()).toEqual([logitRows.slice(0, 2), logitRows.slice(1, 3)])
    })

    it('labels that are not int32 and logits that are not float tensors', () => {
      expect(() => call([2, 0, 1], f64(logitRows))).toThrow(
        new DTypeError(fn, "argument 'labels' must be a Tensor, got an array"),
      )
      expect(() => call(f64(labelValues), f64(logitRows))).toThrow(
        new DTypeError(fn, 'labels must have dtype int32, got float64'),
      )
      expect(() => call(int32([0]), int32([[1, 2, 3, 4]]))).toThrow(
        new DTypeError(fn, 'logits must have dtype float32 or float64, got int32'),
      )
    })

    it('labels that are not shaped like the logits without the class axis', () => {
      expect(() => call(int32([0, 1]), f64(logitRows))).toThrow(
        new ShapeError(
          fn,
          'labels must have the shape of logits without the class axis, [3], got labels [2] and logits [3, 4]',
        ),
      )
      expect(() => call(int32([[0, 1, 2]]), f64(logitRows))).toThrow(
        new ShapeError(
          fn,
          'labels must have the shape of logits without the class axis, [3], got labels [1, 3] and logits [3, 4]',
        ),
      )
    })

    it('logits without classes', () => {
      expect(() => call(int32([]), f64(1))).toThrow(new ShapeError(fn, 'logits must have a class axis, got shape []'))
      expect(() => call(int32([]), tensor(new Float64Array(0), [0, 0]))).toThrow(
        new ShapeError(fn, 'logits must have at least one class, got shape [0, 0]'),
      )
    })

    it('unknown options, bad reductions and weights that do not fit the examples', () => {
      const labels = int32(labelValues)
      const logits = f64(logitRows)
      expect(() => call(labels, logits, { labelSmoothing: 0.1 })).toThrow(
        new ConfigError(fn, "unknown option 'labelSmoothing'; expected one of weights, reduction"),
      )
      expect(() => call(labels, logits, { reduction: 'avg' })).toThrow(ConfigError)
      expect(() => call(labels, logits, { weights: f64(logitRows) })).toThrow(
        new ShapeError(fn, "weights of shape [3, 4] cannot be broadcast to the losses' shape [3]"),
      )
      expect(() => call(labels, logits, { weights: tensor([1, 1, 1]) })).toThrow(
        new DTypeError(fn, "weights must have the losses' dtype float64, got float32"),
      )
      expect(call(labels, logits, undefined)).toEqual(sparseSoftmaxCrossEntropy(labels, logits))
    })
  })
})
