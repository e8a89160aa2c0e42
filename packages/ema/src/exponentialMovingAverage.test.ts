import { readFileSync } from 'node:fs'
import { DTypeError } from '@gradstream/core'
import { scalar, tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { average, decayAt, exponentialMovingAverage } from './exponentialMovingAverage'

interface EmaPrint {
  readonly v1: { readonly value: number }
  readonly shadow: { readonly printed: string; readonly sim_f32_bits: string }
}
const golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/seed-transcript.json', import.meta.url), 'utf8'),
) as { readonly sections: readonly { readonly id: string; readonly prints?: readonly EmaPrint[] }[] }
const seedPrints = golden.sections.find((s) => s.id === 'ema')!.prints!

const bitsOf = (x: number): string =>
  `0x${new Uint32Array(new Float32Array([x]).buffer)[0]!.toString(16).padStart(8, '0')}`

/** How the seed's Python printed a float32 in a list: 8 significant digits, and `.0` on whole numbers. */
const float32Repr = (x: number): string => {
  const digits = String(Number(x.toPrecision(8)))
  return digits.includes('.') ? digits : `${digits}.0`
}

describe('exponentialMovingAverage', () => {
  it("reproduces the seed's 滑动平均模型 section bit for bit", () => {
    // v1 = 0; ema = ExponentialMovingAverage(0.99, step); the four prints of the seed.
    const ema = exponentialMovingAverage({ decay: 0.99 })
    let state = ema.init({ v1: scalar(0) })
    const shadows = [average(state)]
    state = ema.update(state, { v1: scalar(5) }, 0)
    shadows.push(average(state))
    state = ema.update(state, { v1: scalar(10) }, 10000)
    shadows.push(average(state))
    state = ema.update(state, { v1: scalar(10) }, 10000)
    shadows.push(average(state))
    const values = shadows.map((s) => s.v1.item())
    expect(values.map(bitsOf)).toEqual(seedPrints.map((p) => p.shadow.sim_f32_bits))
    expect(values.map(float32Repr)).toEqual(seedPrints.map((p) => p.shadow.printed))
  })

  it('averages without a step with the fixed decay: two steps in closed form', () => {
    const ema = exponentialMovingAverage({ decay: 0.5 })
    let state = ema.init({ w: tensor([0, 8]) })
    state = ema.update(state, { w: tensor([4, 0]) })
    state = ema.update(state, { w: tensor([4, 0]) })
    // shadow_1 = 0.5·shadow_0 + 0.5·v; shadow_2 = 0.5·shadow_1 + 0.5·v
    expect(average(state).w.toArray()).toEqual([3, 2])
    expect(state.count).toBe(2)
  })

  it('computes float64 leaves in double precision', () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const state = ema.update(ema.init({ w: scalar(0, 'float64') }), { w: scalar(1, 'float64') })
    // 1 - float32(0.9) in double, times (0 - 1), subtracted from 0.
    expect(average(state).w.item()).toBe(1 - Math.fround(0.9))
  })

  it('leaves its inputs untouched and returns frozen states', () => {
    const ema = exponentialMovingAverage({ decay: 0.99 })
    const params = { w: tensor([1, 2]) }
    const state = ema.init(params)
    const next = ema.update(state, { w: tensor([3, 4]) }, 1)
    expect(state.count).toBe(0)
    expect(state.average.w.toArray()).toEqual([1, 2])
    expect(params.w.toArray()).toEqual([1, 2])
    expect(Object.isFrozen(next)).toBe(true)
  })

  it('rejects a decay outside [0, 1], NaN and unknown options', () => {
    expect(() => exponentialMovingAverage({ decay: 1.5 })).toThrow(
      'exponentialMovingAverage: decay must be in [0, 1], got 1.5',
    )
    expect(() => exponentialMovingAverage({ decay: -0.1 })).toThrow(
      'exponentialMovingAverage: decay must be in [0, 1], got -0.1',
    )
    expect(() => exponentialMovingAverage({ decay: NaN })).toThrow(
      'exponentialMovingAverage: decay must be in [0, 1], got NaN',
    )
    const withTypo = { decay: 0.9, numUpdate: 3 }
    expect(() => exponentialMovingAverage(withTypo)).toThrow(
      "exponentialMovingAverage: unknown option 'numUpdate'; expected one of decay, numUpdates",
    )
    expect(() => exponentialMovingAverage({ decay: 0.9, numUpdates: 1 as never })).toThrow(
      'exponentialMovingAverage: numUpdates must be a boolean, got 1',
    )
  })

  it('keeps the decay constant, ignoring the step, with numUpdates: false', () => {
    const constant = exponentialMovingAverage({ decay: 0.99, numUpdates: false })
    const stepped = exponentialMovingAverage({ decay: 0.99 })
    const start = { v1: scalar(0) }
    const f = Math.fround
    // step 0 would lower the decay to 0.1; without num_updates it stays 0.99
    expect(average(constant.update(constant.init(start), { v1: scalar(5) }, 0)).v1.item()).toBe(
      f(0 - f(f(0 - 5) * f(1 - f(0.99)))),
    )
    expect(average(stepped.update(stepped.init(start), { v1: scalar(5) }, 0)).v1.item()).toBe(4.5)
  })

  it('names the path where params do not match the average', () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const state = ema.init({ layer: { w: tensor([1, 2]) } })
    expect(() => ema.update(state, { layer: { w: tensor([1]) } })).toThrow(
      'exponentialMovingAverage.update: state.average.layer.w has shape [2] but params.layer.w has shape [1]',
    )
    expect(() => ema.update(state, { layer: { w: tensor([1, 2]) } }, -1)).toThrow(
      'exponentialMovingAverage.update: step must be an integer >= 0, got -1',
    )
  })
})

describe('decayAt', () => {
  it('is min(decay, (1 + n) / (10 + n)) in float32', () => {
    expect(decayAt(0.99, 0)).toBe(Math.fround(0.1))
    expect(decayAt(0.99, 10000)).toBe(Math.fround(0.99))
    expect(decayAt(0.99)).toBe(Math.fround(0.99))
    expect(decayAt(0.5, 10)).toBe(0.5)
  })

  it('refuses integer and bool trees with a DTypeError naming the path, at init and at update', () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    expect(() => ema.init({ layer: { n: tensor([1, 2], undefined, 'int32') } })).toThrow(
      new DTypeError('exponentialMovingAverage.init', 'params.layer.n must be a float tensor, got int32'),
    )
    const handMade = { count: 0, average: { flag: tensor([1], undefined, 'bool') } }
    expect(() => ema.update(handMade, { flag: tensor([0], undefined, 'bool') }, 1)).toThrow(
      new DTypeError('exponentialMovingAverage.update', 'params.flag must be a float tensor, got bool'),
    )
    expect(handMade.average.flag.toArray()).toEqual([true])
  })

  it('decayAt and average check their arguments', () => {
    expect(() => decayAt(2)).toThrow('decayAt: decay must be in [0, 1], got 2')
    expect(() => decayAt(0.9, 1.5)).toThrow('decayAt: step must be an integer >= 0, got 1.5')
    expect(() => Reflect.apply(average, undefined, [null])).toThrow(
      'average: state must be the { count, average } record an EMA made, got null',
    )
  })
})
