import { describe, expect, it } from 'vitest'
import {
  DTypeError,
  ShapeError,
  acos,
  asin,
  atan,
  atan2,
  cos,
  cosh,
  randomUniform,
  sin,
  sinh,
  tan,
  tensor,
} from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')
const signs = (values: readonly number[]) => values.map((v) => (Object.is(v, -0) ? '-0' : v))

const unaryOps = { sin, cos, tan, asin, acos, atan, sinh, cosh }
// The float64 definitions: the engine's Math functions.
const reference: Record<keyof typeof unaryOps, (x: number) => number> = {
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
}

describe.each(Object.entries(unaryOps))('%s (shared checks)', (name, op) => {
  it('throws when x is not a Tensor', () => {
    expect(() => op('x' as never)).toThrow(new DTypeError(name, 'argument \'x\' must be a Tensor, got "x"'))
  })

  it('refuses int32 and bool tensors', () => {
    expect(() => op(int32([1]))).toThrow(new DTypeError(name, 'x must have dtype float32 or float64, got int32'))
    expect(() => op(tensor([true]))).toThrow(new DTypeError(name, 'x must have dtype float32 or float64, got bool'))
  })

  it('maps NaN to NaN, keeps shape and dtype and leaves x untouched', () => {
    const x = float64([[0.25], [NaN]])
    const out = op(x)
    expect(out.shape).toEqual([2, 1])
    expect(out.dtype).toBe('float64')
    expect(out.toArray()).toEqual([[reference[name as keyof typeof unaryOps](0.25)], [NaN]])
    expect(x.toArray()).toEqual([[0.25], [NaN]])
  })

  it('rounds the double value once to float32 on random inputs', () => {
    const domain = name === 'asin' || name === 'acos' ? 1 : name === 'sinh' || name === 'cosh' ? 20 : 10
    const x = randomUniform([2000], { minval: -domain, maxval: domain, seed: 7 })
    const expected = x.toFlatArray().map((v) => f32(reference[name as keyof typeof unaryOps](v)))
    expect(op(x).toFlatArray()).toEqual(expected)
  })
})

describe('special values', () => {
  it('sin, tan, asin, atan and sinh keep the sign of zero', () => {
    for (const op of [sin, tan, asin, atan, sinh]) expect(signs(op(tensor([0, -0])).toFlatArray())).toEqual([0, '-0'])
  })

  it('cos and cosh are 1 at ±0', () => {
    expect(cos(tensor([0, -0])).toArray()).toEqual([1, 1])
    expect(cosh(tensor([0, -0])).toArray()).toEqual([1, 1])
  })

  it('sin, cos and tan are NaN at ±inf', () => {
    for (const op of [sin, cos, tan]) expect(op(tensor([Infinity, -Infinity])).toArray()).toEqual([NaN, NaN])
  })

  it('asin and acos are NaN outside [-1, 1] and exact at the ends', () => {
    expect(asin(tensor([1, -1, 1.5])).toArray()).toEqual([f32(Math.PI / 2), f32(-Math.PI / 2), NaN])
    expect(acos(tensor([1, -1, -1.5])).toArray()).toEqual([0, f32(Math.PI), NaN])
  })

  it('atan tends to ±π/2 at ±inf', () => {
    expect(atan(tensor([Infinity, -Infinity])).toArray()).toEqual([f32(Math.PI / 2), f32(-Math.PI / 2)])
  })

  it('sinh and cosh overflow float32 at 100 but not float64', () => {
    expect(sinh(tensor([100, -100])).toArray()).toEqual([Infinity, -Infinity])
    expect(cosh(tensor([-100])).toArray()).toEqual([Infinity])
    expect(cosh(float64([100])).toArray()).toEqual([Math.cosh(100)])
  })
})

describe('atan2', () => {
  it("follows C's conventions at signed zeros and infinities", () => {
    const y = tensor([0, -0, 0, -0, 0, 1, Infinity, -Infinity, 1])
    const x = tensor([-1, -1, 0, 0, -0, Infinity, Infinity, -Infinity, 0])
    const pi = f32(Math.PI)
    expect(signs(atan2(y, x).toFlatArray())).toEqual([
      pi,
      -pi,
      0,
      '-0',
      pi,
      0,
      f32(Math.PI / 4),
      f32((-3 * Math.PI) / 4),
      f32(Math.PI / 2),
    ])
  })

  it('broadcasts and matches Math.atan2 rounded once on random inputs', () => {
    const y = randomUniform([40, 1], { minval: -5, maxval: 5, seed: 8 })
    const x = randomUniform([25], { minval: -5, maxval: 5, seed: 9 })
    const out = atan2(y, x)
    expect(out.shape).toEqual([40, 25])
    const ys = y.toFlatArray()
    const xs = x.toFlatArray()
    expect(out.toFlatArray()).toEqual(ys.flatMap((a) => xs.map((b) => f32(Math.atan2(a, b)))))
  })

  it('names its operands in its errors', () => {
    expect(() => atan2(tensor([1]), float64([1]))).toThrow(
      new DTypeError('atan2', 'dtypes differ: a is float32, b is float64; cast one first'),
    )
    expect(() => atan2(int32([1]), 1)).toThrow(
      new DTypeError('atan2', 'a must have dtype float32 or float64, got int32'),
    )
    expect(() => atan2(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(ShapeError)
  })
})
