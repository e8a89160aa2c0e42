import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DTypeError } from '../errors'
import { lessEqual, relu, reluGrad, tensor, where, zerosLike } from '../index'
import type { Tensor } from '../index'

// relu and reluGrad replaced the compositions below; they must give the same bits everywhere.
const reluComposite = (x: Tensor) => where(lessEqual(x, 0), zerosLike(x), x)
const reluGradComposite = (dy: Tensor, y: Tensor) => where(lessEqual(y, 0), 0, dy)

// Object.is tells -0 from +0 and matches NaN with NaN.
const sameBits = (actual: number[], expected: number[]) =>
  actual.length === expected.length && actual.every((v, i) => Object.is(v, expected[i]))

const SPECIAL = [0, -0, NaN, Infinity, -Infinity, 1e-45, -1e-45]
const floatValue = fc.oneof(fc.constantFrom(...SPECIAL), fc.float({ noDefaultInfinity: false }))
const floats = fc.array(floatValue, { minLength: 1, maxLength: 40 })

describe('relu', () => {
  it('gives the bits of where(x <= 0, 0, x) on float32, float64 and int32', () => {
    fc.assert(
      fc.property(floats, fc.constantFrom('float32', 'float64') as fc.Arbitrary<'float32' | 'float64'>, (v, dtype) => {
        const x = tensor(v, [v.length], dtype)
        expect(sameBits(relu(x).toFlatArray(), reluComposite(x).toFlatArray())).toBe(true)
      }),
    )
    const ints = tensor([-3, 0, 5, -2147483648, 2147483647], [5], 'int32')
    expect(relu(ints).toFlatArray()).toEqual([0, 0, 5, 0, 2147483647])
    expect(relu(ints).dtype).toBe('int32')
  })

  it('turns -0 into +0, passes NaN and keeps +Infinity', () => {
    const out = relu(tensor([-0, NaN, Infinity, -Infinity], [4], 'float64')).toFlatArray()
    expect(sameBits(out, [0, NaN, Infinity, 0])).toBe(true)
  })

  it('keeps shape and dtype and leaves its input untouched', () => {
    const x = tensor([-1, 2, -3, 4, 0, -0], [2, 3])
    const out = relu(x)
    expect(out.shape).toEqual([2, 3])
    expect(out.dtype).toBe('float32')
    expect(sameBits(x.toFlatArray(), [-1, 2, -3, 4, 0, -0])).toBe(true)
  })

  it('refuses what is not a numeric tensor', () => {
    expect(() => relu('x' as unknown as Tensor)).toThrow(DTypeError)
    expect(() => relu('x' as unknown as Tensor)).toThrow(/^relu: argument 'x' must be a Tensor, got "x"$/)
    expect(() => relu(tensor([true], [1], 'bool'))).toThrow(DTypeError)
  })
})

describe('reluGrad', () => {
  it("gives the bits of where(y <= 0, 0, dy), relu's gradient as a composite", () => {
    const pairs = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.tuple(
          fc.array(floatValue, { minLength: n, maxLength: n }),
          fc.array(floatValue, { minLength: n, maxLength: n }),
        ),
      )
    fc.assert(
      fc.property(
        pairs,
        fc.constantFrom('float32', 'float64') as fc.Arbitrary<'float32' | 'float64'>,
        ([g, v], dtype) => {
          const dy = tensor(g, [g.length], dtype)
          const y = relu(tensor(v, [v.length], dtype))
          expect(sameBits(reluGrad(dy, y).toFlatArray(), reluGradComposite(dy, y).toFlatArray())).toBe(true)
        },
      ),
    )
  })

  it('passes dy where y > 0 or NaN, and 0 elsewhere, even for a NaN or infinite dy', () => {
    const dy = tensor([NaN, Infinity, 2, 3, 4], [5], 'float64')
    const y = tensor([0, -0, 1, NaN, Infinity], [5], 'float64')
    expect(sameBits(reluGrad(dy, y).toFlatArray(), [0, 0, 2, 3, 4])).toBe(true)
  })

  it('broadcasts dy against y and leaves both untouched', () => {
    const dy = tensor([1, 2, 3])
    const y = tensor([0, 1, 1, 1, 0, 1], [2, 3])
    expect(reluGrad(dy, y).toArray()).toEqual([
      [0, 2, 3],
      [1, 0, 3],
    ])
    expect(dy.toFlatArray()).toEqual([1, 2, 3])
    expect(y.toFlatArray()).toEqual([0, 1, 1, 1, 0, 1])
  })
})
