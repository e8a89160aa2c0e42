import { ConfigError, DTypeError, StructureError } from '@gradstream/core'
import { foldIn, keySeed, ones, randomKey, randomUniform, tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { dropout } from './dropout'

const x = tensor([
  [1, -2, 3, -4, 5],
  [0.5, 0.25, -0.125, 8, -16],
])

describe('dropout', () => {
  it('keeps x·(1/keep) where floor(keep + u) is 1 and zeroes the rest, u being the key’s uniform draws', () => {
    const key = foldIn(randomKey(3), 7)
    const rate = 0.3
    const { output, state } = dropout({ rate }).apply({}, x, { key, training: true })
    const keep32 = Math.fround(1 - rate)
    const uniform = randomUniform([2, 5], { seed: keySeed(key) }).toFlatArray()
    // Float32 arithmetic of TF1: keep + u rounded to float32, then x / keep rounded to float32.
    const expected = x.toFlatArray().map((v, i) => {
      const kept = Math.floor(Math.fround(keep32 + uniform[i]!)) === 1
      return kept ? Math.fround(v / keep32) : v < 0 ? -0 : 0
    })
    expect(output.toFlatArray()).toEqual(expected)
    expect(state).toEqual({})
  })

  it('draws the same mask for the same key and another for another key', () => {
    const layer = dropout({ rate: 0.5 })
    const big = ones([4000])
    const first = layer.apply({}, big, { key: randomKey(1), training: true }).output.toFlatArray()
    expect(layer.apply({}, big, { key: randomKey(1), training: true }).output.toFlatArray()).toEqual(first)
    const other = layer.apply({}, big, { key: randomKey(2), training: true }).output.toFlatArray()
    expect(other).not.toEqual(first)
    expect(new Set(first)).toEqual(new Set([0, 2]))
    // The kept fraction is binomial(4000, 0.5): standard deviation 0.0079, so 0.05 is over six of them.
    const keptFraction = first.filter((v) => v === 2).length / first.length
    expect(Math.abs(keptFraction - 0.5)).toBeLessThan(0.05)
  })

  it('scales float64 inputs in double', () => {
    const key = randomKey(4)
    const out = dropout({ rate: 0.1 }).apply({}, tensor([3, 3, 3, 3], undefined, 'float64'), { key, training: true })
    expect(out.output.dtype).toBe('float64')
    expect(out.output.toFlatArray().every((v) => v === 0 || v === 3 / 0.9)).toBe(true)
  })

  it('is the identity outside training and with rate 0, without needing a key outside training', () => {
    expect(dropout().apply({}, x).output).toBe(x)
    expect(dropout({ rate: 0.9 }).apply({}, x, { training: false }).output).toBe(x)
    expect(dropout({ rate: 0 }).apply({}, x, { key: randomKey(0), training: true }).output).toBe(x)
    expect(dropout().rate).toBe(0.5)
  })

  it('refuses training without a key, bad keys, rates and options, and leaves x untouched', () => {
    const layer = dropout({ rate: 0.5 })
    const before = x.toArray()
    expect(() => layer.apply({}, x, { training: true })).toThrow(
      new ConfigError('dropout', 'key is required when training (pass { key: foldIn(runKey, step), training: true })'),
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{}, x, { key: 5, training: true }])).toThrow(
      'dropout: key must be a random key [high, low] of two uint32 words (see randomKey), got 5',
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{}, x, { training: 1 }])).toThrow(
      'dropout: training must be a boolean, got 1',
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{}, x, { seed: 1 }])).toThrow(
      "dropout: unknown option 'seed'; expected one of state, key, training",
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{}, x, { state: { mask: x } }])).toThrow(
      new StructureError('dropout', 'state.mask is not expected; state is {}'),
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{}, [1, 2]])).toThrow(
      new DTypeError('dropout', 'x must be a Tensor, got an array'),
    )
    expect(() => layer.apply({}, tensor([1], undefined, 'int32'))).toThrow(
      'dropout: x must have dtype float32 or float64, got int32',
    )
    expect(() => dropout({ rate: 1 })).toThrow(new ConfigError('dropout', 'rate must be in [0, 1), got 1'))
    expect(() => Reflect.apply(dropout, undefined, [{ keepProb: 0.5 }])).toThrow(
      "dropout: unknown option 'keepProb'; expected one of rate",
    )
    expect(x.toArray()).toEqual(before)
  })
})
