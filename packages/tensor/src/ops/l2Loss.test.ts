import { describe, expect, it } from 'vitest'
import { DTypeError, cast, l2Loss, mul, randomUniform, square, sum, tensor, zeros } from '../index'
import type { Tensor } from '../index'

const f32 = Math.fround
const composite = (x: Tensor) => sum(mul(square(x), 0.5))

/** The fold TF1's float32 L2Loss performs, written out: square, half and partial sums each rounded to float32. */
const float32Fold = (values: readonly number[]) => values.reduce((acc, v) => f32(acc + f32(f32(v * v) * 0.5)), 0)

describe('l2Loss', () => {
  it('halves the sum of squares into a scalar of the dtype', () => {
    const x = [
      [1, -2],
      [-3, 4],
    ]
    for (const dtype of ['float32', 'float64'] as const) {
      const out = l2Loss(tensor(x, undefined, dtype))
      expect([out.item(), out.shape, out.dtype]).toEqual([15, [], dtype])
    }
  })

  it('rounds every partial sum to float32 on float32, and not on float64', () => {
    // 4096² / 2 = 2^23, where float32's spacing is 1: adding 0.5 twice rounds to even, back to 2^23 each time.
    expect(l2Loss(tensor([4096, 1, 1])).item()).toBe(8388608)
    expect(l2Loss(tensor([4096, 1, 1], undefined, 'float64')).item()).toBe(8388609)
  })

  it('performs the sequential float32 fold from 0, in element order', () => {
    const x = randomUniform([1000], { minval: -3, maxval: 3, seed: 4 })
    expect(l2Loss(x).item()).toBe(float32Fold(x.toFlatArray()))
  })

  it('stays within float32 accumulation error of the float64 sum', () => {
    const x = randomUniform([1000], { minval: -3, maxval: 3, seed: 5 })
    const reference = x.toFlatArray().reduce((acc, v) => acc + (v * v) / 2, 0)
    expect(Math.abs(l2Loss(x).item() - reference) / reference).toBeLessThan(1e-5)
    expect(l2Loss(cast(x, 'float64')).item()).toBeCloseTo(reference, 10)
  })

  it.each([[[]], [[7]], [[3, 4]], [[2, 3, 5]]])('equals sum(mul(square(x), 0.5)) bit for bit on shape %j', (shape) => {
    for (const dtype of ['float32', 'float64'] as const) {
      const x = randomUniform(shape, { minval: -2, maxval: 2, seed: shape.length + 10, dtype })
      const out = l2Loss(x)
      expect([out.shape, out.dtype]).toEqual([[], dtype])
      expect(Object.is(out.item(), composite(x).item())).toBe(true)
    }
  })

  it('gives 0 for an empty tensor', () => {
    expect(l2Loss(tensor([])).item()).toBe(0)
    const out = l2Loss(zeros([2, 0, 3], 'float64'))
    expect([out.item(), out.shape, out.dtype]).toEqual([0, [], 'float64'])
  })

  it('propagates NaN and infinities', () => {
    expect(l2Loss(tensor([1, NaN, 2])).item()).toBeNaN()
    expect(l2Loss(tensor([1, -Infinity], undefined, 'float64')).item()).toBe(Infinity)
    expect(l2Loss(tensor([1e30])).item()).toBe(Infinity) // the float32 square overflows, as TF1's does
  })

  it('rejects int32 and bool tensors', () => {
    expect(() => l2Loss(tensor([1, 2], undefined, 'int32'))).toThrow(
      new DTypeError('l2Loss', 'x must have dtype float32 or float64, got int32'),
    )
    expect(() => l2Loss(tensor([true]))).toThrow(
      new DTypeError('l2Loss', 'x must have dtype float32 or float64, got bool'),
    )
  })

  it('throws when x is not a Tensor', () => {
    expect(() => l2Loss([1, 2] as never)).toThrow(
      new DTypeError('l2Loss', "argument 'x' must be a Tensor, got an array"),
    )
  })

  it('leaves x untouched', () => {
    const x = tensor([
      [0.5, -1.5],
      [2, NaN],
    ])
    l2Loss(x)
    expect(x.toArray()).toEqual([
      [0.5, -1.5],
      [2, NaN],
    ])
  })
})
