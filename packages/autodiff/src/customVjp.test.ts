import { ConfigError } from '@gradstream/core'
import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { customVjp } from './customVjp'
import { uniform } from './testing/random'
import { grad, valueAndGrad } from './valueAndGrad'
import { VjpRuleError } from './vjpRuleError'

const f64 = (values: number[]) => t.tensor(values, undefined, 'float64')

// log(1 + eˣ) with the gradient sigmoid(x): finite where eˣ overflows.
const log1pexp = customVjp(
  (x: Tensor) => t.log1p(t.exp(x)),
  (g, [x]) => [t.mul(g, t.sigmoid(x))],
)

// Identity forward, gradient clipped to [-1, 1].
const clipGradient = customVjp(
  (x: Tensor) => x,
  (g) => [t.clipByValue(g, -1, 1)],
)

describe('customVjp', () => {
  it('computes forward and takes gradients from the backward rule', () => {
    const x = t.tensor([0, 100])
    expect(log1pexp(x).toArray()).toEqual(t.log1p(t.exp(x)).toArray())
    expect(grad((p: Tensor) => t.sum(log1pexp(p)))(x).toArray()).toEqual([0.5, 1])
    // Without the rule the gradient is inf / inf at 100.
    expect(grad((p: Tensor) => t.sum(t.log1p(t.exp(p))))(x).toFlatArray()[1]).toBeNaN()
  })

  it('keeps the rule when forward returns its input', () => {
    const g = grad((p: Tensor) => t.sum(t.mul(clipGradient(p), t.tensor([10, 0.5, -3]))))(t.tensor([1, 2, 3]))
    expect(g.toArray()).toEqual([1, 0.5, -1])
    const x = t.tensor([4])
    expect(clipGradient(x)).toBe(x) // outside gradients a call is forward itself
  })

  it('records nothing of forward', () => {
    const seen: t.Primitive[] = []
    const doubleExp = customVjp(
      (x: Tensor) => t.exp(t.exp(x)),
      (g, _inputs, y) => [t.mul(g, y)],
    )
    t.withTracer({ record: (op) => void seen.push(op) }, () => grad((p: Tensor) => t.sum(doubleExp(p)))(t.ones([2])))
    expect(seen).not.toContain('exp')
  })

  it('reports each call as one custom node to tracers that take them', () => {
    const nodes: t.CustomNode[] = []
    const ops: t.Primitive[] = []
    const x = t.tensor([1, 2])
    const y = t.withTracer({ record: (op) => void ops.push(op), recordCustom: (node) => void nodes.push(node) }, () =>
      log1pexp(x),
    )
    expect(ops).toEqual([])
    expect(nodes).toHaveLength(1)
    expect(nodes[0]!.inputs).toEqual([x])
    expect(nodes[0]!.output).toBe(y)
    expect(nodes[0]!.vjp(t.tensor([1, 1]))[0]!.toArray()).toEqual(t.sigmoid(x).toArray())
  })

  it('puts the active tracers back when forward throws', () => {
    const failing = customVjp(
      (_x: Tensor): Tensor => {
        throw new Error('boom')
      },
      (g) => [g],
    )
    const seen: t.Primitive[] = []
    t.withTracer({ record: (op) => void seen.push(op) }, () => {
      expect(() => failing(t.ones([1]))).toThrow('boom')
      t.exp(t.ones([1]))
    })
    expect(seen).toEqual(['exp'])
    expect(t.isTracing()).toBe(false)
  })

  it('runs forward once per call', () => {
    let calls = 0
    const counted = customVjp(
      (x: Tensor) => (calls++, t.mul(x, 3)),
      (g) => [t.mul(g, 3)],
    )
    expect(valueAndGrad((p: Tensor) => t.sum(counted(p)))(t.ones([2])).grads.toArray()).toEqual([3, 3])
    expect(calls).toBe(1)
  })

  it('passes gradients to several inputs, none where the rule gives null, none to integer inputs', () => {
    // f(a, b, idx) = a·b gathered at idx; the rule gives b nothing.
    const scaledGather = customVjp(
      (a: Tensor, b: Tensor, idx: Tensor) => t.gather(t.mul(a, b), idx),
      (g, [a, b, idx]) => [t.unsortedSegmentSum(t.mul(g, t.gather(b, idx)), idx, a.shape[0]!), null, null],
    )
    const a = f64([1, 2, 3])
    const b = f64([4, 5, 6])
    const idx = t.tensor([2, 0, 2], undefined, 'int32')
    const [ga, gb] = grad((p: Tensor, q: Tensor) => t.sum(scaledGather(p, q, idx)), { argnums: [0, 1] })(a, b)
    expect(ga.toArray()).toEqual([4, 0, 12])
    expect(gb.toArray()).toEqual([0, 0, 0])
  })

  it('adds its gradient to the ones of other paths', () => {
    // x·x (custom, rule 2x·g) + 3x
    const sq = customVjp(
      (x: Tensor) => t.mul(x, x),
      (g, [x]) => [t.mul(g, t.mul(x, 2))],
    )
    expect(grad((x: Tensor) => t.sum(t.add(sq(x), t.mul(x, 3))))(t.tensor([1, -2])).toArray()).toEqual([5, -1])
  })

  it('is differentiated again inside grad(grad(...)), through its rule', () => {
    // forward computes x³ by a route whose ops are not recorded; the rule is 3x²·g.
    const cube = customVjp(
      (x: Tensor) => t.pow(x, 3),
      (g, [x]) => [t.mul(g, t.mul(t.square(x), 3))],
    )
    const points = [-1.5, 0.4, 2]
    const first = (x: Tensor) => grad((y: Tensor) => t.sum(cube(y)))(x)
    const second = grad((x: Tensor) => t.sum(first(x)))(f64(points)).toFlatArray()
    second.forEach((value, i) => expect(value).toBeCloseTo(6 * points[i]!, 12))
  })

  it('differentiates a rule that uses the output at second order', () => {
    // y = eˣ with the rule g·y: the second derivative is eˣ again, reached through the output.
    const expCustom = customVjp(
      (x: Tensor) => t.exp(x),
      (g, _inputs, y) => [t.mul(g, y)],
    )
    const x = f64([-1, 0.5])
    const second = grad((p: Tensor) => t.sum(grad((q: Tensor) => t.sum(expCustom(q)))(p)))(x).toFlatArray()
    second.forEach((value, i) => expect(value).toBeCloseTo(Math.exp(x.toFlatArray()[i]!), 12))
  })

  it('works inside a model with matMul and broadcasting', () => {
    const w = uniform([3, 2], { seed: 1, dtype: 'float64' })
    const x = uniform([4, 3], { seed: 2, dtype: 'float64' })
    const plain = grad((p: Tensor) => t.sum(t.log1p(t.exp(t.matMul(x, p)))))(w).toFlatArray()
    const custom = grad((p: Tensor) => t.sum(log1pexp(t.matMul(x, p))))(w).toFlatArray()
    custom.forEach((value, i) => expect(value).toBeCloseTo(plain[i]!, 12))
  })

  it('refuses a forward or backward that is not a function', () => {
    const notFunction: unknown = 3
    expect(() => customVjp(notFunction as (x: Tensor) => Tensor, (g) => [g])).toThrow(
      new ConfigError('customVjp', 'forward must be a function, got 3'),
    )
    expect(() => customVjp((x: Tensor) => x, notFunction as (g: Tensor) => [Tensor])).toThrow(
      new ConfigError('customVjp', 'backward must be a function, got 3'),
    )
  })

  it('refuses inputs that are not tensors and a forward that returns none', () => {
    const loose: unknown = clipGradient
    expect(() => (loose as (x: unknown) => Tensor)([1, 2])).toThrow(
      new t.DTypeError('customVjp', 'input 0 must be a Tensor, got an array'),
    )
    const noTensor: unknown = () => 1
    const bad = customVjp(noTensor as (x: Tensor) => Tensor, (g) => [g])
    expect(() => bad(t.ones([1]))).toThrow(new t.DTypeError('customVjp', 'forward must return a Tensor, got a number'))
    expect(() => grad((x: Tensor) => t.sum(bad(x)))(t.ones([1]))).toThrow(
      'customVjp: forward must return a Tensor, got a number',
    )
    expect(t.isTracing()).toBe(false)
  })

  describe('checks what backward returns', () => {
    const cases: [string, (g: Tensor, x: Tensor) => unknown, string][] = [
      [
        'a tensor, not an array',
        (g) => g,
        'backward must return an array with one gradient (or null) per input, got a Tensor',
      ],
      [
        'too many gradients',
        (g) => [g, g],
        'backward returned 2 gradients for 1 inputs; it returns one gradient (or null) per input',
      ],
      ['a number', () => [1], "backward's gradient 0 must be a Tensor or null, got a number"],
      ['undefined', () => [undefined], "backward's gradient 0 must be a Tensor or null, got undefined"],
      ['a wrong shape', (g) => [t.reshape(g, [1, 2])], "backward's gradient 0 has shape [1, 2], input 0 has shape [2]"],
      [
        'a wrong dtype',
        (g) => [t.cast(g, 'float64')],
        "backward's gradient 0 has dtype float64, input 0 has dtype float32",
      ],
    ]
    it.each(cases)('refuses %s with a VjpRuleError', (_name, rule, message) => {
      const broken = customVjp((x: Tensor) => t.mul(x, 2), rule as (g: Tensor) => [Tensor])
      const x = t.tensor([1, 2])
      const run = () => grad((p: Tensor) => t.sum(broken(p)))(x)
      expect(run).toThrow(new VjpRuleError('customVjp', message))
      expect(x.toArray()).toEqual([1, 2])
      expect(t.isTracing()).toBe(false)
    })
  })
})
