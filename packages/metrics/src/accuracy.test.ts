import { ConfigError, DTypeError, ShapeError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { accuracy, accuracyMetric } from './accuracy'

const i32 = (values: number[], shape?: number[]) => tensor(values, shape, 'int32')

describe('accuracy', () => {
  it('counts the samples whose argmax over the last axis is the int32 label', () => {
    expect(
      accuracy(
        i32([0, 1, 1]),
        tensor([
          [2, 1],
          [3, 4],
          [5, 0],
        ]),
      ),
    ).toBe(2 / 3)
  })

  it('takes one-hot labels by their argmax, and probabilities the same as logits', () => {
    const oneHot = tensor([
      [1, 0, 0],
      [0, 0, 1],
      [0, 1, 0],
    ])
    const logits = tensor([
      [3, -1, 0],
      [0, 2, 1],
      [-5, 4, 4.5],
    ])
    const probabilities = tensor([
      [0.9, 0.05, 0.05],
      [0.2, 0.5, 0.3],
      [0.1, 0.4, 0.5],
    ])
    expect(accuracy(oneHot, logits)).toBe(1 / 3)
    expect(accuracy(oneHot, probabilities)).toBe(1 / 3)
    expect(accuracy(i32([0, 2, 1]), logits)).toBe(1 / 3)
  })

  it('breaks ties by the first index, as TF ArgMax', () => {
    expect(
      accuracy(
        i32([0, 1]),
        tensor([
          [0.5, 0.5],
          [0.5, 0.5],
        ]),
      ),
    ).toBe(0.5)
    expect(accuracy(i32([2]), tensor([[1, 7, 7]]))).toBe(0)
  })

  it('takes int32 predicted classes as tf.math.confusion_matrix does', () => {
    expect(accuracy(i32([0, 3, 2, 2]), i32([0, 3, 1, 2]))).toBe(0.75)
  })

  it('reads every leading axis as a batch axis, in float64 scores too', () => {
    const labels = i32([0, 1, 1, 0], [2, 2])
    const scores = tensor(
      [
        [
          [1, 0],
          [0, 1],
        ],
        [
          [1, 0],
          [0, 1],
        ],
      ],
      undefined,
      'float64',
    )
    expect(accuracy(labels, scores)).toBe(0.5)
  })

  it('leaves its inputs untouched', () => {
    const labels = i32([1, 0])
    const scores = tensor([
      [0.2, 0.8],
      [0.6, 0.4],
    ])
    accuracy(labels, scores)
    expect(labels.toArray()).toEqual([1, 0])
    expect(scores.toArray()).toEqual(
      tensor([
        [0.2, 0.8],
        [0.6, 0.4],
      ]).toArray(),
    )
  })

  it('refuses inputs that do not fit, naming them', () => {
    const scores = tensor([
      [0.2, 0.8],
      [0.6, 0.4],
    ])
    expect(() => accuracy(i32([1, 0, 1]), scores)).toThrow(
      new ShapeError('accuracy', 'labels must have shape [2] (class indices) or [2, 2] (one-hot), got [3]'),
    )
    expect(() => accuracy(tensor([[1, 0, 0]]), tensor([[1, 2]]))).toThrow(ShapeError)
    expect(() => accuracy(tensor([1, 0]), scores)).toThrow(
      new DTypeError('accuracy', 'labels of shape [2] are class indices and must have dtype int32, got float32'),
    )
    expect(() => accuracy(i32([1, 2]), scores)).toThrow(
      new ConfigError('accuracy', 'labels must be class indices in [0, 2), got 2 at flat index 1'),
    )
    expect(() => accuracy(i32([-1]), i32([0]))).toThrow(
      'accuracy: labels must be non-negative class indices, got -1 at flat index 0',
    )
    expect(() => accuracy(i32([0]), tensor([true]))).toThrow(
      new DTypeError(
        'accuracy',
        'predictions must have dtype float32 or float64 (scores) or int32 (class indices), got bool',
      ),
    )
    expect(() => accuracy(i32([0]), tensor(0.5))).toThrow(
      'accuracy: predictions must be scores of shape [..., classes] with at least one class, got []',
    )
    expect(() => accuracy([0] as never, scores)).toThrow(
      new DTypeError('accuracy', "argument 'labels' must be a Tensor, got an array"),
    )
  })

  it('refuses an empty set of samples with a ShapeError', () => {
    expect(() => accuracy(i32([]), tensor([], [0, 3]))).toThrow(
      new ShapeError('accuracy', 'no samples: the metric of an empty set is undefined'),
    )
  })
})

describe('accuracyMetric', () => {
  it('accumulates exact counts over batches, an empty batch included', () => {
    const metric = accuracyMetric()
    let state = metric.init()
    state = metric.update(
      state,
      i32([0, 1]),
      tensor([
        [2, 1],
        [3, 4],
      ]),
    )
    state = metric.update(state, i32([]), tensor([], [0, 2]))
    state = metric.update(state, i32([1]), tensor([[5, 0]]))
    expect(state).toEqual({ correct: 2, count: 3 })
    expect(metric.result(state)).toBe(2 / 3)
  })

  it('returns frozen states and never changes the one it was given', () => {
    const metric = accuracyMetric()
    const first = metric.update(metric.init(), i32([0]), tensor([[1, 0]]))
    const second = metric.update(first, i32([0]), tensor([[0, 1]]))
    expect(first).toEqual({ correct: 1, count: 1 })
    expect(Object.isFrozen(second)).toBe(true)
    expect(metric.merge(first, second)).toEqual({ correct: 2, count: 3 })
  })

  it('names its method in errors, and refuses a state init() did not make', () => {
    const metric = accuracyMetric()
    expect(() => metric.result(metric.init())).toThrow(
      new ShapeError('accuracyMetric.result', 'no samples: the metric of an empty set is undefined'),
    )
    expect(() => metric.update(metric.init(), i32([3]), tensor([[1, 0]]))).toThrow(
      'accuracyMetric.update: labels must be class indices in [0, 2), got 3 at flat index 0',
    )
    expect(() => metric.update({ correct: -1, count: 0 }, i32([0]), tensor([[1, 0]]))).toThrow(
      new StructureError(
        'accuracyMetric.update',
        'state must be a { correct, count } record made by init(), got an object',
      ),
    )
  })
})
