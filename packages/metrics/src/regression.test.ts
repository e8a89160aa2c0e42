import { DTypeError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { meanAbsoluteError, meanAbsoluteErrorMetric } from './meanAbsoluteError'
import { rootMeanSquaredError, rootMeanSquaredErrorMetric } from './rootMeanSquaredError'

describe('meanAbsoluteError and rootMeanSquaredError', () => {
  it('average over every element', () => {
    expect(meanAbsoluteError(tensor([1, 2, 3]), tensor([1.5, 2, 1]))).toBe(2.5 / 3)
    expect(rootMeanSquaredError(tensor([0, 0]), tensor([3, 4]))).toBe(Math.sqrt(12.5))
    expect(
      meanAbsoluteError(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        tensor([
          [0, 0],
          [0, 0],
        ]),
      ),
    ).toBe(2.5)
  })

  it('round each float32 difference and square to float32, as TF1, then sum in float64', () => {
    // 0.1 and 0.3 in float32; their float32 difference is not the float64 difference of the same values.
    const labels = tensor([0.1, 1e8])
    const predictions = tensor([0.3, 1e8 + 3])
    const [a, b] = labels.dataSync()
    const [p, q] = predictions.dataSync()
    const d1 = Math.fround(a! - p!)
    const d2 = Math.fround(b! - q!)
    expect(meanAbsoluteError(labels, predictions)).toBe((Math.abs(d1) + Math.abs(d2)) / 2)
    expect(rootMeanSquaredError(labels, predictions)).toBe(Math.sqrt((Math.fround(d1 * d1) + Math.fround(d2 * d2)) / 2))
    const in64 = tensor([0.1, 0.2], undefined, 'float64')
    expect(meanAbsoluteError(in64, tensor([0.3, 0], undefined, 'float64'))).toBe(
      (Math.abs(0.1 - 0.3) + Math.abs(0.2 - 0)) / 2,
    )
  })

  it('propagate NaN', () => {
    expect(meanAbsoluteError(tensor([NaN]), tensor([1]))).toBeNaN()
  })

  it('refuse inputs of another shape or dtype, and empty ones', () => {
    expect(() => meanAbsoluteError(tensor([1, 2]), tensor([[1, 2]]))).toThrow(
      new ShapeError(
        'meanAbsoluteError',
        'labels and predictions must have the same shape, got labels [2] and predictions [1, 2]',
      ),
    )
    expect(() => rootMeanSquaredError(tensor([1]), tensor([1], undefined, 'float64'))).toThrow(
      new DTypeError('rootMeanSquaredError', 'dtypes differ: labels is float32, predictions is float64'),
    )
    expect(() => rootMeanSquaredError(tensor([1], undefined, 'int32'), tensor([1]))).toThrow(
      'rootMeanSquaredError: labels must have dtype float32 or float64, got int32',
    )
    expect(() => meanAbsoluteError(tensor([]), tensor([]))).toThrow('meanAbsoluteError: no samples')
  })
})

describe('meanAbsoluteErrorMetric and rootMeanSquaredErrorMetric', () => {
  it('sum errors over batches and take the mean (and root) once', () => {
    const mae = meanAbsoluteErrorMetric()
    const state = mae.update(mae.init(), tensor([1, 2]), tensor([1.5, 2]))
    expect(mae.result(mae.update(state, tensor([3]), tensor([1])))).toBe(2.5 / 3)
    const rmse = rootMeanSquaredErrorMetric()
    const a = rmse.update(rmse.init(), tensor([0]), tensor([3]))
    const b = rmse.update(rmse.init(), tensor([0]), tensor([4]))
    expect(rmse.merge(a, b)).toEqual({ sum: 25, count: 2 })
    expect(rmse.result(rmse.merge(a, b))).toBe(Math.sqrt(12.5))
    expect(() => rmse.result(rmse.init())).toThrow('rootMeanSquaredErrorMetric.result: no samples')
    expect(() => mae.merge(state, { sum: 1, count: -1 })).toThrow(
      'meanAbsoluteErrorMetric.merge: state must be a { sum, count } record made by init(), got an object',
    )
  })
})
