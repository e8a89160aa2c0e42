import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, moments, tensor } from '../index'
import type { Tensor } from '../index'

const f32 = Math.fround

/** Deterministic values in [-3, 3) from a linear congruential generator, with an offset so the mean is not 0. */
function randomValues(size: number, seed: number): number[] {
  let state = seed
  return Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state / 2 ** 32) * 6 - 3 + 10
  })
}

/** Float64 mean and population variance of each row of a [rows, cols] array. */
function rowMoments(rows: number[][]): { mean: number[]; variance: number[] } {
  const mean = rows.map((row) => row.reduce((a, v) => a + v, 0) / row.length)
  const variance = rows.map((row, r) => row.reduce((a, v) => a + (v - mean[r]!) ** 2, 0) / row.length)
  return { mean, variance }
}

const asRows = (t: Tensor) => t.toArray() as number[][]

describe('moments', () => {
  it('matches float64 means and population variances over the last axis', () => {
    const x = tensor(randomValues(5 * 40, 1), [5, 40], 'float64')
    const { mean, variance } = moments(x, -1)
    const expected = rowMoments(asRows(x))
    expect(mean.shape).toEqual([5])
    ;(mean.toArray() as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected.mean[i]!, 12))
    ;(variance.toArray() as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected.variance[i]!, 12))
  })

  it('rounds in float32 as TF1 does: difference, square, sequential sum, division by the count', () => {
    const values = randomValues(30, 2)
    const { mean, variance } = moments(tensor(values), 0)
    let sum = 0
    for (const v of values) sum = f32(sum + f32(v))
    const m = f32(sum / 30)
    let squares = 0
    for (const v of values) squares = f32(squares + f32(f32(f32(v) - m) ** 2))
    expect(mean.item()).toBe(m)
    expect(variance.item()).toBe(f32(squares / 30))
  })

  it('reduces several axes, in any order, and keeps them as length 1 with keepDims', () => {
    const x = tensor(randomValues(2 * 3 * 4, 3), [2, 3, 4], 'float64')
    const { mean, variance } = moments(x, [2, 0], { keepDims: true })
    expect(mean.shape).toEqual([1, 3, 1])
    expect(variance.shape).toEqual([1, 3, 1])
    const cube = x.toArray() as number[][][]
    const columns = [0, 1, 2].map((j) => cube.flatMap((plane) => plane[j]!))
    const expected = rowMoments(columns)
    ;(variance.toArray() as number[][][])[0]!.forEach((row, j) => expect(row[0]).toBeCloseTo(expected.variance[j]!, 12))
    expect(moments(x, [0, 2]).mean.shape).toEqual([3])
  })

  it('gives variance 0 for constant data and NaN over an empty axis', () => {
    expect(moments(tensor([7, 7, 7]), 0).variance.item()).toBe(0)
    const empty = moments(tensor([], [0]), 0)
    expect(Number.isNaN(empty.mean.item())).toBe(true)
    expect(Number.isNaN(empty.variance.item())).toBe(true)
  })

  it('refuses integer tensors, bad axes and unknown options, leaving the input untouched', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ])
    expect(() => moments(tensor([1, 2], undefined, 'int32'), 0)).toThrow(
      new DTypeError('moments', 'x must have dtype float32 or float64, got int32'),
    )
    expect(() => moments(x, 2)).toThrow(new ShapeError('moments', 'axis 2 is out of range for a tensor of rank 2'))
    expect(() => moments(x, 0, { keepdims: true } as never)).toThrow(
      new ConfigError('moments', "unknown option 'keepdims'; expected one of keepDims"),
    )
    expect(() => moments(x, 0, { keepDims: 1 } as never)).toThrow(
      new ConfigError('moments', 'keepDims must be a boolean, got 1'),
    )
    expect(() => moments('x' as never, 0)).toThrow(DTypeError)
    expect(moments(x, 0, undefined).mean.toArray()).toEqual([2, 3])
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })
})
