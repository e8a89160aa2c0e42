import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { randomNormal, truncatedNormal } from '@gradstream/tensor'
import { constantInit, randomNormalInit, truncatedNormalInit, zerosInit } from './initializers'

interface Golden {
  readonly sections: readonly { id: string; config: { w1_init?: readonly { f32: number }[] } }[]
}
// The golden data: test/golden at the repository root.
const golden: Golden = JSON.parse(
  readFileSync(new URL('../../../test/golden/seed-transcript.json', import.meta.url), 'utf8'),
)
const seedW1 = golden.sections.find((s) => s.id === 'custom_loss_and_mse')!.config.w1_init!.map((v) => v.f32)

describe('randomNormalInit', () => {
  it("makes the seed's w1 = tf.random_normal([2, 1], stddev=1, seed=1), bit for bit", () => {
    expect(randomNormalInit({ stddev: 1, seed: 1 })([2, 1]).toFlatArray()).toEqual(seedW1)
  })

  it('prefers a seed passed at call time to its own', () => {
    const init = randomNormalInit({ seed: 1 })
    expect(init([3], 7).toArray()).toEqual(randomNormal([3], { seed: 7 }).toArray())
    expect(init([3]).toArray()).toEqual(randomNormal([3], { seed: 1 }).toArray())
  })

  it('scales and shifts in float32: rnd · stddev + mean', () => {
    const standard = randomNormal([5], { seed: 3 }).toFlatArray()
    const shifted = randomNormalInit({ mean: 2, stddev: 0.5, seed: 3 })([5]).toFlatArray()
    expect(shifted).toEqual(standard.map((z) => Math.fround(Math.fround(z * 0.5) + 2)))
  })

  it('rejects a negative stddev, a fractional seed and unknown options', () => {
    expect(() => randomNormalInit({ stddev: -1 })).toThrow(
      'randomNormalInit: stddev must be a finite number >= 0, got -1',
    )
    expect(() => randomNormalInit({ seed: 1.5 })).toThrow('randomNormalInit: seed must be an integer, got 1.5')
    expect(() => Reflect.apply(randomNormalInit, undefined, [{ std: 1 }])).toThrow(
      "randomNormalInit: unknown option 'std'; expected one of mean, stddev, seed",
    )
  })
})

describe('truncatedNormalInit', () => {
  it("is TF1's truncated_normal with the same seed, within two stddevs of the mean", () => {
    const values = truncatedNormalInit({ mean: 1, stddev: 0.1, seed: 2 })([40, 10])
    expect(values.toArray()).toEqual(truncatedNormal([40, 10], { mean: 1, stddev: 0.1, seed: 2 }).toArray())
    expect(values.toFlatArray().every((v) => Math.abs(v - 1) < 0.2 + 1e-7)).toBe(true)
  })
})

describe('zerosInit', () => {
  it('fills with zeros', () => {
    expect(zerosInit()([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ])
  })
})

describe('constantInit', () => {
  it("fills with the value in float32, as the seed's tf.constant(0.1, shape=[out])", () => {
    const bias = constantInit(0.1)([3])
    expect([bias.dtype, bias.toFlatArray()]).toEqual(['float32', [0.1, 0.1, 0.1].map(Math.fround)])
  })

  it('rejects a value that is not a finite number', () => {
    expect(() => constantInit(NaN)).toThrow('constantInit: value must be a finite number, got NaN')
  })
})
