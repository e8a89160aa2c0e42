// The composite activations of @gradstream/tensor: gradients at their kinks
// by TF1's conventions, and everywhere else against central differences.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { checkGrad } from '../checkGrad'
import { uniform } from '../testing/random'
import { grad } from '../valueAndGrad'

const f32 = Math.fround
const gradOf = (fn: (x: Tensor) => Tensor, x: Tensor) => grad((p: Tensor) => t.sum(fn(p)))(x).toFlatArray()

/** The largest relative error of `fn`'s gradient against central differences, in float64 on [low, high]. */
function gradError(fn: (x: Tensor) => Tensor, shape: number[], low = -3, high = 3): number {
  const x = uniform(shape, { seed: 21, low, high, dtype: 'float64' })
  const weights = uniform(fn(x).shape, { seed: 22, dtype: 'float64' })
  return checkGrad((p: Tensor) => t.sum(t.mul(fn(p), weights)), x).maxRelError
}

describe('at the kinks, as TF1', () => {
  it('relu6 passes the gradient only strictly between 0 and 6', () => {
    expect(gradOf(t.relu6, t.tensor([-1, 0, 3, 6, 8]))).toEqual([0, 0, 1, 0, 0])
  })

  it('leakyRelu has gradient alpha at 0 and below, 1 above', () => {
    expect(gradOf(t.leakyRelu, t.tensor([-1, 0, 2]))).toEqual([f32(0.2), f32(0.2), 1])
    expect(gradOf((x) => t.leakyRelu(x, 0.5), t.tensor([0]))).toEqual([0.5])
  })

  it('selu has gradient scale at 0 and scale · alpha · exp(x) below', () => {
    const [atZero, below] = gradOf(t.selu, t.tensor([0, -1], undefined, 'float64'))
    expect(atZero).toBe(1.0507009873554805)
    expect(below).toBeCloseTo(1.7580993408473766 * Math.exp(-1), 15)
  })

  it('selu keeps a finite gradient where exp(x) overflows', () => {
    const [above, below] = gradOf(t.selu, t.tensor([100, -100]))
    expect(above).toBe(f32(1.0507009873554805))
    expect(below).toBeCloseTo(0, 40)
  })
})

describe('away from kinks, against central differences in float64', () => {
  const cases: [string, (x: Tensor) => Tensor][] = [
    ['relu', t.relu],
    ['relu of a square (a gradient of reluGrad in dy)', (x) => t.mul(t.relu(x), t.square(x))],
    ['leakyRelu', (x) => t.leakyRelu(x, 0.3)],
    ['relu6', (x) => t.relu6(t.mul(x, 3))],
    ['selu', t.selu],
    ['gelu', t.gelu],
    ['gelu (approximate)', (x) => t.gelu(x, { approximate: true })],
    ['silu', t.silu],
    ['logSigmoid', t.logSigmoid],
    ['logSumExp over all axes', (x) => t.logSumExp(x)],
    ['logSumExp over axis 1', (x) => t.logSumExp(x, 1)],
    ['logSumExp over axes [0, 2], keepDims', (x) => t.logSumExp(x, [0, 2], true)],
  ]
  it.each(cases)('%s', (_name, fn) => {
    expect(gradError(fn, [2, 3, 2])).toBeLessThan(1e-6)
  })
})

describe('relu', () => {
  it('has reluGrad as gradient, itself differentiable: second order 0 away from the kink, as TF1', () => {
    const x = t.tensor([-2, -0, 0, 1.5, NaN])
    const first = gradOf(t.relu, x)
    expect(first).toEqual([0, 0, 0, 1, 1])
    // d/dx of sum(relu'(x) * x²) = relu'(x) * 2x: reluGrad carries the mask into the second pass.
    const secondOrder = grad((p: Tensor) => t.sum(grad((q: Tensor) => t.sum(t.mul(t.relu(q), q)))(p)))
    expect(secondOrder(t.tensor([-2, 3])).toFlatArray()).toEqual([0, 2])
  })

  it('differentiates reluGrad in dy with the same mask and passes nothing to y', () => {
    const y = t.tensor([0, 2, 0.5])
    expect(
      grad((dy: Tensor) => t.sum(t.mul(t.reluGrad(dy, y), t.tensor([3, 4, 5]))))(t.tensor([1, 1, 1])).toFlatArray(),
    ).toEqual([0, 4, 5])
    expect(grad((p: Tensor) => t.sum(t.reluGrad(t.tensor([1, 1, 1]), p)))(y).toFlatArray()).toEqual([0, 0, 0])
  })
})

describe('logSumExp', () => {
  it('has the softmax along its axes as gradient, finite for large inputs', () => {
    const x = t.tensor([
      [1000, 1000],
      [0, Math.log(3)],
    ])
    const expected = [0.5, 0.5, 0.25, 0.75]
    gradOf((p) => t.logSumExp(p, 1), x).forEach((g, i) => expect(g).toBeCloseTo(expected[i]!, 6))
  })
})
