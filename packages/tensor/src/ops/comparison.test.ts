import { describe, expect, it } from 'vitest'
import {
  DTypeError,
  ShapeError,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  logicalAnd,
  logicalNot,
  logicalOr,
  notEqual,
  tensor,
} from '../index'
import type { NestedArray } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

const comparisons = { greater, greaterEqual, less, lessEqual, equal, notEqual }

const T = true
const F = false
// [1, 2, 3] against [2, 2, 2]; NaN against anything; [[2], [1]] against [1, 2, 3]
const expectations = {
  greater: {
    values: [F, F, T],
    nan: F,
    broadcast: [
      [T, F, F],
      [F, F, F],
    ],
  },
  greaterEqual: {
    values: [F, T, T],
    nan: F,
    broadcast: [
      [T, T, F],
      [T, F, F],
    ],
  },
  less: {
    values: [T, F, F],
    nan: F,
    broadcast: [
      [F, F, T],
      [F, T, T],
    ],
  },
  lessEqual: {
    values: [T, T, F],
    nan: F,
    broadcast: [
      [F, T, T],
      [T, T, T],
    ],
  },
  equal: {
    values: [F, T, F],
    nan: F,
    broadcast: [
      [F, T, F],
      [T, F, F],
    ],
  },
  notEqual: {
    values: [T, F, T],
    nan: T,
    broadcast: [
      [T, F, T],
      [F, T, T],
    ],
  },
}

describe.each(Object.entries(comparisons))('%s', (name, op) => {
  const expected = expectations[name as keyof typeof expectations]

  it('compares elementwise into a bool tensor', () => {
    const out = op(tensor([1, 2, 3]), tensor([2, 2, 2]))
    expect(out.dtype).toBe('bool')
    expect(out.toArray()).toEqual(expected.values)
  })

  it('compares int32, float64 and a number operand the same way', () => {
    expect(op(int32([1, 2, 3]), int32([2, 2, 2])).toArray()).toEqual(expected.values)
    expect(op(float64([1, 2, 3]), float64([2, 2, 2])).toArray()).toEqual(expected.values)
    expect(op(tensor([1, 2, 3]), 2).toArray()).toEqual(expected.values)
  })

  it(`gives ${expected.nan} for every comparison with NaN`, () => {
    const out = op(tensor([NaN, NaN, NaN, 1]), tensor([NaN, 0, Infinity, NaN]))
    expect(out.toArray()).toEqual([expected.nan, expected.nan, expected.nan, expected.nan])
  })

  it('broadcasts [2, 1] against [3]', () => {
    const out = op(tensor([[2], [1]]), tensor([1, 2, 3]))
    expect(out.shape).toEqual([2, 3])
    expect(out.toArray()).toEqual(expected.broadcast)
  })

  it('throws naming both shapes when they do not broadcast', () => {
    expect(() => op(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(
      new ShapeError(name, 'shapes [2] and [3] cannot be broadcast together'),
    )
  })

  it('throws naming both dtypes when they differ', () => {
    expect(() => op(tensor([1]), int32([1]))).toThrow(
      new DTypeError(name, 'dtypes differ: a is float32, b is int32; cast one first'),
    )
  })

  it('throws when an argument is not a Tensor', () => {
    expect(() => op('1' as never, tensor([1]))).toThrow(
      new DTypeError(name, 'argument \'a\' must be a Tensor, got "1"'),
    )
  })

  it('leaves its inputs untouched', () => {
    const a = tensor([1, NaN])
    const b = tensor([[1], [2]])
    op(a, b)
    expect(a.toArray()).toEqual([1, NaN])
    expect(b.toArray()).toEqual([[1], [2]])
  })
})

describe('greater', () => {
  it('reproduces the seed: greater([1, 2, 3, 4], [4, 3, 2, 1])', () => {
    expect(greater(tensor([1, 2, 3, 4]), tensor([4, 3, 2, 1])).toArray()).toEqual([false, false, true, true])
  })

  it('orders infinities', () => {
    expect(greater(tensor([Infinity, -Infinity]), tensor([1e38, -1e38])).toArray()).toEqual([true, false])
  })
})

describe('equal', () => {
  it('compares bool tensors', () => {
    expect(equal(tensor([true, false, true]), tensor([true, true, false])).toArray()).toEqual([true, false, false])
  })

  it('compares a number operand after rounding it to the tensor dtype', () => {
    expect(equal(tensor([0.1]), 0.1).toArray()).toEqual([true])
    expect(equal(float64([0.1]), 0.1).toArray()).toEqual([true])
    expect(equal(tensor([0.1], undefined, 'float32'), tensor([0.1], undefined, 'float32')).toArray()).toEqual([true])
  })

  it('treats 0 and -0 as equal', () => {
    expect(equal(tensor([0]), tensor([-0])).toArray()).toEqual([true])
  })
})

const TRUTH_A = tensor([true, true, false, false])
const TRUTH_B = tensor([true, false, true, false])

describe('logicalAnd', () => {
  it('is true only where both are true', () => {
    expect(logicalAnd(TRUTH_A, TRUTH_B).toArray()).toEqual([true, false, false, false])
    expect(logicalAnd(TRUTH_A, TRUTH_B).dtype).toBe('bool')
  })

  it('broadcasts a scalar', () => {
    expect(logicalAnd(TRUTH_A, tensor(true)).toArray()).toEqual([true, true, false, false])
  })

  it('rejects non-bool tensors', () => {
    expect(() => logicalAnd(tensor([1]), tensor([1]))).toThrow(
      new DTypeError('logicalAnd', 'a must have dtype bool, got float32'),
    )
    expect(() => logicalAnd(TRUTH_A, tensor([1, 0, 1, 0]))).toThrow(
      new DTypeError('logicalAnd', 'dtypes differ: a is bool, b is float32; cast one first'),
    )
  })
})

describe('logicalOr', () => {
  it('is true where either is true', () => {
    expect(logicalOr(TRUTH_A, TRUTH_B).toArray()).toEqual([true, true, true, false])
  })

  it('broadcasts [2, 1] with [2]', () => {
    expect(logicalOr(tensor([[true], [false]]), tensor([false, true])).toArray()).toEqual([
      [true, true],
      [false, true],
    ])
  })

  it('rejects non-bool tensors', () => {
    expect(() => logicalOr(int32([1]), int32([0]))).toThrow(
      new DTypeError('logicalOr', 'a must have dtype bool, got int32'),
    )
  })
})

describe('logicalNot', () => {
  it('flips every value', () => {
    expect(logicalNot(TRUTH_A).toArray()).toEqual([false, false, true, true])
    expect(logicalNot(tensor(true)).toArray()).toBe(false)
  })

  it('rejects non-bool tensors and non-tensors', () => {
    expect(() => logicalNot(tensor([0]))).toThrow(new DTypeError('logicalNot', 'x must have dtype bool, got float32'))
    expect(() => logicalNot(true as never)).toThrow(
      new DTypeError('logicalNot', "argument 'x' must be a Tensor, got true"),
    )
  })

  it('leaves the input untouched', () => {
    logicalNot(TRUTH_A)
    expect(TRUTH_A.toArray()).toEqual([true, true, false, false])
  })
})
