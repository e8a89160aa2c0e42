import { ConfigError, ShapeError } from '@gradstream/core'
import { checkGrad } from '@gradstream/autodiff'
import { cast, mul, randomNormal, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { layerNorm } from './layerNorm'
import type { LayerNormParams } from './layerNorm'

/** Float64 reference: each group of `groupSize` consecutive values normalized by its own mean and biased variance. */
function layerNormReference(
  values: readonly number[],
  groupSize: number,
  gamma: readonly number[],
  beta: readonly number[],
  epsilon: number,
): number[] {
  const out: number[] = []
  for (let start = 0; start < values.length; start += groupSize) {
    const group = values.slice(start, start + groupSize)
    const mean = group.reduce((a, b) => a + b, 0) / groupSize
    const variance = group.reduce((a, b) => a + (b - mean) ** 2, 0) / groupSize
    group.forEach((v, i) => {
      const c = i % gamma.length
      out.push(((v - mean) / Math.sqrt(variance + epsilon)) * gamma[c]! + beta[c]!)
    })
  }
  return out
}

const x = randomNormal([2, 3, 4], { seed: 2, mean: -1, stddev: 3 })
const params: LayerNormParams = { gamma: tensor([1, 2, 0.5, -1]), beta: tensor([0, 0.5, -1, 2]) }

function expectClose(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(tolerance))
}

describe('layerNorm', () => {
  it('normalizes every axis but the batch by default, as TF1’s layer_norm, to float32 rounding', () => {
    const out = layerNorm({ size: 4 }).apply(params, x)
    expect(out.shape).toEqual([2, 3, 4])
    expectClose(
      out.toFlatArray(),
      layerNormReference(x.toFlatArray(), 12, [1, 2, 0.5, -1], [0, 0.5, -1, 2], 1e-12),
      1e-5,
    )
  })

  it('normalizes from beginNormAxis on, counting negative axes from the end, in double for float64', () => {
    const x64 = cast(x, 'float64')
    const p64 = { gamma: cast(params.gamma, 'float64'), beta: cast(params.beta, 'float64') }
    const out = layerNorm({ size: 4, beginNormAxis: -1, epsilon: 1e-3 }).apply(p64, x64)
    expectClose(
      out.toFlatArray(),
      layerNormReference(x64.toFlatArray(), 4, [1, 2, 0.5, -1], [0, 0.5, -1, 2], 1e-3),
      1e-12,
    )
    const same = layerNorm({ size: 4, beginNormAxis: 2, epsilon: 1e-3 }).apply(p64, x64)
    expect(same.toFlatArray()).toEqual(out.toFlatArray())
  })

  it('has gradients that match central differences', () => {
    const layer = layerNorm({ size: 4 })
    const weights = cast(randomNormal([2, 3, 4], { seed: 3 }), 'float64')
    const loss = (inputs: { p: LayerNormParams; x: Tensor }): Tensor =>
      sum(mul(layer.apply(inputs.p, inputs.x), weights))
    const p64 = { gamma: cast(params.gamma, 'float64'), beta: cast(params.beta, 'float64') }
    const { maxRelError } = checkGrad(loss, { p: p64, x: cast(x, 'float64') })
    expect(maxRelError).toBeLessThan(1e-6)
  })

  it('refuses a beginNormAxis outside x, a wrong last axis and bad options', () => {
    expect(() => layerNorm({ size: 4, beginNormAxis: 3 }).apply(params, x)).toThrow(
      new ConfigError('layerNorm', 'beginNormAxis 3 is outside the axes of x, rank 3 (from -3 to 2)'),
    )
    expect(() => layerNorm({ size: 3 }).apply({ gamma: tensor([1, 1, 1]), beta: tensor([0, 0, 0]) }, x)).toThrow(
      new ShapeError('layerNorm', 'x must have shape [..., 3], got [2, 3, 4]'),
    )
    expect(() => layerNorm({ size: 4, epsilon: -1 })).toThrow('layerNorm: epsilon must be a finite number > 0, got -1')
    expect(() => layerNorm({ size: 4, beginNormAxis: 0.5 })).toThrow(
      'layerNorm: beginNormAxis must be an integer, got 0.5',
    )
  })
})
