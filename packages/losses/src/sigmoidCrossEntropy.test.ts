import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { sigmoidCrossEntropy } from './sigmoidCrossEntropy'

// −z·log σ(x) − (1 − z)·log(1 − σ(x)) = log(1 + e^x) − z·x, written to stay accurate in double.
const reference = (z: number, x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))) - z * x

describe('sigmoidCrossEntropy', () => {
  it('is the binary cross-entropy of sigmoid(logits)', () => {
    const labels = [0, 1, 0.3, 1, 0, 0.5]
    const logits = [-3, -0.5, 0, 2, 4, 1]
    const loss = sigmoidCrossEntropy(tensor(labels), tensor(logits), { reduction: 'none' }).toFlatArray()
    loss.forEach((value, i) => expect(value).toBeCloseTo(reference(labels[i]!, logits[i]!), 6))
  })

  it('does not overflow for large logits', () => {
    const loss = sigmoidCrossEntropy(tensor([1, 1, 0]), tensor([100, -100, 100]), { reduction: 'none' })
    const [right, wrongLow, wrongHigh] = loss.toFlatArray()
    expect(right).toBeLessThan(1e-43) // log1p(e⁻¹⁰⁰) ≈ 3.7e-44, a float32 subnormal
    expect([wrongLow, wrongHigh]).toEqual([100, 100])
  })

  it('smooths labels towards ½: z · (1 − s) + s / 2', () => {
    const loss = sigmoidCrossEntropy(tensor([1, 0]), tensor([2, -1]), { labelSmoothing: 0.2, reduction: 'none' })
    const expected = [reference(0.9, 2), reference(0.1, -1)]
    loss.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 6))
  })

  it('averages by default (log 2 at logit 0)', () => {
    expect(sigmoidCrossEntropy(tensor([1, 0]), tensor([0, 0])).item()).toBe(Math.fround(Math.LN2))
  })

  it('names its TF1 arguments in errors', () => {
    expect(() => sigmoidCrossEntropy(tensor([1, 0]), tensor([[0, 0]]))).toThrow(
      'sigmoidCrossEntropy: multiClassLabels and logits must have the same shape, got multiClassLabels [2] and logits [1, 2]',
    )
    expect(() => sigmoidCrossEntropy(tensor([1]), tensor([0]), { labelSmoothing: 2 })).toThrow(
      'sigmoidCrossEntropy: labelSmoothing must be in [0, 1], got 2',
    )
  })
})
