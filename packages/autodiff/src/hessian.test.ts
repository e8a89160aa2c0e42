import { StructureError } from '@gradstream/core'
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { hessian } from './hessian'
import { asParams } from './testing/invalid'
import { uniform } from './testing/random'
import { grad } from './valueAndGrad'

/** The flat float64 Hessian of `f` at `x` by central differences of its gradient, column by column. */
function differencedHessian(f: (x: Tensor) => Tensor, x: Tensor, eps = 1e-5): number[][] {
  const gradient = grad(f)
  const values = x.toFlatArray()
  return values.map((_, j) => {
    const moved = (sign: number) => {
      const copy = values.slice()
      copy[j]! += sign * eps
      return gradient(t.tensor(copy, x.shape, 'float64')).toFlatArray()
    }
    const [above, below] = [moved(1), moved(-1)]
    return above.map((a, i) => (a - below[i]!) / (2 * eps))
  })
}

const W = uniform([3, 4], { seed: 8 })

const functions: { name: string; shape: number[]; f: (x: Tensor) => Tensor }[] = [
  { name: 'Σ sigmoid(x)·x', shape: [2, 2], f: (x) => t.sum(t.mul(t.sigmoid(x), x)) },
  {
    name: 'a softmax-weighted sum of a matMul',
    shape: [4, 1],
    f: (x) => t.sum(t.mul(t.softmax(t.matMul(W, x), 0), t.matMul(W, x))),
  },
  {
    name: 'a broadcast product reduced by prod',
    shape: [3],
    f: (x) => t.sum(t.prod(t.add(t.reshape(x, [3, 1]), W), 0)),
  },
]

describe('hessian', () => {
  describe.each(functions)('of $name', ({ shape, f }) => {
    const x = uniform(shape, { seed: 4 })
    const H = hessian(f)(x)

    it('has shape [...x, ...x] and is symmetric', () => {
      expect(H.shape).toEqual([...shape, ...shape])
      const n = x.size
      const h = H.toFlatArray()
      for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(h[i * n + j]).toBeCloseTo(h[j * n + i]!, 12)
    })

    it('matches central differences of the gradient in float64', () => {
      // H is symmetric, so column j of the differences is also row j.
      const expected = differencedHessian(f, x)
      const n = x.size
      const h = H.toFlatArray()
      expected.forEach((col, j) => col.forEach((value, i) => expect(h[i * n + j]).toBeCloseTo(value, 7)))
    })

    it('times a vector equals the Hessian-vector product of grad(grad)', () => {
      const v = uniform(shape, { seed: 9 })
      const hvp = grad((p: Tensor) => t.sum(t.mul(grad(f)(p), v)))(x).toFlatArray()
      const n = x.size
      const h = H.toFlatArray()
      const product = Array.from({ length: n }, (_, i) =>
        v.toFlatArray().reduce((s, vj, j) => s + h[i * n + j]! * vj, 0),
      )
      product.forEach((value, i) => expect(value).toBeCloseTo(hvp[i]!, 12))
    })
  })

  it('passes extra arguments through', () => {
    // f = Σ c·x²: H = diag(2c)
    const H = hessian((x: Tensor, c: Tensor) => t.sum(t.mul(c, t.square(x))))(t.tensor([1, 2]), t.tensor([3, 5]))
    expect(H.toArray()).toEqual([
      [6, 0],
      [0, 10],
    ])
  })

  it('gives pytree params a tree of trees of blocks [...a, ...b], matching the flat Hessian', () => {
    // f(a, b) = Σ a²·b over a [2] and b [1]: ∂²/∂a² = diag(2b), ∂²/∂a∂b = 2a, ∂²/∂b² = 0
    const params = { a: t.tensor([1, 3], undefined, 'float64'), b: [t.tensor([2], undefined, 'float64')] }
    const f = (p: typeof params) => t.sum(t.mul(t.square(p.a), p.b[0]!))
    const H = hessian(f)(params)
    expect(H.a.a.toArray()).toEqual([
      [4, 0],
      [0, 4],
    ])
    expect(H.a.b[0]!.toArray()).toEqual([[2], [6]])
    expect(H.b[0]!.a.toArray()).toEqual([[2, 6]])
    expect(H.b[0]!.b[0]!.toArray()).toEqual([[0]])
    // The same function of one concatenated vector [a₀, a₁, b] gives the same numbers.
    const flat = hessian((x: Tensor) => t.sum(t.mul(t.square(t.slice(x, [0], [2])), t.slice(x, [2], [1]))))(
      t.tensor([1, 3, 2], undefined, 'float64'),
    )
    expect(flat.toArray()).toEqual([
      [4, 0, 2],
      [0, 4, 6],
      [2, 6, 0],
    ])
  })

  it('names itself in errors', () => {
    expect(() => hessian((x: Tensor) => t.square(x))(t.ones([2]))).toThrow(
      new t.ShapeError('hessian', 'f must return a scalar (shape []), got shape [2]; use vjp for other outputs'),
    )
    expect(() => hessian((p: Tensor) => t.sum(p))(asParams({ w: t.ones([1]), lr: 0.1 }) as Tensor)).toThrow(
      new StructureError('hessian', 'params.lr is a number; pytrees hold Tensor leaves in plain objects and arrays'),
    )
    const ints = t.tensor([1], undefined, 'int32')
    expect(() => hessian((p: Tensor) => t.sum(t.cast(p, 'float32')))(ints)).toThrow(
      'hessian: params has dtype int32; only float32 and float64 leaves can be differentiated',
    )
  })
})
