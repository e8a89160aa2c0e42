import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, dot, outer, tensor, zeros } from '../index'
import type { NestedArray, Tensor } from '../index'

const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')

/** Deterministic float32 values in [-1, 1) from a linear congruential generator. */
function randomTensor(shape: number[], seed: number): Tensor {
  let state = seed
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return Math.fround(state / 2 ** 31 - 1)
  })
  return tensor(values, shape)
}

describe('dot', () => {
  it('covers the four rank pairs with numpy shapes and float64-close values', () => {
    const v = randomTensor([4], 1)
    const m = randomTensor([3, 4], 2)
    const vs = v.toArray() as number[]
    const ms = m.toArray() as number[][]
    const inner = vs.reduce((acc, x, i) => acc + x * vs[i]!, 0)
    expect(dot(v, v).shape).toEqual([])
    // A sum of four float32 products of numbers below 1 is within a few float32 ulps of 1.
    expect(dot(v, v).item()).toBeCloseTo(inner, 6)
    const mv = dot(m, v)
    expect(mv.shape).toEqual([3])
    ;(mv.toArray() as number[]).forEach((x, i) =>
      expect(x).toBeCloseTo(
        ms[i]!.reduce((a, y, j) => a + y * vs[j]!, 0),
        6,
      ),
    )
    const w = randomTensor([3], 3)
    const ws = w.toArray() as number[]
    const vm = dot(w, m)
    expect(vm.shape).toEqual([4])
    ;(vm.toArray() as number[]).forEach((x, j) =>
      expect(x).toBeCloseTo(
        ws.reduce((a, y, i) => a + y * ms[i]![j]!, 0),
        6,
      ),
    )
    expect(dot(m, randomTensor([4, 2], 4)).shape).toEqual([3, 2])
  })

  it('keeps int32 and is 0 for empty vectors', () => {
    expect(dot(int32([1, 2]), int32([[3], [4]])).toArray()).toEqual([11])
    expect(dot(int32([1, 2]), int32([[3], [4]])).dtype).toBe('int32')
    expect(dot(zeros([0]), zeros([0])).item()).toBe(0)
  })

  it('refuses other ranks, mismatched inner dimensions and mixed dtypes, leaving inputs untouched', () => {
    const a = tensor([1, 2])
    expect(() => dot(zeros([2, 2, 2]), a)).toThrow(
      new ShapeError('dot', 'both operands must have rank 1 or 2: a is [2, 2, 2], b is [2]'),
    )
    expect(() => dot(tensor(1), a)).toThrow(
      new ShapeError('dot', 'both operands must have rank 1 or 2: a is [], b is [2]'),
    )
    expect(() => dot(a, zeros([3]))).toThrow(new ShapeError('dot', 'inner dimensions differ: a is [2], b is [3]'))
    expect(() => dot(a, int32([1, 2]))).toThrow(new DTypeError('dot', 'dtypes differ: a is float32, b is int32'))
    expect(() => dot(tensor([true]), tensor([true]))).toThrow(
      new DTypeError('dot', 'a must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => dot(a, [1, 2] as never)).toThrow(new DTypeError('dot', "argument 'b' must be a Tensor, got an array"))
    expect(a.toArray()).toEqual([1, 2])
  })
})

describe('outer', () => {
  it('multiplies every pair once: exact products rounded once to float32', () => {
    const a = randomTensor([3], 5)
    const b = randomTensor([4], 6)
    const out = outer(a, b)
    expect(out.shape).toEqual([3, 4])
    const as = a.toArray() as number[]
    const bs = b.toArray() as number[]
    expect(out.toArray()).toEqual(as.map((x) => bs.map((y) => Math.fround(x * y))))
  })

  it('handles empty vectors and keeps the dtype', () => {
    expect(outer(zeros([0]), zeros([2])).shape).toEqual([0, 2])
    expect(outer(int32([2]), int32([3, -1])).toArray()).toEqual([[6, -2]])
    expect(outer(int32([2]), int32([3])).dtype).toBe('int32')
  })

  it('refuses non-vectors and mixed dtypes', () => {
    expect(() => outer(zeros([2, 1]), zeros([2]))).toThrow(
      new ShapeError('outer', 'both operands must be vectors: a is [2, 1], b is [2]'),
    )
    expect(() => outer(zeros([2]), int32([1]))).toThrow(
      new DTypeError('outer', 'dtypes differ: a is float32, b is int32'),
    )
  })
})
