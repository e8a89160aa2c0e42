import { ConfigError, DTypeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { topKAccuracy, topKAccuracyMetric } from './topKAccuracy'

const i32 = (values: number[]) => tensor(values, undefined, 'int32')

describe('topKAccuracy', () => {
  it('counts a sample when its class is among the k highest scores', () => {
    const scores = tensor([
      [0.1, 0.5, 0.4],
      [0.2, 0.3, 0.5],
      [0.6, 0.3, 0.1],
    ])
    expect(topKAccuracy(i32([2, 0, 0]), scores, { k: 1 })).toBe(1 / 3)
    expect(topKAccuracy(i32([2, 0, 0]), scores, { k: 2 })).toBe(2 / 3)
    expect(topKAccuracy(i32([2, 0, 0]), scores, { k: 3 })).toBe(1)
  })

  it('defaults k to 5, as Keras, and takes one-hot labels', () => {
    const scores = tensor([[6, 5, 4, 3, 2, 1]])
    expect(topKAccuracy(i32([4]), scores)).toBe(1)
    expect(topKAccuracy(i32([5]), scores)).toBe(0)
    expect(topKAccuracy(tensor([[0, 0, 0, 0, 1, 0]]), scores)).toBe(1)
  })

  it("counts classes tied at the boundary as in the top k, as TF1's in_top_k", () => {
    // Scores 3 > 2 = 2 = 2: with k = 2 each tied class has one score above it, so all three are in.
    const scores = tensor([[3, 2, 2, 2]])
    for (const label of [1, 2, 3]) expect(topKAccuracy(i32([label]), scores, { k: 2 })).toBe(1)
    expect(topKAccuracy(i32([3]), tensor([[1, 1, 1, 1]]), { k: 1 })).toBe(1)
  })

  it('never counts a row with a non-finite score, as in_top_k', () => {
    expect(topKAccuracy(i32([0]), tensor([[NaN, 1, 2]]), { k: 3 })).toBe(0)
    expect(topKAccuracy(i32([0]), tensor([[5, Infinity, 2]]), { k: 3 })).toBe(0)
    expect(
      topKAccuracy(
        i32([1, 0]),
        tensor([
          [1, -Infinity],
          [1, 0],
        ]),
        { k: 2 },
      ),
    ).toBe(0.5)
  })

  it('counts every finite row when k is at least the number of classes', () => {
    expect(
      topKAccuracy(
        i32([0, 1]),
        tensor([
          [0, 9],
          [9, 0],
        ]),
        { k: 7 },
      ),
    ).toBe(1)
  })

  it('refuses a bad k, unknown options and int32 predictions', () => {
    const scores = tensor([[1, 2]])
    expect(() => topKAccuracy(i32([0]), scores, { k: 0 })).toThrow(
      new ConfigError('topKAccuracy', 'k must be an integer >= 1, got 0'),
    )
    expect(() => topKAccuracy(i32([0]), scores, { k: 1.5 })).toThrow(ConfigError)
    expect(() => topKAccuracy(i32([0]), scores, { top: 2 } as never)).toThrow(
      "topKAccuracy: unknown option 'top'; expected one of k",
    )
    expect(() => topKAccuracy(i32([0]), i32([0]))).toThrow(
      new DTypeError('topKAccuracy', 'predictions must be float32 or float64 scores, got int32'),
    )
    expect(() => topKAccuracy(i32([2]), scores)).toThrow(
      'topKAccuracy: labels must be class indices in [0, 2), got 2 at flat index 0',
    )
    expect(() => topKAccuracyMetric({ k: -1 })).toThrow('topKAccuracyMetric: k must be an integer >= 1, got -1')
  })
})

describe('topKAccuracyMetric', () => {
  it('accumulates hits over batches and merges states', () => {
    const metric = topKAccuracyMetric({ k: 2 })
    const a = metric.update(metric.init(), i32([2]), tensor([[0.1, 0.5, 0.4]]))
    const b = metric.update(metric.init(), i32([0]), tensor([[0.2, 0.3, 0.5]]))
    expect(metric.result(metric.merge(a, b))).toBe(0.5)
    expect(metric.result(metric.update(a, i32([0]), tensor([[0.2, 0.3, 0.5]])))).toBe(0.5)
    expect(() => metric.result(metric.init())).toThrow('topKAccuracyMetric.result: no samples')
  })
})
