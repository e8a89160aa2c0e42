import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { exponentialDecay } from './exponentialDecay'

interface LearningRatePrint {
  readonly iteration: number
  readonly learning_rate: { readonly printed: string; readonly sim: number }
}
interface Golden {
  readonly sections: readonly { id: string; subsections?: readonly { id: string; prints: LearningRatePrint[] }[] }[]
}

// The golden data: test/golden at the repository root.
const golden: Golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/seed-transcript.json', import.meta.url), 'utf8'),
)
const decayPrints = golden.sections
  .find((section) => section.id === 'learning_rate')!
  .subsections!.find((sub) => sub.id === 'exponential_decay')!.prints

const fround = Math.fround

describe('exponentialDecay', () => {
  it("prints the seed's learning rates at steps 1, 11, ..., 91 to every digit", () => {
    // 学习率的设置, section 3: exponential_decay(0.1, global_step, 1, 0.96, staircase=True), read after each update.
    // prettier-ignore
    const printed = [
      '0.096000', '0.063824', '0.042432', '0.028210', '0.018755',
      '0.012469', '0.008290', '0.005511', '0.003664', '0.002436',
    ]
    const lr = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
    expect(printed.map((_, i) => lr(1 + 10 * i).toFixed(6))).toEqual(printed)
  })

  it('equals the float32 simulation of TF1 in the golden transcript, bit for bit', () => {
    const lr = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
    expect(decayPrints).toHaveLength(10)
    for (const { iteration, learning_rate } of decayPrints) {
      expect(lr(iteration)).toBe(learning_rate.sim)
      expect(lr(iteration).toFixed(6)).toBe(learning_rate.printed)
    }
  })

  it('equals fround(0.1f * powf(0.96f, floor(step / decaySteps))) bit for bit', () => {
    const lr = exponentialDecay({ learningRate: 0.1, decaySteps: 3, decayRate: 0.96, staircase: true })
    for (let step = 0; step <= 120; step++) {
      const expected = fround(fround(0.1) * fround(fround(0.96) ** Math.floor(step / 3)))
      expect(lr(step)).toBe(expected)
    }
  })

  it('decays continuously without staircase, within float32 rounding of the real formula', () => {
    const lr = exponentialDecay({ learningRate: 0.5, decaySteps: 4, decayRate: 0.5 })
    const expected = [0.5, 0.42044820762685725, 0.3535533905932738, 0.29730177875068026, 0.25, 0.125]
    ;[0, 1, 2, 3, 4, 8].forEach((step, i) => expect(lr(step)).toBeCloseTo(expected[i]!, 7))
  })

  it('keeps the rate constant within a staircase step and drops at the boundary', () => {
    const lr = exponentialDecay({ learningRate: 1, decaySteps: 10, decayRate: 0.5, staircase: true })
    expect([0, 9, 10, 19, 20].map(lr)).toEqual([1, 1, 0.5, 0.5, 0.25])
  })

  it('returns float32 values', () => {
    const lr = exponentialDecay({ learningRate: 0.1, decaySteps: 7, decayRate: 0.9 })
    for (const step of [0, 1, 5, 13, 1000]) expect(Math.fround(lr(step))).toBe(lr(step))
  })

  it('rejects decaySteps 0 with the value in the message', () => {
    expect(() => exponentialDecay({ learningRate: 0.1, decaySteps: 0, decayRate: 0.96 })).toThrow(
      'exponentialDecay: decaySteps must be a finite number > 0, got 0',
    )
  })

  it('rejects NaN and negative rates', () => {
    expect(() => exponentialDecay({ learningRate: NaN, decaySteps: 1, decayRate: 0.96 })).toThrow(
      'exponentialDecay: learningRate must be a finite number >= 0, got NaN',
    )
    expect(() => exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: -0.5 })).toThrow(
      'exponentialDecay: decayRate must be a finite number >= 0, got -0.5',
    )
  })

  it('rejects an unknown option, naming it', () => {
    const options = { learningRate: 0.1, decaySteps: 1, decayRate: 0.96, decay_steps: 1 }
    expect(() => exponentialDecay(options)).toThrow(
      "exponentialDecay: unknown option 'decay_steps'; expected one of learningRate, decaySteps, decayRate, staircase",
    )
  })

  it('rejects options that are not an object and a non-boolean staircase', () => {
    // Reflect.apply calls with arguments the types would reject, as plain JavaScript callers can.
    expect(() => Reflect.apply(exponentialDecay, undefined, [undefined])).toThrow(
      'exponentialDecay: options must be an object, got undefined',
    )
    const options = { learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: 'yes' }
    expect(() => Reflect.apply(exponentialDecay, undefined, [options])).toThrow(
      'exponentialDecay: staircase must be a boolean, got "yes"',
    )
  })

  it('throws a ConfigError', () => {
    expect(() => exponentialDecay({ learningRate: 0.1, decaySteps: -1, decayRate: 0.96 })).toThrow(
      expect.objectContaining({ name: 'ConfigError' }),
    )
  })
})
