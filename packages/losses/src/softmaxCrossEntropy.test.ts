import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { softmaxCrossEntropy } from './softmaxCrossEntropy'

function reference(labels: readonly number[], logits: readonly number[]): number {
  const top = Math.max(...logits)
  const logSum = Math.log(logits.reduce((acc, x) => acc + Math.exp(x - top), 0)) + top
  return labels.reduce((acc, z, i) => acc + z * (logSum - logits[i]!), 0)
}

const logits = [
  [1, 2, 3],
  [1, 1, 1],
  [10, -10, 0],
]
const onehot = [
  [0, 0, 1],
  [1, 0, 0],
  [0, 1, 0],
]

describe('softmaxCrossEntropy', () => {
  it('gives one loss per row, −Σ labels · logSoftmax(logits)', () => {
    const loss = softmaxCrossEntropy(tensor(onehot), tensor(logits), { reduction: 'none' })
    expect(loss.shape).toEqual([3])
    loss.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(reference(onehot[i]!, logits[i]!), 5))
  })

  it('averages the rows by default and weights rows with a [3] weight', () => {
    const rows = onehot.map((z, i) => reference(z, logits[i]!))
    expect(softmaxCrossEntropy(tensor(onehot), tensor(logits)).item()).toBeCloseTo(
      (rows[0]! + rows[1]! + rows[2]!) / 3,
      5,
    )
    const weights = tensor([1, 0, 2])
    expect(softmaxCrossEntropy(tensor(onehot), tensor(logits), { weights }).item()).toBeCloseTo(
      (rows[0]! + 2 * rows[2]!) / 2,
      5,
    )
  })

  it('smooths labels: z · (1 − s) + s / classes', () => {
    const loss = softmaxCrossEntropy(tensor(onehot), tensor(logits), { labelSmoothing: 0.3, reduction: 'none' })
    const smoothed = onehot.map((row) => row.map((z) => z * 0.7 + 0.1))
    loss.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(reference(smoothed[i]!, logits[i]!), 5))
  })

  it('rejects weights shaped like the logits rather than the rows', () => {
    expect(() => softmaxCrossEntropy(tensor(onehot), tensor(logits), { weights: tensor(onehot) })).toThrow(
      "softmaxCrossEntropy: weights of shape [3, 3] cannot be broadcast to the losses' shape [3]",
    )
  })

  it('rejects scalar logits and mismatched shapes', () => {
    expect(() => softmaxCrossEntropy(tensor(1), tensor(1))).toThrow(
      'softmaxCrossEntropy: logits must have a class axis, got shape []',
    )
    expect(() => softmaxCrossEntropy(tensor([[1, 0]]), tensor(logits))).toThrow(
      'softmaxCrossEntropy: onehotLabels and logits must have the same shape, got onehotLabels [1, 2] and logits [3, 3]',
    )
  })
})
