import { describe, expect, it } from 'vitest'
import { DTypeError, ceil, floor, randomUniform, round, tensor } from '../index'
import type { NestedArray } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')
const signs = (values: readonly number[]) => values.map((v) => (Object.is(v, -0) ? '-0' : v))

/** Half to even by its definition, plainly; a negative that rounds to zero gives +0, as TF1's kernel. */
function roundHalfToEven(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x
  const below = Math.floor(x)
  const fraction = x - below
  const nearest = fraction < 0.5 ? below : fraction > 0.5 ? below + 1 : below % 2 === 0 ? below : below + 1
  return nearest === 0 ? 0 : nearest
}

describe.each(Object.entries({ floor, ceil, round }))('%s (shared checks)', (name, op) => {
  it('throws when x is not a Tensor', () => {
    expect(() => op('x' as never)).toThrow(new DTypeError(name, 'argument \'x\' must be a Tensor, got "x"'))
  })

  it('rejects bool tensors', () => {
    expect(() => op(tensor([true]))).toThrow(
      new DTypeError(
        name,
        `x must have dtype ${name === 'round' ? 'float32 or float64 or int32' : 'float32 or float64'}, got bool`,
      ),
    )
  })

  it('keeps shape and dtype, maps ±inf and NaN to themselves and leaves x untouched', () => {
    const x = float64([[Infinity], [-Infinity], [NaN]])
    const out = op(x)
    expect(out.shape).toEqual([3, 1])
    expect(out.dtype).toBe('float64')
    expect(out.toArray()).toEqual([[Infinity], [-Infinity], [NaN]])
    expect(x.toArray()).toEqual([[Infinity], [-Infinity], [NaN]])
  })

  it('keeps the sign of zero', () => {
    expect(signs(op(tensor([0, -0])).toFlatArray())).toEqual([0, '-0'])
  })
})

describe('floor and ceil', () => {
  it('round toward -inf and +inf', () => {
    const x = tensor([1.5, -1.5, 2, -0.25, 0.75, 3e38])
    expect(floor(x).toArray()).toEqual([1, -2, 2, -1, 0, Math.fround(3e38)])
    expect(signs(ceil(x).toFlatArray())).toEqual([2, -1, 2, '-0', 1, Math.fround(3e38)])
  })

  it('refuse int32, as TF1', () => {
    expect(() => floor(int32([1]))).toThrow(new DTypeError('floor', 'x must have dtype float32 or float64, got int32'))
    expect(() => ceil(int32([1]))).toThrow(new DTypeError('ceil', 'x must have dtype float32 or float64, got int32'))
  })

  it('agree with Math.floor and Math.ceil on random float32 values', () => {
    const x = randomUniform([1000], { minval: -100, maxval: 100, seed: 3 })
    expect(floor(x).toFlatArray()).toEqual(x.toFlatArray().map(Math.floor))
    expect(ceil(x).toFlatArray()).toEqual(x.toFlatArray().map(Math.ceil))
  })
})

describe('round', () => {
  it('rounds halves to the even neighbour', () => {
    expect(round(tensor([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, -3.5])).toArray()).toEqual([0, 2, 2, 4, 0, -2, -2, -4])
  })

  it('rounds other values to the nearest integer', () => {
    expect(round(tensor([0.49999997, 0.50000006, 2.4, 2.6, -2.6, 1e7 + 0.5])).toArray()).toEqual([0, 1, 2, 3, -3, 1e7])
    expect(round(float64([2 ** 52 + 1, 0.49999999999999994])).toArray()).toEqual([2 ** 52 + 1, 0])
  })

  it("gives +0 for a negative value that rounds to zero, as TF1's kernel, and -0 for -0", () => {
    expect(signs(round(tensor([-0.4, -0.5, -0])).toFlatArray())).toEqual([0, 0, '-0'])
  })

  it('returns int32 values unchanged', () => {
    const x = int32([-2147483648, -3, 0, 7, 2147483647])
    expect(round(x).toArray()).toEqual([-2147483648, -3, 0, 7, 2147483647])
    expect(round(x).dtype).toBe('int32')
  })

  it('agrees with a plain half-to-even rounding on random halves and non-halves', () => {
    const halves = randomUniform([500], { minval: -50, maxval: 50, seed: 4 })
      .toFlatArray()
      .map((v) => Math.floor(v) + 0.5)
    const others = randomUniform([500], { minval: -50, maxval: 50, seed: 5 }).toFlatArray()
    for (const values of [halves, others]) {
      expect(round(tensor(values)).toFlatArray()).toEqual(values.map((v) => roundHalfToEven(Math.fround(v))))
      expect(round(float64(values)).toFlatArray()).toEqual(values.map(roundHalfToEven))
    }
  })
})
