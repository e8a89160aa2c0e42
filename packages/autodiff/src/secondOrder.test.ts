// Rules are written with public ops, so the backward pass is recorded by
// any enclosing tape: second derivatives and Hessian-vector products.
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { uniform } from './testing/random'
import { grad } from './valueAndGrad'

const points = [-1.5, -0.3, 0.4, 2]
const positive = [0.3, 1, 2.5]

/** The elementwise second derivative of `f` at `values`, in float64. */
function secondDerivative(f: (x: Tensor) => Tensor, values: number[]): number[] {
  const firstDerivative = (x: Tensor) => grad((y: Tensor) => t.sum(f(y)))(x)
  return grad((x: Tensor) => t.sum(firstDerivative(x)))(t.tensor(values, undefined, 'float64')).toFlatArray()
}

function expectClose(actual: number[], expected: number[]): void {
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i]!, 12))
}

describe('grad(grad(f))', () => {
  it('is 6x for x³', () => {
    expectClose(
      secondDerivative((x) => t.pow(x, 3), points),
      points.map((x) => 6 * x),
    )
    expectClose(
      secondDerivative((x) => t.mul(t.mul(x, x), x), points),
      points.map((x) => 6 * x),
    )
  })

  it('is s(1 − s)(1 − 2s) for sigmoid', () => {
    const s = (x: number) => 1 / (1 + Math.exp(-x))
    expectClose(
      secondDerivative(t.sigmoid, points),
      points.map((x) => s(x) * (1 - s(x)) * (1 - 2 * s(x))),
    )
  })

  it('is −2 tanh (1 − tanh²) for tanh', () => {
    expectClose(
      secondDerivative(t.tanh, points),
      points.map((x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)),
    )
  })

  it('is exp for exp', () => {
    expectClose(secondDerivative(t.exp, points), points.map(Math.exp))
  })

  it('is −1/x² for log', () => {
    expectClose(
      secondDerivative(t.log, positive),
      positive.map((x) => -1 / x ** 2),
    )
  })
})

describe('Hessian-vector products', () => {
  it('through matMul equal 2·XᵀX·v for ‖X w‖²', () => {
    const X = uniform([5, 3], { seed: 1 })
    const w = uniform([3, 1], { seed: 2 })
    const v = uniform([3, 1], { seed: 3 })
    const f = (p: Tensor) => t.sum(t.square(t.matMul(X, p)))
    const hvp = grad((p: Tensor) => t.sum(t.mul(grad(f)(p), v)))(w).toFlatArray()

    const xs = X.toArray() as number[][]
    const vs = v.toFlatArray()
    const expected = [0, 1, 2].map(
      (i) => 2 * xs.reduce((acc, row) => acc + row[i]! * row.reduce((s, xk, k) => s + xk * vs[k]!, 0), 0),
    )
    expectClose(hvp, expected)
  })
})
