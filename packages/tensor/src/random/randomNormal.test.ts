import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { randomNormal } from './randomNormal'

const float32Bits = (values: ArrayLike<number>): number[] =>
  Array.from(new Uint32Array(Float32Array.from(values).buffer))

// TF1 tf.random_normal([2, 3], seed=1), from the golden README.
const SEED1_2x3 = [-0.8113182, 1.4845988, 0.06532937, -2.4427042, 0.0992484, 0.5912243]

interface Transcript {
  sections: { id: string; config: { w1_init?: { f32_bits: string }[] } | null }[]
}
const transcript = JSON.parse(
  readFileSync(new URL('../../../../test/golden/seed-transcript.json', import.meta.url), 'utf8'),
) as Transcript

const mean = (xs: ArrayLike<number>): number => Array.from(xs).reduce((a, b) => a + b, 0) / xs.length
const std = (xs: ArrayLike<number>): number => {
  const m = mean(xs)
  return Math.sqrt(Array.from(xs).reduce((a, x) => a + (x - m) ** 2, 0) / xs.length)
}

describe('randomNormal', () => {
  it('equals TF1 random_normal([2, 3], seed=1) bit for bit', () => {
    const out = randomNormal([2, 3], { seed: 1 })
    expect(out.shape).toEqual([2, 3])
    expect(out.dtype).toBe('float32')
    expect(float32Bits(out.dataSync())).toEqual(float32Bits(SEED1_2x3))
  })

  it("equals the tutorial's w1 = random_normal([2, 1], stddev=1, seed=1) bits", () => {
    const section = transcript.sections.find((s) => s.id === 'custom_loss_and_mse')
    const bits = section!.config!.w1_init!.map((w) => Number.parseInt(w.f32_bits, 16))
    expect(float32Bits(randomNormal([2, 1], { stddev: 1, seed: 1 }).dataSync())).toEqual(bits)
  })

  it('gives shorter shapes the prefix of the same stream: [2, 1], [3, 1], []', () => {
    expect(float32Bits(randomNormal([2, 1], { seed: 1 }).dataSync())).toEqual(float32Bits(SEED1_2x3.slice(0, 2)))
    expect(float32Bits(randomNormal([3, 1], { seed: 1 }).dataSync())).toEqual(float32Bits(SEED1_2x3.slice(0, 3)))
    expect(randomNormal([], { seed: 1 }).item()).toBe(Math.fround(SEED1_2x3[0]!))
  })

  it('computes rnd * stddev + mean as two float32 ops', () => {
    const out = randomNormal([2, 3], { seed: 1, mean: 0.1, stddev: 0.3 })
    const expected = SEED1_2x3.map((r) =>
      Math.fround(Math.fround(Math.fround(r) * Math.fround(0.3)) + Math.fround(0.1)),
    )
    expect(float32Bits(out.dataSync())).toEqual(float32Bits(expected))
  })

  it('gives float64 the same draws with double arithmetic', () => {
    const out = randomNormal([2, 3], { seed: 1, mean: 0.1, stddev: 0.3, dtype: 'float64' })
    expect(out.dtype).toBe('float64')
    expect(out.toFlatArray()).toEqual(SEED1_2x3.map((r) => Math.fround(r) * 0.3 + 0.1))
  })

  it('returns exactly the mean when stddev is 0', () => {
    expect(randomNormal([3], { seed: 5, mean: 2.5, stddev: 0 }).toFlatArray()).toEqual([2.5, 2.5, 2.5])
  })

  it('reduces the seed modulo 2^31 - 1 as Python does, negative seeds included', () => {
    const bits = (seed: number) => float32Bits(randomNormal([4], { seed }).dataSync())
    expect(bits(2 ** 31)).toEqual(bits(1))
    expect(bits(-1)).toEqual(bits(2 ** 31 - 2))
    expect(bits(2)).not.toEqual(bits(1))
  })

  it('returns an empty tensor for a zero-sized shape', () => {
    const out = randomNormal([0, 3], { seed: 1 })
    expect(out.shape).toEqual([0, 3])
    expect(out.size).toBe(0)
  })

  it('draws differently on each unseeded call, with mean about 0 and stddev about 1', () => {
    const a = randomNormal([20000]).dataSync()
    const b = randomNormal([20000]).dataSync()
    expect(float32Bits(a.subarray(0, 8))).not.toEqual(float32Bits(b.subarray(0, 8)))
    expect(Math.abs(mean(a))).toBeLessThan(0.05)
    expect(Math.abs(std(a) - 1)).toBeLessThan(0.05)
  })

  it('throws a ConfigError naming an unknown option', () => {
    expect(() => randomNormal([2], { seed: 1, sttdev: 2 } as never)).toThrow(
      "randomNormal: unknown option 'sttdev'; expected one of mean, stddev, seed, dtype",
    )
  })

  it('rejects a negative or non-finite stddev, a non-finite mean and a non-integer seed', () => {
    expect(() => randomNormal([2], { stddev: -1 })).toThrow('randomNormal: stddev must be a finite number >= 0, got -1')
    expect(() => randomNormal([2], { stddev: Infinity })).toThrow(
      'randomNormal: stddev must be a finite number >= 0, got Infinity',
    )
    expect(() => randomNormal([2], { mean: NaN })).toThrow('randomNormal: mean must be a finite number, got NaN')
    expect(() => randomNormal([2], { seed: 1.5 })).toThrow('randomNormal: seed must be an integer, got 1.5')
  })

  it('rejects a bad shape and a dtype other than float32 or float64', () => {
    expect(() => randomNormal([2, -1])).toThrow('randomNormal: dimensions must be non-negative integers, got [2, -1]')
    expect(() => randomNormal([2], { dtype: 'int32' as never })).toThrow(
      'randomNormal: dtype must be float32 or float64, got "int32"',
    )
  })
})
