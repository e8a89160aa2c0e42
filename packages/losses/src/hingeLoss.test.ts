import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { hingeLoss } from './hingeLoss'

describe('hingeLoss', () => {
  it('is max(0, 1 − (2z − 1) · logit) per element', () => {
    const labels = [1, 1, 1, 0, 0, 0]
    const logits = [2, 0.5, -1, -2, -0.5, 1]
    const loss = hingeLoss(tensor(labels), tensor(logits), { reduction: 'none' })
    expect(loss.toArray()).toEqual(labels.map((z, i) => Math.max(0, 1 - (2 * z - 1) * logits[i]!)))
  })

  it('averages by default', () => {
    expect(hingeLoss(tensor([1, 0]), tensor([0.5, 2])).item()).toBe(1.75)
  })

  it('throws a ShapeError naming labels and logits', () => {
    expect(() => hingeLoss(tensor([1, 0]), tensor([1]))).toThrow(
      'hingeLoss: labels and logits must have the same shape, got labels [2] and logits [1]',
    )
  })
})
