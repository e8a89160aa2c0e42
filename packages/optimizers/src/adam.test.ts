import { DTypeError, StructureError } from '@gradstream/core'
import { scalar, tensor, treeLeaves } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { applyUpdates } from './applyUpdates'
import { scaleByAdam } from './scaleByAdam'

const f = Math.fround
const w = (tree: unknown) => (tree as { w: Tensor }).w.toFlatArray()

/** TF1 ApplyAdam on one float32 element, written out from the kernel's C++ (beta powers always float32). */
function tf1Reference(grads: readonly number[], lr: number, x0: number, r: (x: number) => number = f): number[] {
  const [beta1, beta2, eps] = [r(0.9), r(0.999), r(1e-8)]
  let [m, v, x, b1p, b2p] = [0, 0, r(x0), f(0.9), f(0.999)]
  const xs: number[] = []
  for (const g of grads.map(r)) {
    const alpha = r(r(r(lr) * r(Math.sqrt(r(1 - b2p)))) / r(1 - b1p))
    m = r(m + r(r(g - m) * r(1 - beta1)))
    v = r(v + r(r(r(g * g) - v) * r(1 - beta2)))
    x = r(x - r(r(m * alpha) / r(r(Math.sqrt(v)) + eps)))
    ;[b1p, b2p] = [f(b1p * f(0.9)), f(b2p * f(0.999))]
    xs.push(x)
  }
  return xs
}

function run(opt: ReturnType<typeof adam>, x0: readonly number[], grads: readonly (readonly number[])[]) {
  let params = { w: tensor(x0 as number[]) }
  let state = opt.init(params)
  const xs: number[][] = []
  for (const g of grads) {
    const result = opt.update({ w: tensor(g as number[]) }, state, params)
    params = applyUpdates(params, result.updates)
    state = result.state
    xs.push(w(params))
  }
  return { xs, state }
}

describe('adam', () => {
  it("matches TF1's ApplyAdam over two steps, bit for bit", () => {
    const { xs } = run(
      adam(0.1),
      [1, -2, 0.5],
      [
        [0.5, -2, 3e-4],
        [1, 1, -7],
      ],
    )
    const expected = [0, 1, 2].map((i) => tf1Reference([[0.5, -2, 3e-4][i]!, [1, 1, -7][i]!], 0.1, [1, -2, 0.5][i]!))
    expect(xs).toEqual([expected.map((e) => e[0]), expected.map((e) => e[1])])
  })

  it('computes float64 leaves in double, with float32 beta powers as TF1 keeps them', () => {
    const opt = adam(0.1)
    let params = { w: tensor([0.5], undefined, 'float64') }
    let state = opt.init(params)
    const xs: number[] = []
    for (const g of [0.3, -1.1]) {
      const result = opt.update({ w: tensor([g], undefined, 'float64') }, state)
      params = applyUpdates(params, result.updates)
      state = result.state
      xs.push(params.w.toFlatArray()[0]!)
    }
    expect(xs).toEqual(tf1Reference([0.3, -1.1], 0.1, 0.5, (x) => x))
  })

  it('takes a first step of about lr against the gradient sign, as the seed shows', () => {
    // The seed's first update moves w1 from -0.8113182 to -0.81031823 with lr 0.001.
    const { xs } = run(adam(0.001), [-0.8113182, 1.4845988], [[-3.2, -5.1]])
    expect(xs[0]![0]).toBeCloseTo(-0.8103182, 6)
    expect(xs[0]![1]).toBeCloseTo(1.4855988, 6)
  })

  it('keeps float32 beta-power accumulators multiplied each step, not pow', () => {
    const { state } = run(adam(0.1), [1], [[1], [1], [1]])
    expect(state[0].count).toBe(3)
    expect(state[0].beta1Power).toBe(f(f(f(f(0.9) * f(0.9)) * f(0.9)) * f(0.9)))
    expect(state[0].beta2Power).toBe(f(f(f(f(0.999) * f(0.999)) * f(0.999)) * f(0.999)))
  })

  it("form 'paper' bias-corrects the moments and differs from TF1 when √v is near ε", () => {
    // g = 1e-6: TF1 divides m·alpha by √v + ε with √v ≈ 3.2e-8; the paper divides m̂ by √v̂ + ε with √v̂ = 1e-6.
    const tf1 = run(adam(1), [0], [[1e-6]]).xs[0]![0]!
    const paper = run(adam(1, { form: 'paper' }), [0], [[1e-6]]).xs[0]![0]!
    expect(tf1).toBeCloseTo(-Math.sqrt(0.001) / (Math.sqrt(0.001) + 0.01), 5) // ≈ -0.76
    expect(paper).toBeCloseTo(-1 / (1 + 0.01), 5) // ≈ -0.99
  })

  it('reads a learning-rate schedule at the update count', () => {
    const { xs } = run(
      adam((step) => (step === 0 ? 0 : 0.1)),
      [1],
      [[1], [1]],
    )
    expect(xs[0]).toEqual([1])
    expect(xs[1]![0]).toBeLessThan(1)
  })

  it('leaves params, grads and state untouched and returns frozen state', () => {
    const opt = adam(0.1)
    const params = { w: tensor([1, 2]) }
    const grads = { w: tensor([3, 4]) }
    const state = opt.init(params)
    const { state: next } = opt.update(grads, state)
    expect(w(params)).toEqual([1, 2])
    expect(w(grads)).toEqual([3, 4])
    expect(state[0].count).toBe(0)
    expect(w(state[0].mu)).toEqual([0, 0])
    expect(Object.isFrozen(next[0])).toBe(true)
  })

  it('rejects bad hyper-parameters at construction, naming the argument and value', () => {
    expect(() => adam(-1)).toThrow('adam: learningRate must be a finite number >= 0 or a schedule, got -1')
    expect(() => adam(0.1, { beta1: 1 })).toThrow('adam: beta1 must be in [0, 1), got 1')
    expect(() => adam(0.1, { beta2: -0.5 })).toThrow('adam: beta2 must be in [0, 1), got -0.5')
    expect(() => adam(0.1, { beta1: NaN })).toThrow('adam: beta1 must be in [0, 1), got NaN')
    expect(() => adam(0.1, { epsilon: -1e-8 })).toThrow('adam: epsilon must be a finite number >= 0, got -1e-8')
    // @ts-expect-error an unknown form
    expect(() => adam(0.1, { form: 'keras' })).toThrow(`adam: form must be one of 'tf1', 'paper', got "keras"`)
    // @ts-expect-error an unknown option
    expect(() => adam(0.1, { beta_1: 0.9 })).toThrow(
      "adam: unknown option 'beta_1'; expected one of beta1, beta2, epsilon, form",
    )
  })

  it('names the path where the state does not match the updates', () => {
    const opt = adam(0.1)
    const state = opt.init({ layers: [{ w: tensor([1, 2]) }] })
    expect(() => opt.update({ layers: [{ w: tensor([1, 2, 3]) }] }, state)).toThrow(
      'adam: updates.layers[0].w has shape [3] but state.mu.layers[0].w has shape [2]',
    )
    expect(() => opt.update({ layers: [] }, state)).toThrow(
      'adam: updates.layers has 0 items but state.mu.layers has 1',
    )
  })

  it('rejects integer parameters at init, naming the path', () => {
    const opt = adam(0.1)
    const params = { n: scalar(1, 'int32') }
    expect(() => opt.init(params)).toThrow(new DTypeError('adam', 'params.n must be a float tensor, got int32'))
  })
})

describe('scaleByAdam', () => {
  it('with the default learning rate 1 gives the positive direction, about sign(g) at first', () => {
    const t = scaleByAdam()
    const { updates } = t.update({ w: tensor([2, -3]) }, t.init({ w: tensor([0, 0]) }))
    expect(w(updates)[0]).toBeCloseTo(1, 6)
    expect(w(updates)[1]).toBeCloseTo(-1, 6)
  })

  it('names itself in option errors', () => {
    expect(() => scaleByAdam({ learningRate: -2 })).toThrow(
      'scaleByAdam: learningRate must be a finite number >= 0 or a schedule, got -2',
    )
  })

  it('refuses a non-finite or wrong-typed beta power in the state instead of making NaN updates', () => {
    const opt = adam(0.1)
    const params = { w: tensor([1, 2]) }
    const [inner] = opt.init(params)
    for (const [key, value, shown] of [
      ['beta1Power', NaN, 'NaN'],
      ['beta1Power', Infinity, 'Infinity'],
      ['beta2Power', 'garbage', '"garbage"'],
      ['beta1Power', 1, '1'],
    ] as const) {
      const state = [{ ...inner, [key]: value }] as const
      expect(() => opt.update(params, state)).toThrow(
        new StructureError('adam', `state.${key} must be in [0, 1), got ${shown}; pass the state init returned`),
      )
    }
    expect(() => opt.update(params, [{ ...inner, count: 1.5 }])).toThrow(
      'adam: state.count must be an integer >= 0, got 1.5; pass the state init returned',
    )
  })

  it('refuses moments of the wrong tree, shape or dtype, naming the path, and leaves the state untouched', () => {
    const opt = adam(0.1)
    const params = { w: tensor([1, 2]) }
    const [inner] = opt.init(params)
    const cases = [
      [{ v: tensor([0, 0]) }, 'adam: updates.w is a Tensor but state.mu.w is missing'],
      [{ w: tensor([0, 0, 0]) }, 'adam: updates.w has shape [2] but state.mu.w has shape [3]'],
      [
        { w: tensor([0, 0], undefined, 'float64') },
        'adam: updates.w has dtype float32 but state.mu.w has dtype float64',
      ],
    ] as const
    for (const [mu, message] of cases) {
      const state = [{ ...inner, mu }] as const
      expect(() => opt.update(params, state)).toThrow(new StructureError('adam', message.slice('adam: '.length)))
      expect(state[0].mu).toBe(mu)
    }
    expect(treeLeaves(inner.mu).map((leaf) => leaf.toArray())).toEqual([[0, 0]])
  })
})
