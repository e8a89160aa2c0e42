import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, cumprod, cumsum, range, reshape, tensor, zeros } from '../index'
import type { NestedArray } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')

describe.each([
  ['cumsum', cumsum],
  ['cumprod', cumprod],
] as const)('%s (shared checks)', (name, op) => {
  it('keeps shape and dtype', () => {
    const out = op(int32([[1, 2, 3]]), 1)
    expect(out.shape).toEqual([1, 3])
    expect(out.dtype).toBe('int32')
  })

  it('carries NaN forward along the accumulation direction', () => {
    expect(op(tensor([1, NaN, 2])).toArray()).toEqual([1, NaN, NaN])
    expect(op(tensor([1, NaN, 2]), 0, { reverse: true }).toArray()).toEqual([NaN, NaN, 2])
  })

  it('handles empty axes', () => {
    expect(op(zeros([0])).shape).toEqual([0])
    expect(op(zeros([2, 0]), 1).shape).toEqual([2, 0])
    expect(op(zeros([0, 3]), 1).shape).toEqual([0, 3])
  })

  it('throws on a bad axis, bool and a non-Tensor', () => {
    const x = tensor([
      [1, 2],
      [3, 4],
    ])
    expect(() => op(x, 2)).toThrow(new ShapeError(name, 'axis 2 is out of range for a tensor of rank 2'))
    expect(() => op(x, -3)).toThrow(new ShapeError(name, 'axis -3 is out of range for a tensor of rank 2'))
    expect(() => op(tensor(5))).toThrow(new ShapeError(name, 'axis 0 is out of range for a tensor of rank 0'))
    expect(() => op(tensor([true]))).toThrow(
      new DTypeError(name, 'x must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => op([1, 2] as never)).toThrow(new DTypeError(name, "argument 'x' must be a Tensor, got an array"))
    expect(x.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('leaves the input untouched', () => {
    const x = tensor([2, 3, 4])
    op(x, 0, { exclusive: true, reverse: true })
    expect(x.toArray()).toEqual([2, 3, 4])
  })
})

describe('cumsum', () => {
  it('gives running sums, with exclusive and reverse as in TensorFlow', () => {
    const x = tensor([1, 2, 3])
    expect(cumsum(x).toArray()).toEqual([1, 3, 6])
    expect(cumsum(x, 0, { exclusive: true }).toArray()).toEqual([0, 1, 3])
    expect(cumsum(x, 0, { reverse: true }).toArray()).toEqual([6, 5, 3])
    expect(cumsum(x, 0, { exclusive: true, reverse: true }).toArray()).toEqual([5, 3, 0])
  })

  it('runs along the given axis, negative counting from the end', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(cumsum(x, 0).toArray()).toEqual([
      [1, 2, 3],
      [5, 7, 9],
    ])
    expect(cumsum(x, 1).toArray()).toEqual([
      [1, 3, 6],
      [4, 9, 15],
    ])
    expect(cumsum(x, -1).toArray()).toEqual(cumsum(x, 1).toArray())
  })

  it('runs along the middle axis of a rank-3 tensor', () => {
    // x[i][j][k] = 6 i + 2 j + k
    const x = reshape(range(0, 12), [2, 3, 2])
    expect(cumsum(x, 1).toArray()).toEqual([
      [
        [0, 1],
        [2, 4],
        [6, 9],
      ],
      [
        [6, 7],
        [14, 16],
        [24, 27],
      ],
    ])
    expect(cumsum(x, 1, { exclusive: true, reverse: true }).toArray()).toEqual([
      [
        [6, 8],
        [4, 5],
        [0, 0],
      ],
      [
        [18, 20],
        [10, 11],
        [0, 0],
      ],
    ])
  })

  it('accumulates sequentially in float32', () => {
    const values = [1e8, 1, -1e8, 1]
    const expected: number[] = []
    let acc = 0
    for (const v of values) expected.push((acc = f32(acc + v)))
    expect(expected).toEqual([1e8, 1e8, 0, 1])
    expect(cumsum(tensor(values)).toArray()).toEqual(expected)
  })

  it('wraps around on int32 overflow', () => {
    expect(cumsum(int32([2147483647, 1])).toArray()).toEqual([2147483647, -2147483648])
  })
})

describe('cumprod', () => {
  it('gives running products, with exclusive and reverse as in TensorFlow', () => {
    const x = tensor([1, 2, 3, 4])
    expect(cumprod(x).toArray()).toEqual([1, 2, 6, 24])
    expect(cumprod(x, 0, { exclusive: true }).toArray()).toEqual([1, 1, 2, 6])
    expect(cumprod(x, 0, { reverse: true }).toArray()).toEqual([24, 24, 12, 4])
    expect(cumprod(x, 0, { exclusive: true, reverse: true }).toArray()).toEqual([24, 12, 4, 1])
  })

  it('runs along axis 1', () => {
    expect(
      cumprod(
        tensor([
          [1, 2, 3],
          [2, 2, 2],
        ]),
        1,
      ).toArray(),
    ).toEqual([
      [1, 2, 6],
      [2, 4, 8],
    ])
  })

  it('rounds to float32 after every step', () => {
    const values = [0.1, 0.7, 0.3]
    let acc = 1
    const expected = values.map((v) => (acc = f32(acc * f32(v))))
    expect(cumprod(tensor(values)).toArray()).toEqual(expected)
  })

  it('wraps around on int32 overflow like 32-bit multiplication', () => {
    expect(cumprod(int32([2147483647, 2147483647, 3])).toArray()).toEqual([2147483647, 1, 3])
    expect(cumprod(int32([65536, 65536, 5])).toArray()).toEqual([65536, 0, 0])
  })
})
