import { describe, expect, it } from 'vitest'
import type { PoolLayout } from './layouts'
import { maxPoolArgmax, maxPoolGradKernel } from './poolMax'

/** One window row of `width` elements over a [1, 1, width, 1] input: each output's window is the whole row. */
const row = (width: number): PoolLayout => ({
  batch: 1,
  inHeight: 1,
  inWidth: width,
  channels: 1,
  outHeight: 1,
  outWidth: 1,
  windowHeight: 1,
  windowWidth: width,
  strideHeight: 1,
  strideWidth: 1,
  padTop: 0,
  padLeft: 0,
})

const argmaxOf = (values: number[]) => maxPoolArgmax(Float32Array.from(values), row(values.length))[0]

describe('maxPoolArgmax', () => {
  it('keeps the first of equal maxima, -0 and 0 included', () => {
    expect(argmaxOf([1, 3, 3])).toBe(1)
    expect(argmaxOf([-0, 0])).toBe(0)
    expect(argmaxOf([0, -0])).toBe(0)
  })

  it('lets the first NaN win wherever it stands', () => {
    expect(argmaxOf([NaN, 5, NaN])).toBe(0)
    expect(argmaxOf([5, 9, NaN, NaN])).toBe(2)
  })

  it('takes the first of a window of -Infinity', () => {
    expect(argmaxOf([-Infinity, -Infinity])).toBe(0)
  })

  it('indexes each channel separately, channels innermost', () => {
    const layout = { ...row(2), channels: 2 }
    expect(Array.from(maxPoolArgmax(Float64Array.of(1, 4, 2, 3), layout))).toEqual([2, 1])
  })
})

describe('maxPoolGradKernel', () => {
  it('adds in order into zeros, rounding each partial sum to the dtype', () => {
    const dy = Float32Array.of(1, 2 ** -24, 2 ** -24)
    const argmax = Int32Array.of(1, 1, 1)
    expect(Array.from(maxPoolGradKernel(dy, argmax, 3, 'float32'))).toEqual([0, 1, 0])
    expect(Array.from(maxPoolGradKernel(Float64Array.from(dy), argmax, 3, 'float64'))).toEqual([0, 1 + 2 ** -23, 0])
  })
})
