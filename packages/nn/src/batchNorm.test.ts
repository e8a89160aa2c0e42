import { ConfigError, DTypeError, ShapeError, StructureError } from '@gradstream/core'
import { checkGrad } from '@gradstream/autodiff'
import { cast, mul, randomNormal, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { batchNorm } from './batchNorm'
import type { BatchNormParams } from './batchNorm'

/** Float64 reference: per channel of the last axis, the mean and biased variance over all other axes. */
function channelMoments(values: readonly number[], channels: number): { mean: number[]; variance: number[] } {
  const rows = values.length / channels
  const mean = Array.from({ length: channels }, (_, c) => {
    let total = 0
    for (let r = 0; r < rows; r++) total += values[r * channels + c]!
    return total / rows
  })
  const variance = mean.map((m, c) => {
    let total = 0
    for (let r = 0; r < rows; r++) total += (values[r * channels + c]! - m) ** 2
    return total / rows
  })
  return { mean, variance }
}

function normalizeReference(
  values: readonly number[],
  stats: { mean: number[]; variance: number[] },
  gamma: readonly number[],
  beta: readonly number[],
  epsilon: number,
): number[] {
  const channels = gamma.length
  return values.map((v, i) => {
    const c = i % channels
    return ((v - stats.mean[c]!) / Math.sqrt(stats.variance[c]! + epsilon)) * gamma[c]! + beta[c]!
  })
}

const x = randomNormal([2, 3, 2, 4], { seed: 5, mean: 1, stddev: 2 })
const params: BatchNormParams = { gamma: tensor([1, 2, 0.5, -1]), beta: tensor([0, 0.5, -1, 2]) }

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(tolerance))
}

describe('batchNorm', () => {
  it('normalizes with the batch statistics while training and updates the moving ones with momentum 0.99', () => {
    const layer = batchNorm({ size: 4 })
    const state = layer.initState()
    const { output, state: next } = layer.apply(params, x, { state, training: true })
    const values = x.toFlatArray()
    const stats = channelMoments(values, 4)
    // Outputs are O(5); float32 rounding of a few ops each with relative error 2^-24 stays far below 1e-5.
    expectClose(output.toFlatArray(), normalizeReference(values, stats, [1, 2, 0.5, -1], [0, 0.5, -1, 2], 1e-3), 1e-5)
    expectClose(
      next.movingMean.toFlatArray(),
      stats.mean.map((m) => 0.99 * 0 + 0.01 * m),
      1e-7,
    )
    expectClose(
      next.movingVariance.toFlatArray(),
      stats.variance.map((v) => 0.99 * 1 + 0.01 * v),
      1e-6,
    )
    expect(state.movingMean.toFlatArray()).toEqual([0, 0, 0, 0])
    expect(state.movingVariance.toFlatArray()).toEqual([1, 1, 1, 1])
  })

  it('computes in double for float64 inputs, to 1e-12', () => {
    const layer = batchNorm({ size: 4, momentum: 0.9, epsilon: 0.01 })
    const x64 = cast(x, 'float64')
    const p64 = { gamma: cast(params.gamma, 'float64'), beta: cast(params.beta, 'float64') }
    const s64 = {
      movingMean: tensor([1, 2, 3, 4], undefined, 'float64'),
      movingVariance: tensor([2, 2, 2, 2], undefined, 'float64'),
    }
    const { output, state } = layer.apply(p64, x64, { state: s64, training: true })
    const stats = channelMoments(x64.toFlatArray(), 4)
    expectClose(
      output.toFlatArray(),
      normalizeReference(x64.toFlatArray(), stats, [1, 2, 0.5, -1], [0, 0.5, -1, 2], 0.01),
      1e-12,
    )
    expectClose(
      state.movingMean.toFlatArray(),
      stats.mean.map((m, c) => 0.9 * (c + 1) + 0.1 * m),
      1e-12,
    )
    expectClose(
      state.movingVariance.toFlatArray(),
      stats.variance.map((v) => 0.9 * 2 + 0.1 * v),
      1e-12,
    )
  })

  it('normalizes with the moving statistics outside training and returns the same state', () => {
    const layer = batchNorm({ size: 4 })
    const state = { movingMean: tensor([1, -1, 0.5, 0]), movingVariance: tensor([4, 0.25, 1, 9]) }
    const result = layer.apply(params, x, { state })
    expect(result.state).toBe(state)
    const stats = { mean: [1, -1, 0.5, 0], variance: [4, 0.25, 1, 9] }
    expectClose(
      result.output.toFlatArray(),
      normalizeReference(x.toFlatArray(), stats, [1, 2, 0.5, -1], [0, 0.5, -1, 2], 1e-3),
      1e-5,
    )
  })

  it('initializes gamma to ones, beta to zeros, the moving mean to zeros and the moving variance to ones', () => {
    const layer = batchNorm({ size: 2 })
    expect(layer.init()).toEqual({ gamma: tensor([1, 1]), beta: tensor([0, 0]) })
    expect(layer.initState()).toEqual({ movingMean: tensor([0, 0]), movingVariance: tensor([1, 1]) })
    expect([layer.momentum, layer.epsilon]).toEqual([0.99, 1e-3])
  })

  it('has training-mode gradients for x, gamma and beta that match central differences', () => {
    const layer = batchNorm({ size: 4 })
    const x64 = cast(x, 'float64')
    const state = {
      movingMean: tensor([0, 0, 0, 0], undefined, 'float64'),
      movingVariance: tensor([1, 1, 1, 1], undefined, 'float64'),
    }
    const weights = cast(randomNormal([2, 3, 2, 4], { seed: 9 }), 'float64')
    const loss = (inputs: { p: BatchNormParams; x: Tensor }): Tensor =>
      sum(mul(layer.apply(inputs.p, inputs.x, { state, training: true }).output, weights))
    const p64 = { gamma: cast(params.gamma, 'float64'), beta: cast(params.beta, 'float64') }
    const { maxRelError } = checkGrad(loss, { p: p64, x: x64 })
    expect(maxRelError).toBeLessThan(1e-6)
  })

  it('refuses missing or misshapen state, wrong inputs and bad options', () => {
    const layer = batchNorm({ size: 4 })
    const state = layer.initState()
    expect(() => layer.apply(params, x)).toThrow(
      new StructureError('batchNorm', 'state must be an object { movingMean, movingVariance }, got undefined'),
    )
    expect(() =>
      Reflect.apply(layer.apply, undefined, [params, x, { state: { movingMean: state.movingMean } }]),
    ).toThrow('batchNorm: state.movingVariance is missing; state is { movingMean, movingVariance }')
    expect(() => layer.apply(params, x, { state: { ...state, movingMean: tensor([0, 0]) } })).toThrow(
      new ShapeError('batchNorm', 'state.movingMean must have shape [4], got [2]'),
    )
    expect(() => layer.apply(params, tensor([[1, 2, 3]]), { state })).toThrow(
      new ShapeError('batchNorm', 'x must have shape [batch, ..., 4], got [1, 3]'),
    )
    expect(() => layer.apply(params, tensor([1, 2, 3, 4]), { state })).toThrow(
      'batchNorm: x must have shape [batch, ..., 4], got [4]',
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{ gamma: params.gamma }, x, { state }])).toThrow(
      'batchNorm: params.beta is missing; params is { gamma, beta }',
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{ ...params, beta: 0 }, x, { state }])).toThrow(
      new DTypeError('batchNorm', 'params.beta must be a Tensor, got 0'),
    )
    expect(() => batchNorm({ size: 4, momentum: 1.5 })).toThrow(
      new ConfigError('batchNorm', 'momentum must be in [0, 1], got 1.5'),
    )
    expect(() => batchNorm({ size: 4, epsilon: 0 })).toThrow('batchNorm: epsilon must be a finite number > 0, got 0')
    expect(() => batchNorm({ size: 0 })).toThrow('batchNorm: size must be an integer >= 1, got 0')
    expect(() => Reflect.apply(batchNorm, undefined, [{ size: 4, axis: 1 }])).toThrow(
      "batchNorm: unknown option 'axis'; expected one of size, momentum, epsilon",
    )
  })
})
