// The convolution rules beyond the gradient-case table: the composites
// built on the three primitives, second-order gradients through the rules of
// the backprop primitives, and the work skipped for gradients not needed.
import * as t from '@gradstream/tensor'
import type { Primitive, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { checkGrad } from '../checkGrad'
import { uniform } from '../testing/random'
import { grad } from '../valueAndGrad'

/** The tolerance of a float64 central difference on these small linear maps. */
const FLOAT64_TOLERANCE = 1e-6

/** Σ f(params) · weights, with fixed weights, checked against central differences in float64. */
function maxRelError(f: (p: { a: Tensor; b: Tensor }) => Tensor, a: number[], b: number[]): number {
  const params = { a: uniform(a, { seed: 1, dtype: 'float64' }), b: uniform(b, { seed: 2, dtype: 'float64' }) }
  const weights = uniform(f(params).shape, { seed: 3, dtype: 'float64' })
  return checkGrad((p: { a: Tensor; b: Tensor }) => t.sum(t.mul(f(p), weights)), params).maxRelError
}

describe('gradients of the composite convolutions', () => {
  it('conv1d, SAME with stride 2', () => {
    const f = ({ a, b }: { a: Tensor; b: Tensor }) => t.conv1d(a, b, { stride: 2, padding: 'SAME' })
    expect(maxRelError(f, [2, 7, 2], [3, 2, 3])).toBeLessThan(FLOAT64_TOLERANCE)
  })

  it('conv2dTranspose, strides 2', () => {
    const f = ({ a, b }: { a: Tensor; b: Tensor }) =>
      t.conv2dTranspose(a, b, [1, 5, 6, 2], { strides: 2, padding: 'SAME' })
    expect(maxRelError(f, [1, 3, 3, 3], [3, 2, 2, 3])).toBeLessThan(FLOAT64_TOLERANCE)
  })

  it('depthwiseConv2d, channel multiplier 2, dilations 2', () => {
    const f = ({ a, b }: { a: Tensor; b: Tensor }) => t.depthwiseConv2d(a, b, { dilations: 2, padding: 'SAME' })
    expect(maxRelError(f, [1, 5, 4, 3], [2, 2, 3, 2])).toBeLessThan(FLOAT64_TOLERANCE)
  })
})

describe('second-order gradients', () => {
  // The first gradient of Σ conv2d(x, w)² is made of conv2dBackpropInput and
  // conv2dBackpropFilter, both depending on x and w; differentiating a
  // weighted sum of it exercises the rules of both backprop primitives.
  const options = { strides: 2, padding: 'SAME' } as const
  const loss = ({ a, b }: { a: Tensor; b: Tensor }) => t.sum(t.square(t.conv2d(a, b, options)))

  it('of Σ conv2d(x, w)² match central differences of the first gradient', () => {
    const firstGradient = ({ a, b }: { a: Tensor; b: Tensor }) => {
      const g = grad(loss)({ a, b })
      return t.concat([t.reshape(g.a, [-1]), t.reshape(g.b, [-1])])
    }
    expect(maxRelError(firstGradient, [1, 5, 4, 2], [3, 2, 2, 3])).toBeLessThan(FLOAT64_TOLERANCE)
  })
})

describe('needed gradients', () => {
  function opsDuring(fn: () => unknown): Set<Primitive> {
    const seen = new Set<Primitive>()
    t.withTracer({ record: (op) => seen.add(op) }, fn)
    return seen
  }

  it('skip conv2dBackpropInput when only the filter is differentiated, as for a data batch', () => {
    const x = uniform([2, 6, 6, 1], { seed: 6 })
    const w = uniform([3, 3, 1, 2], { seed: 7 })
    const ops = opsDuring(() => grad((filter: Tensor) => t.sum(t.conv2d(x, filter)))(w))
    expect(ops).toContain('conv2dBackpropFilter')
    expect(ops).not.toContain('conv2dBackpropInput')
  })

  it('skip conv2dBackpropFilter when only the input is differentiated', () => {
    const x = uniform([2, 6, 6, 1], { seed: 6 })
    const w = uniform([3, 3, 1, 2], { seed: 7 })
    const ops = opsDuring(() => grad((input: Tensor) => t.sum(t.conv2d(input, w)))(x))
    expect(ops).toContain('conv2dBackpropInput')
    expect(ops).not.toContain('conv2dBackpropFilter')
  })
})
