import { describe, expect, it } from 'vitest'
import { tensor } from '@gradstream/tensor'
import { absoluteDifference } from './absoluteDifference'

// TensorFlow 1.x's own test data (losses_test.py, AbsoluteDifferenceLossTest): absolute errors 3, 1, 10 / 13, 3, 3.
const labels = tensor([
  [1, 9, 2],
  [-5, -2, 6],
])
const predictions = tensor([
  [4, 8, 12],
  [8, 1, 3],
])

describe('absoluteDifference', () => {
  it('averages the absolute errors by default (TF1: 5.5)', () => {
    expect(absoluteDifference(labels, predictions).item()).toBe(5.5)
  })

  it('weights per example', () => {
    const weights = tensor([[1.2], [3.4]])
    expect(absoluteDifference(labels, predictions, { weights }).item()).toBeCloseTo((14 * 1.2 + 19 * 3.4) / 6, 5)
  })

  it('divides by the number of nonzero weights', () => {
    const weights = tensor([
      [3, 6, 5],
      [0, 4, 2],
    ])
    expect(absoluteDifference(labels, predictions, { weights }).item()).toBeCloseTo((9 + 6 + 50 + 12 + 6) / 5, 5)
  })

  it('returns the per-element errors with reduction none', () => {
    expect(absoluteDifference(labels, predictions, { reduction: 'none' }).toArray()).toEqual([
      [3, 1, 10],
      [13, 3, 3],
    ])
  })

  it('throws a ShapeError naming both shapes', () => {
    expect(() => absoluteDifference(tensor([1, 2, 3]), tensor([1, 2]))).toThrow(
      'absoluteDifference: labels and predictions must have the same shape, got labels [3] and predictions [2]',
    )
  })
})
