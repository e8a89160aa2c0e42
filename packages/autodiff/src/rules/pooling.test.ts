// Pooling gradients against float64 references written out here, TF1's
// conventions at ties, NaN and -Infinity, and the second-order gradients
// TF1 has (MaxPoolGradGrad, AvgPoolGrad's gradient).
import * as t from '@gradstream/tensor'
import type { PoolOptions, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { uniform } from '../testing/random'
import { grad } from '../valueAndGrad'

type Shape4 = readonly [number, number, number, number]

/** For every output (NHWC order), the flat input indices of its window's real elements, row-major. */
function windowsOf(shape: Shape4, options: Required<PoolOptions>): number[][] {
  const [batch, height, width, channels] = shape
  const [kh, kw] = typeof options.ksize === 'number' ? [options.ksize, options.ksize] : options.ksize
  const [sh, sw] = typeof options.strides === 'number' ? [options.strides, options.strides] : options.strides
  const axis = (size: number, k: number, s: number) => {
    if (options.padding === 'VALID') return { count: Math.floor((size - k) / s) + 1, before: 0 }
    const count = Math.ceil(size / s)
    return { count, before: Math.floor(Math.max((count - 1) * s + k - size, 0) / 2) }
  }
  const rows = axis(height, kh, sh)
  const columns = axis(width, kw, sw)
  const windows: number[][] = []
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < rows.count; i++) {
      for (let j = 0; j < columns.count; j++) {
        for (let c = 0; c < channels; c++) {
          const members: number[] = []
          for (let r = i * sh - rows.before; r < i * sh - rows.before + kh; r++) {
            for (let q = j * sw - columns.before; q < j * sw - columns.before + kw; q++) {
              if (r >= 0 && r < height && q >= 0 && q < width)
                members.push(((b * height + r) * width + q) * channels + c)
            }
          }
          windows.push(members)
        }
      }
    }
  }
  return windows
}

/** The first maximum of each window (a NaN first of all). */
function firstMaxima(x: readonly number[], windows: readonly number[][]): number[] {
  return windows.map((members) => {
    const nan = members.find((index) => Number.isNaN(x[index]))
    if (nan !== undefined) return nan
    const largest = Math.max(...members.map((index) => x[index]!))
    return members.find((index) => x[index] === largest)!
  })
}

const f64 = (values: readonly number[], shape: readonly number[]) => t.tensor([...values], shape, 'float64')

/** The gradient of `sum(pool(x) · w)` with respect to x. */
function weightedGrad(pool: (x: Tensor) => Tensor, x: Tensor, w: Tensor): number[] {
  return grad((p: Tensor) => t.sum(t.mul(pool(p), w)))(x).toFlatArray()
}

const GEOMETRIES: readonly { readonly shape: Shape4; readonly options: Required<PoolOptions> }[] = [
  { shape: [2, 5, 7, 3], options: { ksize: 2, strides: 2, padding: 'VALID' } },
  { shape: [1, 5, 7, 1], options: { ksize: 2, strides: 2, padding: 'SAME' } },
  { shape: [1, 6, 6, 2], options: { ksize: 3, strides: 1, padding: 'SAME' } },
  { shape: [2, 7, 5, 4], options: { ksize: [3, 2], strides: [2, 3], padding: 'SAME' } },
  { shape: [1, 8, 9, 2], options: { ksize: [4, 3], strides: [3, 2], padding: 'VALID' } },
]

describe.each(GEOMETRIES)('pooling gradients on $shape with $options', ({ shape, options }) => {
  const x = uniform(shape, { seed: 3 })
  const xs = x.toFlatArray()
  const windows = windowsOf(shape, options)
  const outShape = t.avgPool(x, options).shape
  const w = uniform(outShape, { seed: 4 })
  const ws = w.toFlatArray()

  it("maxPool's adds each output's weight at its window's maximum", () => {
    const expected = new Array<number>(xs.length).fill(0)
    firstMaxima(xs, windows).forEach((index, o) => (expected[index] = expected[index]! + ws[o]!))
    expect(weightedGrad((p) => t.maxPool(p, options), x, w)).toEqual(expected)
  })

  it("avgPool's shares each output's weight among its window's real elements", () => {
    const expected = new Array<number>(xs.length).fill(0)
    windows.forEach((members, o) => {
      for (const index of members) expected[index] = expected[index]! + ws[o]! / members.length
    })
    const actual = weightedGrad((p) => t.avgPool(p, options), x, w)
    actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-15))
  })

  it("maxPool's gradient differentiates again in its cotangent: TF's MaxPoolGradGrad gathers at the maxima", () => {
    const u = uniform(shape, { seed: 5 })
    const us = u.toFlatArray()
    const secondOrder = grad((v: Tensor) =>
      t.sum(t.mul(grad((p: Tensor) => t.sum(t.mul(t.maxPool(p, options), v)))(x), u)),
    )
    expect(secondOrder(w)).toEqual(
      f64(
        firstMaxima(xs, windows).map((index) => us[index]!),
        outShape,
      ),
    )
  })

  it("avgPool's gradient differentiates again in its cotangent: avgPool itself", () => {
    const u = uniform(shape, { seed: 5 })
    const secondOrder = grad((v: Tensor) =>
      t.sum(t.mul(grad((p: Tensor) => t.sum(t.mul(t.avgPool(p, options), v)))(x), u)),
    )
    const expected = t.avgPool(u, options).toFlatArray()
    secondOrder(w)
      .toFlatArray()
      .forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThanOrEqual(1e-15))
  })
})

describe('maxPool gradient conventions', () => {
  const sumGrad = (x: Tensor, options: PoolOptions) =>
    grad((p: Tensor) => t.sum(t.maxPool(p, options)))(x).toFlatArray()

  it('sends a tied window whole to its first element, row-major (constant input)', () => {
    const constant = t.fill([1, 4, 4, 1], 2)
    expect(sumGrad(constant, { ksize: 2 })).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0])
    // Overlapping SAME windows: each window's first real element, counted once per window.
    expect(sumGrad(constant, { ksize: 3, strides: 1, padding: 'SAME' })).toEqual([
      4, 2, 2, 0, 2, 1, 1, 0, 2, 1, 1, 0, 0, 0, 0, 0,
    ])
  })

  it('sends a tie between later elements to the first of them, in float32 too', () => {
    const x = t.tensor([1, 3, 3, 2], [1, 2, 2, 1])
    expect(sumGrad(x, { ksize: 2 })).toEqual([0, 1, 0, 0])
    expect(sumGrad(t.tensor([1, 2, 3, 3], [1, 2, 2, 1]), { ksize: 2 })).toEqual([0, 0, 1, 0])
  })

  it('sends the gradient to the first NaN, and to the first element of a window of -Infinity', () => {
    const x = t.tensor([-Infinity, -Infinity, 1, NaN, -Infinity, -Infinity, NaN, 5], [1, 2, 4, 1])
    expect(sumGrad(x, { ksize: 2 })).toEqual([1, 0, 0, 1, 0, 0, 0, 0])
  })
})
