import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, clipByValue, maximum, minimum, randomUniform, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')

describe('clipByValue', () => {
  it('reproduces the seed: clip([[1, 2, 3], [4, 5, 6]], 2.5, 4.5)', () => {
    const v = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(clipByValue(v, 2.5, 4.5).toArray()).toEqual([
      [2.5, 2.5, 3],
      [4, 4.5, 4.5],
    ])
  })

  it('keeps values on the bounds and rounds the bounds to float32', () => {
    expect(clipByValue(tensor([2.5, 4.5]), 2.5, 4.5).toArray()).toEqual([2.5, 4.5])
    expect(clipByValue(tensor([0, 1]), 1e-10, 0.1).toArray()).toEqual([f32(1e-10), f32(0.1)])
  })

  it('clips to a single value and accepts infinite bounds', () => {
    expect(clipByValue(tensor([1, 5]), 3, 3).toArray()).toEqual([3, 3])
    expect(clipByValue(tensor([-1e30, 1e30]), -Infinity, 0).toArray()).toEqual([f32(-1e30), 0])
  })

  it('passes NaN through', () => {
    expect(clipByValue(tensor([NaN, 9]), 0, 1).toArray()).toEqual([NaN, 1])
  })

  it('clips int32 with integer bounds', () => {
    const out = clipByValue(int32([-5, 3, 12]), 0, 10)
    expect(out.dtype).toBe('int32')
    expect(out.toArray()).toEqual([0, 3, 10])
  })

  it('throws when an int32 x gets bounds int32 cannot hold, rather than truncating them', () => {
    expect(() => clipByValue(int32([1, 5]), 2.5, 4)).toThrow(
      new ConfigError('clipByValue', 'int32 x needs int32 bounds, got clipMin 2.5, clipMax 4'),
    )
    expect(() => clipByValue(int32([1, 5]), -Infinity, 4)).toThrow(
      new ConfigError('clipByValue', 'int32 x needs int32 bounds, got clipMin -Infinity, clipMax 4'),
    )
  })

  it('throws when clipMin > clipMax or a bound is NaN', () => {
    expect(() => clipByValue(tensor([1]), 3, 1)).toThrow(
      new ConfigError('clipByValue', 'needs clipMin <= clipMax, got clipMin 3, clipMax 1'),
    )
    expect(() => clipByValue(tensor([1]), NaN, 1)).toThrow(
      new ConfigError('clipByValue', 'needs clipMin <= clipMax, got clipMin NaN, clipMax 1'),
    )
  })

  it('throws when x is not a Tensor', () => {
    expect(() => clipByValue('x' as never, 0, 1)).toThrow(
      new DTypeError('clipByValue', 'argument \'x\' must be a Tensor, got "x"'),
    )
  })

  it('leaves x untouched', () => {
    const x = tensor([1, 5, 9])
    clipByValue(x, 2, 4)
    expect(() => clipByValue(x, 4, 2)).toThrow(ConfigError)
    expect(x.toArray()).toEqual([1, 5, 9])
  })

  it('equals max(min(x, clipMax), clipMin) bit for bit, in one pass', () => {
    const x = randomUniform([1000], { minval: -3, maxval: 3, seed: 9 })
    expect(clipByValue(x, -1.1, 0.7)).toEqual(maximum(minimum(x, 0.7), -1.1))
  })
})
