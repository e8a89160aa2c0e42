import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { huberLoss } from './huberLoss'

function huber(error: number, delta: number): number {
  const e = Math.abs(error)
  return e <= delta ? 0.5 * e * e : 0.5 * delta * delta + delta * (e - delta)
}

describe('huberLoss', () => {
  it('is quadratic inside delta and linear outside', () => {
    const errors = [-3, -1, -0.25, 0, 0.5, 1, 2.5]
    const loss = huberLoss(tensor(errors.map(() => 0)), tensor(errors), { reduction: 'none' })
    expect(loss.toArray()).toEqual(errors.map((e) => huber(e, 1)))
  })

  it('honours delta', () => {
    const loss = huberLoss(tensor([0, 0]), tensor([0.5, 3]), { delta: 2, reduction: 'none' })
    expect(loss.toArray()).toEqual([0.125, 4])
  })

  it('averages by default', () => {
    expect(huberLoss(tensor([0, 0]), tensor([0.5, 3])).item()).toBe(1.3125)
  })

  it('rejects a delta that is not positive', () => {
    expect(() => huberLoss(tensor([0]), tensor([1]), { delta: 0 })).toThrow(
      'huberLoss: delta must be a finite number > 0, got 0',
    )
  })
})
