import { ConfigError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { confusionMatrix, confusionMatrixMetric } from './confusionMatrix'

const i32 = (values: number[], shape?: number[]) => tensor(values, shape, 'int32')

describe('confusionMatrix', () => {
  it('counts true labels by row and predictions by column, as tf.math.confusion_matrix', () => {
    const matrix = confusionMatrix(i32([0, 1, 1, 2]), i32([0, 2, 1, 2]))
    expect(matrix.dtype).toBe('int32')
    expect(matrix.toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 1],
      [0, 0, 1],
    ])
  })

  it('sizes itself as the largest index plus one, or as numClasses, or as the class axis', () => {
    expect(confusionMatrix(i32([1]), i32([3])).shape).toEqual([4, 4])
    expect(confusionMatrix(i32([1]), i32([0]), { numClasses: 5 }).shape).toEqual([5, 5])
    const oneHot = tensor([
      [0, 0, 1],
      [1, 0, 0],
    ])
    expect(confusionMatrix(oneHot, i32([2, 1])).toArray()).toEqual([
      [0, 1, 0],
      [0, 0, 0],
      [0, 0, 1],
    ])
    expect(
      confusionMatrix(
        i32([0, 0]),
        tensor([
          [1, 3],
          [2, 1],
        ]),
      ).toArray(),
    ).toEqual([
      [1, 1],
      [0, 0],
    ])
  })

  it('is all zeros over no samples when the number of classes is known', () => {
    expect(confusionMatrix(i32([]), i32([]), { numClasses: 2 }).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ])
    expect(() => confusionMatrix(i32([]), i32([]))).toThrow(
      new ShapeError('confusionMatrix', 'no samples: the metric of an empty set is undefined'),
    )
  })

  it('refuses predictions outside the classes and a bad numClasses', () => {
    expect(() => confusionMatrix(i32([0]), i32([2]), { numClasses: 2 })).toThrow(
      new ConfigError('confusionMatrix', 'predictions must be class indices in [0, 2), got 2 at flat index 0'),
    )
    expect(() => confusionMatrix(i32([0]), i32([0]), { numClasses: 1.5 })).toThrow(
      'confusionMatrix: numClasses must be an integer >= 1, got 1.5',
    )
    expect(() => confusionMatrix(i32([0]), i32([0]), { classes: 1 } as never)).toThrow(
      "confusionMatrix: unknown option 'classes'; expected one of numClasses",
    )
    expect(() => confusionMatrix(i32([0, 1]), i32([0]))).toThrow(
      'confusionMatrix: labels must have shape [1] (class indices) or [1, classes] (one-hot), got [2]',
    )
  })
})

describe('confusionMatrixMetric', () => {
  it('adds counts over batches and merges shards', () => {
    const metric = confusionMatrixMetric({ numClasses: 2 })
    const a = metric.update(
      metric.init(),
      i32([0, 1]),
      tensor([
        [2, 1],
        [3, 4],
      ]),
    )
    const b = metric.update(metric.init(), i32([1]), tensor([[5, 0]]))
    expect(metric.result(metric.merge(a, b)).toArray()).toEqual([
      [1, 0],
      [1, 1],
    ])
    expect(a.counts).toEqual([1, 0, 0, 1])
    expect(Object.isFrozen(a.counts)).toBe(true)
    expect(metric.result(metric.init()).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ])
  })

  it('refuses a count int32 cannot hold, pointing at the exact state', () => {
    const metric = confusionMatrixMetric({ numClasses: 1 })
    expect(() => metric.result({ numClasses: 1, counts: [2 ** 31] })).toThrow(
      new ShapeError(
        'confusionMatrixMetric.result',
        'a count of 2147483648 does not fit int32; read state.counts instead',
      ),
    )
  })
})
