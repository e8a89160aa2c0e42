import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { asymmetricLoss } from './asymmetricLoss'

describe('asymmetricLoss', () => {
  it('charges `under` per unit below the label and `over` per unit above, summed', () => {
    const loss = asymmetricLoss({ under: 10, over: 1 })
    const labels = tensor([[1], [1], [2], [0]])
    const predictions = tensor([[2], [0.5], [2], [0.25]])
    expect(loss(labels, predictions).item()).toBe(1 * 1 + 0.5 * 10 + 0 + 0.25 * 1)
  })

  it('swaps the costs when under and over swap', () => {
    const loss = asymmetricLoss({ under: 1, over: 10 })
    expect(loss(tensor([1, 1]), tensor([2, 0.5])).item()).toBe(10 + 0.5)
  })

  it('matches the seed: greater(y, y_) picks (y − y_) · loss_more, else (y_ − y) · loss_less', () => {
    // v1 = [1, 2, 3, 4] as predictions, v2 = [4, 3, 2, 1] as labels: greater gives [F, F, T, T].
    const loss = asymmetricLoss({ under: 10, over: 1 })
    expect(loss(tensor([4, 3, 2, 1]), tensor([1, 2, 3, 4])).item()).toBe(3 * 10 + 1 * 10 + 1 * 1 + 3 * 1)
  })

  it('throws a ShapeError naming both shapes', () => {
    const loss = asymmetricLoss({ under: 10, over: 1 })
    expect(() => loss(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      'asymmetricLoss: labels and predictions must have the same shape, got labels [2, 1] and predictions [2]',
    )
  })

  it('rejects negative or missing costs and unknown options', () => {
    expect(() => asymmetricLoss({ under: -1, over: 1 })).toThrow(
      'asymmetricLoss: under must be a finite number >= 0, got -1',
    )
    expect(() => Reflect.apply(asymmetricLoss, undefined, [{ under: 1 }])).toThrow(
      'asymmetricLoss: over must be a finite number >= 0, got undefined',
    )
    expect(() => Reflect.apply(asymmetricLoss, undefined, [{ under: 1, over: 1, less: 2 }])).toThrow(
      "asymmetricLoss: unknown option 'less'; expected one of under, over",
    )
    expect(() => Reflect.apply(asymmetricLoss, undefined, [])).toThrow(
      'asymmetricLoss: options must be an object, got undefined',
    )
  })
})
