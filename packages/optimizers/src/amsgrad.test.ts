import { ConfigError, StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { adam } from './adam'
import { adamw } from './adamw'
import { runSteps } from './testing'

const f = Math.fround

/** AMSGrad on one element, from TF1's ApplyAdamWithAmsgrad kernel (each op rounded to float32, β powers accumulated). */
function tf1Amsgrad(grads: readonly number[], lr: number, x0: number): number[] {
  const [beta1, beta2, eps] = [f(0.9), f(0.999), f(1e-8)]
  let [m, v, vMax, x, b1p, b2p] = [0, 0, 0, f(x0), beta1, beta2]
  const xs: number[] = []
  for (const g of grads.map(f)) {
    const alpha = f(f(f(lr) * f(Math.sqrt(f(1 - b2p)))) / f(1 - b1p))
    m = f(m + f(f(g - m) * f(1 - beta1)))
    v = f(v + f(f(f(g * g) - v) * f(1 - beta2)))
    vMax = Math.max(vMax, v)
    x = f(x - f(f(m * alpha) / f(f(Math.sqrt(vMax)) + eps)))
    ;[b1p, b2p] = [f(b1p * beta1), f(b2p * beta2)]
    xs.push(x)
  }
  return xs
}

/** PyTorch's AMSGrad in the paper's form, in float64: max of the raw v, bias-corrected afterwards. */
function paperAmsgrad(grads: readonly number[], lr: number, x0: number): number[] {
  let [m, v, vMax, x] = [0, 0, 0, x0]
  return grads.map((g, i) => {
    const t = i + 1
    m = 0.1 * g + 0.9 * m
    v = 0.001 * g * g + 0.999 * v
    vMax = Math.max(vMax, v)
    x -= (lr * (m / (1 - 0.9 ** t))) / (Math.sqrt(vMax / (1 - 0.999 ** t)) + 1e-8)
    return x
  })
}

// A large gradient then small ones: v falls, so AMSGrad's steps (bounded by the maximum) differ from Adam's.
const grads = [3, 0.1, -0.2, 0.05]

describe('adam with amsgrad', () => {
  it("matches TF1's ApplyAdamWithAmsgrad bit for bit", () => {
    const { xs, state } = runSteps(
      adam(0.1, { amsgrad: true }),
      [0.5],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(tf1Amsgrad(grads, 0.1, 0.5))
    expect(state[0].nuMax).toBeDefined()
  })

  it('keeps the largest second moment, so its steps are smaller than plain Adam after a spike', () => {
    const plain = runSteps(
      adam(0.1),
      [0.5],
      grads.map((g) => [g]),
    ).xs.map(([x]) => x!)
    const ams = runSteps(
      adam(0.1, { amsgrad: true }),
      [0.5],
      grads.map((g) => [g]),
    ).xs.map(([x]) => x!)
    expect(ams[0]).toBe(plain[0]) // the first step has v̂ = v
    expect(Math.abs(ams[3]! - ams[2]!)).toBeLessThan(Math.abs(plain[3]! - plain[2]!))
  })

  it("form 'paper' matches PyTorch's amsgrad within float32 rounding", () => {
    const { xs } = runSteps(
      adam(0.1, { amsgrad: true, form: 'paper' }),
      [0.5],
      grads.map((g) => [g]),
    )
    const expected = paperAmsgrad(grads, 0.1, 0.5)
    // Each step is a handful of float32 ops on values below 1: a few ulps of 2^-24 per step, summed over 4 steps.
    xs.forEach(([x], i) => expect(Math.abs(x! - expected[i]!)).toBeLessThan(4 * 8 * 2 ** -24))
  })

  it('works in adamw too (with no decay, the same steps)', () => {
    const { xs } = runSteps(
      adamw(0.1, { amsgrad: true, weightDecay: 0 }),
      [0.5],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(tf1Amsgrad(grads, 0.1, 0.5))
  })

  it('refuses a state without nuMax and a non-boolean amsgrad', () => {
    const params = { w: tensor([1]) }
    const plainState = adam(0.1).init(params)
    const update = () => adam(0.1, { amsgrad: true }).update({ w: tensor([1]) }, plainState)
    expect(update).toThrow(StructureError)
    expect(update).toThrow('adam: state.nuMax is missing but this Adam uses amsgrad; pass the state init returned')
    // @ts-expect-error amsgrad is a boolean
    expect(() => adam(0.1, { amsgrad: 1 })).toThrow(new ConfigError('adam', 'amsgrad must be a boolean, got 1'))
  })

  it('agrees with values computed independently with numpy in float32', () => {
    // From numpy 2 float32 scalars (each op correctly rounded), the kernel's formula written out in Python: ApplyAdamWithAmsgrad with v̂ = max(v̂, v).
    const numpy = [0.4000000059604645, 0.3305513262748718, 0.2812376916408539, 0.23989617824554443]
    const { xs } = runSteps(
      adam(0.1, { amsgrad: true }),
      [0.5],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(numpy)
  })
})
