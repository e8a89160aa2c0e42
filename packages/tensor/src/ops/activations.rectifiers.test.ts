import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, leakyRelu, randomUniform, relu6, selu, tensor } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

describe('leakyRelu', () => {
  it('scales negative values by alpha = 0.2 by default, rounded to float32', () => {
    expect(leakyRelu(tensor([-1, -0.5, 0, 2, NaN])).toArray()).toEqual([
      f32(-1 * f32(0.2)),
      f32(-0.5 * f32(0.2)),
      0,
      2,
      NaN,
    ])
    expect(leakyRelu(float64([-1])).toArray()).toEqual([-0.2])
  })

  it('takes another alpha, including 0 and values above 1', () => {
    expect(leakyRelu(tensor([-2, 3]), 0).toArray()).toEqual([-0, 3])
    expect(leakyRelu(tensor([-2, 3]), 1.5).toArray()).toEqual([-3, 3])
    expect(leakyRelu(tensor([-2, 3]), undefined).toArray()).toEqual([f32(-2 * f32(0.2)), 3])
  })

  it('refuses an alpha that is not a finite number, and int32 tensors', () => {
    expect(() => leakyRelu(tensor([1]), NaN)).toThrow(
      new ConfigError('leakyRelu', 'alpha must be a finite number, got NaN'),
    )
    expect(() => leakyRelu(tensor([1]), '0.1' as never)).toThrow(
      new ConfigError('leakyRelu', 'alpha must be a finite number, got "0.1"'),
    )
    expect(() => leakyRelu(int32([1]))).toThrow(
      new DTypeError('leakyRelu', 'x must have dtype float32 or float64, got int32'),
    )
  })
})

describe('relu6', () => {
  it('clips to [0, 6], NaN passing through', () => {
    expect(relu6(tensor([-1, 0, 3, 6, 8, Infinity, -Infinity, NaN])).toArray()).toEqual([0, 0, 3, 6, 6, 6, 0, NaN])
  })

  it('takes int32 tensors, as TF', () => {
    const out = relu6(int32([-4, 2, 9]))
    expect(out.toArray()).toEqual([0, 2, 6])
    expect(out.dtype).toBe('int32')
  })
})

describe('selu', () => {
  // TF's constants, as TF rounds them to float32.
  const scale = f32(1.0507009873554805)
  const scaleAlpha = f32(1.7580993408473766)
  const seluF32 = (x: number) => (x < 0 ? f32(f32(f32(Math.exp(x)) - 1) * scaleAlpha) : f32(x * scale))

  it("computes TF's float32 steps on random inputs", () => {
    const x = randomUniform([1000], { minval: -10, maxval: 10, seed: 15 })
    expect(selu(x).toFlatArray()).toEqual(x.toFlatArray().map(seluF32))
  })

  it('tends to -scale · alpha far below 0 and stays finite far above', () => {
    expect(selu(tensor([-100, 0, 100, Infinity, NaN])).toArray()).toEqual([
      -scaleAlpha,
      0,
      f32(100 * scale),
      Infinity,
      NaN,
    ])
    expect(selu(float64([1])).item()).toBe(1.0507009873554805)
    expect(selu(float64([-1])).item()).toBeCloseTo(1.7580993408473766 * Math.expm1(-1), 15)
  })
})
