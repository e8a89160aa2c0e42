import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { asParams } from './testing/invalid'
import { grad, valueAndGrad } from './valueAndGrad'

type Model = { w1: Tensor; layers: { w: Tensor; b: Tensor }[] }

const model: Model = {
  w1: t.tensor([1, 2]),
  layers: [
    { w: t.tensor([3]), b: t.tensor([4]) },
    { w: t.tensor([5]), b: t.tensor([6]) },
  ],
}

describe('valueAndGrad', () => {
  it('returns the value and gradients in the structure of the params', () => {
    // f = sum(w1²) + Σ w·b, so df/dw1 = 2·w1, df/dw = b, df/db = w.
    const f = (p: Model) => p.layers.reduce((acc, l) => t.add(acc, t.sum(t.mul(l.w, l.b))), t.sum(t.square(p.w1)))
    const { value, grads } = valueAndGrad(f)(model)
    expect(value.item()).toBe(1 + 4 + 12 + 30)
    expect(grads.w1.toArray()).toEqual([2, 4])
    expect(grads.layers.map((l) => [l.w.toArray(), l.b.toArray()])).toEqual([
      [[4], [3]],
      [[6], [5]],
    ])
    expect(Object.keys(grads)).toEqual(['w1', 'layers'])
  })

  it('passes extra arguments through without differentiating them', () => {
    const f = (w: Tensor, x: Tensor, scale: number) => t.sum(t.mul(t.mul(w, x), scale))
    const { value, grads } = valueAndGrad(f)(t.tensor([1, 2]), t.tensor([3, 4]), 10)
    expect(value.item()).toBe(110)
    expect(grads.toArray()).toEqual([30, 40])
  })

  it('gives a leaf that f does not use zeros of its shape and dtype', () => {
    const params = { used: t.tensor([1, 2]), unused: t.ones([2, 3], 'float64') }
    const { grads } = valueAndGrad((p: typeof params) => t.sum(p.used))(params)
    expect(grads.unused.toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
    expect(grads.unused.dtype).toBe('float64')
  })

  it('adds up gradients that meet at a tensor', () => {
    // x·x + 3x: 2x + 3
    expect(grad((x: Tensor) => t.sum(t.add(t.mul(x, x), t.mul(x, 3))))(t.tensor([1, -2])).toArray()).toEqual([5, -1])
  })

  it('gives a tensor passed at two places a gradient for each place', () => {
    const x = t.tensor([1])
    const { grads } = valueAndGrad((p: { a: Tensor; b: Tensor }) => t.sum(t.add(t.mul(p.a, 2), t.mul(p.b, 3))))({
      a: x,
      b: x,
    })
    expect([grads.a.item(), grads.b.item()]).toEqual([2, 3])
  })

  it('treats the same tensor reached by closure as a constant', () => {
    const x = t.tensor([2, 3])
    expect(grad((p: Tensor) => t.sum(t.mul(p, x)))(x).toArray()).toEqual([2, 3])
  })

  it('differentiates a function that takes a gradient itself', () => {
    // Inner: d/dy Σ x·y² = 2xy with x a constant; at y = x that is 2x², whose derivative is 4x.
    const inner = (x: Tensor) => grad((y: Tensor) => t.sum(t.mul(t.mul(x, y), y)))(x)
    expect(grad((x: Tensor) => t.sum(inner(x)))(t.tensor([1, 2])).toArray()).toEqual([4, 8])
  })

  it('leaves the outer gradient alone when f takes a gradient it does not use', () => {
    const f = (x: Tensor) => {
      valueAndGrad((y: Tensor) => t.sum(t.exp(y)))(x)
      return t.sum(t.square(x))
    }
    expect(grad(f)(t.tensor([1, 2])).toArray()).toEqual([2, 4])
  })

  it('records only while f runs', () => {
    const seen: boolean[] = []
    expect(t.isTracing()).toBe(false)
    valueAndGrad((x: Tensor) => (seen.push(t.isTracing()), t.sum(x)))(t.tensor([1]))
    expect(seen).toEqual([true])
    expect(t.isTracing()).toBe(false)
  })

  it('leaves no tracer active when f throws', () => {
    const failing = valueAndGrad((x: Tensor): Tensor => {
      t.add(x, 1)
      throw new Error('boom')
    })
    expect(() => failing(t.tensor([1]))).toThrow('boom')
    expect(t.isTracing()).toBe(false)
    const nested = grad((x: Tensor) => t.sum(t.add(x, failing(x).value)))
    expect(() => nested(t.tensor([1]))).toThrow('boom')
    expect(t.isTracing()).toBe(false)
  })

  it('throws a ShapeError naming the shape when f is not scalar', () => {
    expect(() => valueAndGrad((x: Tensor) => t.mul(x, 2))(t.ones([2, 1]))).toThrow(
      new t.ShapeError(
        'valueAndGrad',
        'f must return a scalar (shape []), got shape [2, 1]; use vjp for other outputs',
      ),
    )
    expect(() => grad((x: Tensor) => t.reshape(t.sum(x), [1]))(t.ones([2]))).toThrow(
      'grad: f must return a scalar (shape []), got shape [1];',
    )
  })

  it('throws a DTypeError naming an integer leaf', () => {
    const params = { layers: [{ w: t.ones([2]), steps: t.tensor([1], undefined, 'int32') }] }
    expect(() => valueAndGrad((p: typeof params) => t.sum(p.layers[0]!.w))(params)).toThrow(
      new t.DTypeError(
        'valueAndGrad',
        'params.layers[0].steps has dtype int32; only float32 and float64 leaves can be differentiated (pass other values as extra arguments)',
      ),
    )
  })

  it('throws a StructureError naming a value that is not a tensor', () => {
    const params = asParams({ w: t.ones([1]), lr: 0.1 })
    expect(() => valueAndGrad(() => t.scalar(0))(params)).toThrow(
      'valueAndGrad: params.lr is a number; pytrees hold Tensor leaves in plain objects and arrays',
    )
  })

  it('throws when f does not return a float tensor', () => {
    const three: unknown = () => 3
    const notTensor = three as (x: Tensor) => Tensor
    expect(() => valueAndGrad(notTensor)(t.ones([1]))).toThrow('valueAndGrad: f must return a Tensor, got a number')
    expect(() => valueAndGrad((x: Tensor) => t.argMax(x))(t.ones([2]))).toThrow(
      'valueAndGrad: f must return a float32 or float64 tensor, got int32',
    )
  })

  it('leaves the params untouched', () => {
    const params = { w: t.tensor([1, 2]) }
    valueAndGrad((p: typeof params) => t.sum(t.square(p.w)))(params)
    expect(params.w.toArray()).toEqual([1, 2])
  })
})

describe('grad', () => {
  it('returns the gradients only', () => {
    expect(grad((x: Tensor) => t.sum(t.square(x)))(t.tensor([1, 2])).toArray()).toEqual([2, 4])
  })
})
