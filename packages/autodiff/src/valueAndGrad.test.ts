import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { ConfigError, StructureError } from '@gradstream/core'
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

describe('valueAndGrad with hasAux', () => {
  it('passes aux back untouched from the one forward pass', () => {
    let calls = 0
    const state = { count: 3, note: 'kept' }
    const f = (w: Tensor, x: Tensor) => {
      calls++
      const logits = t.mul(w, x)
      return [t.sum(t.square(logits)), { logits, state }] as const
    }
    const { value, grads, aux } = valueAndGrad(f, { hasAux: true })(t.tensor([1, 2]), t.tensor([3, 4]))
    expect(calls).toBe(1)
    expect(value.item()).toBe(73)
    expect(grads.toArray()).toEqual([18, 64])
    expect(aux.state).toBe(state)
    expect(aux.logits.toArray()).toEqual([3, 8])
  })

  it('gives grad [grads, aux], as jax.grad', () => {
    const [g, aux] = grad((p: { w: Tensor }) => [t.sum(t.exp(p.w)), 'aux'] as const, { hasAux: true })({
      w: t.tensor([0], undefined, 'float64'),
    })
    expect(g.w.toArray()).toEqual([1])
    expect(aux).toBe('aux')
  })

  it('returns the same gradients as without aux', () => {
    const loss = (w: Tensor) => t.sum(t.softmax(t.mul(w, w)))
    const plain = grad(loss)(t.tensor([0.3, -1.2, 2]))
    const [withAux] = grad((w: Tensor) => [loss(w), null] as const, { hasAux: true })(t.tensor([0.3, -1.2, 2]))
    expect(withAux.toArray()).toEqual(plain.toArray())
  })

  it('throws a StructureError when f does not return [loss, aux]', () => {
    const notPair: unknown = (x: Tensor) => t.sum(x)
    const f = notPair as (x: Tensor) => readonly [Tensor, unknown]
    expect(() => valueAndGrad(f, { hasAux: true })(t.ones([2]))).toThrow(
      new StructureError('valueAndGrad', 'with hasAux, f must return [loss, aux], got a Tensor'),
    )
    const triple: unknown = (x: Tensor) => [t.sum(x), 1, 2]
    expect(() => grad(triple as typeof f, { hasAux: true })(t.ones([2]))).toThrow(
      new StructureError('grad', 'with hasAux, f must return [loss, aux], got an array of length 3'),
    )
  })

  it("checks the loss as it checks f's output", () => {
    expect(() => valueAndGrad((x: Tensor) => [x, 0] as const, { hasAux: true })(t.ones([2]))).toThrow(
      new t.ShapeError(
        'valueAndGrad',
        "with hasAux, f's loss must be a scalar (shape []), got shape [2]; use vjp for other outputs",
      ),
    )
    const numberLoss: unknown = () => [1, 0]
    expect(() =>
      valueAndGrad(numberLoss as (x: Tensor) => readonly [Tensor, number], { hasAux: true })(t.ones([2])),
    ).toThrow(new t.DTypeError('valueAndGrad', "with hasAux, f's loss must be a Tensor, got a number"))
  })
})

describe('valueAndGrad with argnums', () => {
  // f(a, s, b) = Σ a·b·s: ∂/∂a = b·s, ∂/∂b = a·s
  const f = (a: Tensor, s: number, b: { w: Tensor }) => t.sum(t.mul(t.mul(a, b.w), s))
  const a = t.tensor([1, 2])
  const b = { w: t.tensor([3, 4]) }

  it('differentiates the argument a number picks, in its structure', () => {
    const { value, grads } = valueAndGrad(f, { argnums: 2 })(a, 10, b)
    expect(value.item()).toBe(110)
    expect(grads.w.toArray()).toEqual([10, 20])
  })

  it('gives a tuple of gradients in the order of the list', () => {
    const [gb, ga] = grad(f, { argnums: [2, 0] })(a, 10, b)
    expect(gb.w.toArray()).toEqual([10, 20])
    expect(ga.toArray()).toEqual([30, 40])
    expect(grad(f, { argnums: [0] })(a, 10, b)).toHaveLength(1)
  })

  it('gives the same numbers as argnums 0 omitted', () => {
    const loss = (w: Tensor, x: Tensor) => t.sum(t.tanh(t.matMul(x, w)))
    const w = t.tensor([[0.5], [-0.25]])
    const x = t.tensor([
      [1, 2],
      [3, 4],
    ])
    expect(grad(loss, { argnums: 0 })(w, x).toArray()).toEqual(grad(loss)(w, x).toArray())
  })

  it('gives a tensor passed as two chosen arguments a gradient for each', () => {
    const x = t.tensor([2])
    const [gx, gy] = grad((p: Tensor, q: Tensor) => t.sum(t.mul(t.square(p), q)), { argnums: [0, 1] })(x, x)
    expect([gx.item(), gy.item()]).toEqual([8, 4]) // p²q: 2pq and p²
  })

  it('combines with hasAux', () => {
    const g = (x: Tensor, y: Tensor) => [t.sum(t.mul(x, y)), 'aux'] as const
    const { grads, aux } = valueAndGrad(g, { argnums: [1, 0], hasAux: true })(t.tensor([2]), t.tensor([5]))
    expect(grads.map((gr) => gr.item())).toEqual([2, 5])
    expect(aux).toBe('aux')
  })

  it('names a chosen argument args[i] in messages', () => {
    const ints = t.tensor([1], undefined, 'int32')
    expect(() =>
      grad((x: Tensor, n: Tensor) => t.sum(t.mul(x, t.cast(n, 'float32'))), { argnums: 1 })(a, ints),
    ).toThrow(
      new t.DTypeError(
        'grad',
        'args[1] has dtype int32; only float32 and float64 leaves can be differentiated (pass other values as extra arguments)',
      ),
    )
    expect(() => grad(f, asOptions({ argnums: 1 }))(a, 10, b)).toThrow(
      new StructureError('grad', 'args[1] is a number; pytrees hold Tensor leaves in plain objects and arrays'),
    )
  })

  it('refuses argnums past the arguments of the call', () => {
    expect(() => grad(f, asOptions({ argnums: [0, 3] }))(a, 10, b)).toThrow(
      new ConfigError('grad', 'argnums asks for argument 3, but the function was called with 3 arguments'),
    )
  })

  it('refuses bad argnums and options when the function is made', () => {
    const cases: [unknown, string][] = [
      [-1, 'argnums must be an integer >= 0, got -1'],
      [1.5, 'argnums must be an integer >= 0, got 1.5'],
      ['0', 'argnums must be an integer >= 0 or a non-empty array of them, got "0"'],
      [[], 'argnums must not be empty'],
      [[0, -2], 'argnums[1] must be an integer >= 0, got -2'],
      [[2, 0, 2], 'argnums lists argument 2 twice; each argument is differentiated once'],
    ]
    for (const [argnums, message] of cases) {
      const options = asOptions({ argnums })
      expect(() => valueAndGrad(f, options)).toThrow(new ConfigError('valueAndGrad', message))
    }
    expect(() => grad(f, asOptions({ hasAux: 1 }))).toThrow(new ConfigError('grad', 'hasAux must be a boolean, got 1'))
    expect(() => grad(f, asOptions({ argnum: 1 }))).toThrow(
      new ConfigError('grad', "unknown option 'argnum'; expected one of hasAux, argnums"),
    )
  })

  it('takes undefined options as none', () => {
    expect(grad((x: Tensor) => t.sum(x), undefined)(t.ones([2])).toArray()).toEqual([1, 1])
  })
})

/** Options the types refuse, as JavaScript callers can pass them. */
function asOptions(options: unknown): { readonly argnums: 0 } {
  return options as { readonly argnums: 0 }
}
