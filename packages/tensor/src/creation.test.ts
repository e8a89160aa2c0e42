import { describe, expect, it } from 'vitest'
import {
  ConfigError,
  DTypeError,
  ShapeError,
  cast,
  eye,
  fill,
  linspace,
  ones,
  onesLike,
  range,
  scalar,
  tensor,
  zeros,
  zerosLike,
} from './index'
import type { DType } from './index'

const INT32_HINT = 'which int32 cannot hold exactly; use a float dtype, or cast() to truncate'

const f32 = Math.fround

describe('tensor', () => {
  it('infers the shape of nested arrays', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(t.shape).toEqual([2, 3])
    expect(t.dtype).toBe('float32')
    expect(t.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
  })

  it('makes a scalar from a number and a bool scalar from a boolean', () => {
    expect(tensor(7).shape).toEqual([])
    expect(tensor(7).toArray()).toBe(7)
    expect(tensor(false).dtype).toBe('bool')
    expect(tensor(false).toArray()).toBe(false)
  })

  it('makes bool tensors from booleans', () => {
    const t = tensor([
      [true, false],
      [false, true],
    ])
    expect(t.dtype).toBe('bool')
    expect(t.toArray()).toEqual([
      [true, false],
      [false, true],
    ])
  })

  it('makes empty tensors from empty arrays', () => {
    expect(tensor([]).shape).toEqual([0])
    expect(tensor([[], [], []]).shape).toEqual([3, 0])
    expect(tensor([]).dtype).toBe('float32')
  })

  it('rounds numbers to float32 by default', () => {
    expect(tensor([0.1, 1 / 3]).toArray()).toEqual([f32(0.1), f32(1 / 3)])
    expect(tensor([16777217]).toArray()).toEqual([16777216])
  })

  it('keeps float64 values exact', () => {
    expect(tensor([0.1, 1 / 3], undefined, 'float64').toArray()).toEqual([0.1, 1 / 3])
  })

  it('refuses values int32 cannot hold exactly, naming where they sit, and maps nonzero to true for bool', () => {
    expect(() => tensor([1.9, -1.9, 3], undefined, 'int32')).toThrow(
      new DTypeError('tensor', `values[0] is 1.9, ${INT32_HINT}`),
    )
    expect(() =>
      tensor(
        [
          [1, 2],
          [3, 3e9],
        ],
        undefined,
        'int32',
      ),
    ).toThrow(new DTypeError('tensor', `values[1][1] is 3000000000, ${INT32_HINT}`))
    expect(() => tensor([NaN], undefined, 'int32')).toThrow(new DTypeError('tensor', `values[0] is NaN, ${INT32_HINT}`))
    expect(cast(tensor([1.9, -1.9, 3]), 'int32').toArray()).toEqual([1, -1, 3])
    expect(tensor([2 ** 31 - 1, -(2 ** 31)], undefined, 'int32').toArray()).toEqual([2 ** 31 - 1, -(2 ** 31)])
    expect(tensor([2, 0, -0.5], undefined, 'bool').toArray()).toEqual([true, false, true])
  })

  it('treats NaN as true when storing into bool, as numpy and TensorFlow do', () => {
    expect(tensor([NaN], undefined, 'bool').toArray()).toEqual([true])
  })

  it('reshapes flat values to a given shape', () => {
    expect(tensor([1, 2, 3, 4, 5, 6], [3, 2]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
  })

  it('takes the dtype of a typed array and copies its values', () => {
    const source = new Int32Array([1, 2, 3, 4])
    const t = tensor(source, [2, 2])
    source[0] = 100
    expect(t.dtype).toBe('int32')
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(tensor(new Float32Array([0.5])).dtype).toBe('float32')
    expect(tensor(new Float64Array([0.1])).toArray()).toEqual([0.1])
    expect(tensor(new Uint8Array([1, 0])).toArray()).toEqual([true, false])
  })

  it('refuses to guess the dtype of other typed arrays, and converts them to a given one', () => {
    expect(() => tensor(new Int16Array([5, -3]) as never)).toThrow(
      new DTypeError('tensor', 'cannot infer a dtype from Int16Array; pass one'),
    )
    expect(() => tensor(new Uint8ClampedArray([2]) as never)).toThrow(
      new DTypeError('tensor', 'cannot infer a dtype from Uint8ClampedArray; pass one'),
    )
    expect(tensor(new Int16Array([5, -3]) as never, undefined, 'int32').toArray()).toEqual([5, -3])
  })

  it('converts a typed array to a requested dtype', () => {
    expect(tensor(new Float64Array([0.1, 2.7]), undefined, 'float32').toArray()).toEqual([f32(0.1), f32(2.7)])
    expect(tensor(new Float64Array([2, -2]), [2], 'int32').toArray()).toEqual([2, -2])
    expect(() => tensor(new Float32Array([1, 2.5]), [2], 'int32')).toThrow(
      new DTypeError('tensor', `values[1] is 2.5, ${INT32_HINT}`),
    )
  })

  it('does not keep a reference to the nested input', () => {
    const rows = [
      [1, 2],
      [3, 4],
    ]
    const t = tensor(rows)
    rows[0]![0] = 50
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('throws on a ragged nested array, naming both sub-shapes', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(
      new ShapeError('tensor', 'ragged nested array: values[1] has shape [1], values[0] has [2]'),
    )
    expect(() => tensor([[1, 2], 3])).toThrow(
      new ShapeError('tensor', 'ragged nested array: values[1] has shape [], values[0] has [2]'),
    )
    expect(() =>
      tensor([
        [[1], [2]],
        [
          [1, 2],
          [3, 4],
        ],
      ]),
    ).toThrow(new ShapeError('tensor', 'ragged nested array: values[1] has shape [2, 2], values[0] has [2, 1]'))
  })

  it('throws when the shape does not match the number of values', () => {
    expect(() => tensor([1, 2, 3, 4], [3])).toThrow(
      new ShapeError('tensor', 'shape [3] needs 3 values, got 4 (data shape [4])'),
    )
    expect(() => tensor(new Float32Array(4), [2, 3])).toThrow(
      new ShapeError('tensor', 'shape [2, 3] needs 6 values, got 4'),
    )
  })

  it('throws on negative or non-integer dimensions', () => {
    expect(() => tensor([1, 2], [-1, -2])).toThrow(
      new ShapeError('tensor', 'dimensions must be non-negative integers, got [-1, -2]'),
    )
    expect(() => tensor([1, 2], [1.5])).toThrow(
      new ShapeError('tensor', 'dimensions must be non-negative integers, got [1.5]'),
    )
  })

  it('throws on values that are not numbers or booleans', () => {
    expect(() => tensor(['a'] as never)).toThrow(
      new DTypeError('tensor', 'values[0] must be a number or a boolean, got "a"'),
    )
    expect(() => tensor([null] as never)).toThrow(
      new DTypeError('tensor', 'values[0] must be a number or a boolean, got null'),
    )
  })

  it('throws on an unknown dtype', () => {
    expect(() => tensor([1], undefined, 'float16' as DType)).toThrow(
      new DTypeError('tensor', 'unknown dtype "float16"'),
    )
  })
})

describe('scalar', () => {
  it('makes a rank-0 tensor of the given dtype', () => {
    expect(scalar(3).shape).toEqual([])
    expect(scalar(3).toArray()).toBe(3)
    expect(scalar(2, 'int32').toArray()).toBe(2)
    expect(() => scalar(2.5, 'int32')).toThrow(new DTypeError('scalar', `value is 2.5, ${INT32_HINT}`))
    expect(scalar(true).dtype).toBe('bool')
    expect(scalar(0.1).toArray()).toBe(f32(0.1))
  })
})

describe('fill', () => {
  it('fills every element with the value', () => {
    expect(fill([2, 3], 7).toArray()).toEqual([
      [7, 7, 7],
      [7, 7, 7],
    ])
    expect(fill([2], 0.1).toArray()).toEqual([f32(0.1), f32(0.1)])
    expect(fill([2], true, 'bool').toArray()).toEqual([true, true])
    expect(fill([2], -2, 'int32').toArray()).toEqual([-2, -2])
    expect(() => fill([2], -2.5, 'int32')).toThrow(new DTypeError('fill', `value is -2.5, ${INT32_HINT}`))
    expect(fill([], 4).toArray()).toBe(4)
  })

  it('throws on a bad shape or dtype', () => {
    expect(() => fill([2, -1], 0)).toThrow(
      new ShapeError('fill', 'dimensions must be non-negative integers, got [2, -1]'),
    )
    expect(() => fill(2 as never, 0)).toThrow(new ShapeError('fill', 'shape must be an array of dimensions, got 2'))
    expect(() => fill([1], 0, 'int8' as DType)).toThrow(new DTypeError('fill', 'unknown dtype "int8"'))
  })
})

describe('zeros', () => {
  it('makes float32 zeros by default, or of the given dtype', () => {
    expect(zeros([2, 2]).toArray()).toEqual([
      [0, 0],
      [0, 0],
    ])
    expect(zeros([2]).dtype).toBe('float32')
    expect(zeros([2], 'bool').toArray()).toEqual([false, false])
    expect(zeros([0, 3]).shape).toEqual([0, 3])
  })

  it('throws on a negative dimension', () => {
    expect(() => zeros([-3])).toThrow(new ShapeError('zeros', 'dimensions must be non-negative integers, got [-3]'))
  })
})

describe('ones', () => {
  it('makes float32 ones by default, or of the given dtype', () => {
    expect(ones([3]).toArray()).toEqual([1, 1, 1])
    expect(ones([1, 2], 'int32').dtype).toBe('int32')
    expect(ones([2], 'bool').toArray()).toEqual([true, true])
  })
})

describe('zerosLike', () => {
  it('copies shape and dtype, not values', () => {
    const x = tensor([[1, 2, 3]], undefined, 'int32')
    const z = zerosLike(x)
    expect(z.shape).toEqual([1, 3])
    expect(z.dtype).toBe('int32')
    expect(z.toArray()).toEqual([[0, 0, 0]])
    expect(x.toArray()).toEqual([[1, 2, 3]])
  })

  it('throws when x is not a Tensor', () => {
    expect(() => zerosLike('x' as never)).toThrow(
      new DTypeError('zerosLike', 'argument \'x\' must be a Tensor, got "x"'),
    )
  })
})

describe('onesLike', () => {
  it('copies shape and dtype, with every value 1', () => {
    const o = onesLike(tensor([true, false]))
    expect(o.dtype).toBe('bool')
    expect(o.toArray()).toEqual([true, true])
    expect(onesLike(tensor([[5], [6]])).toArray()).toEqual([[1], [1]])
  })

  it('throws when x is not a Tensor', () => {
    expect(() => onesLike([1, 2] as never)).toThrow(
      new DTypeError('onesLike', "argument 'x' must be a Tensor, got an array"),
    )
  })
})

describe('range', () => {
  it('counts from start up to but not including stop', () => {
    expect(range(0, 5).toArray()).toEqual([0, 1, 2, 3, 4])
    expect(range(0, 5, 2).toArray()).toEqual([0, 2, 4])
    expect(range(2, 3, 0.25).toArray()).toEqual([2, 2.25, 2.5, 2.75])
  })

  it('counts down with a negative step', () => {
    expect(range(5, 0, -2).toArray()).toEqual([5, 3, 1])
  })

  it('is empty when stop is not beyond start', () => {
    expect(range(3, 3).shape).toEqual([0])
    expect(range(3, 1).shape).toEqual([0])
  })

  it('makes the requested dtype', () => {
    const r = range(0, 3, 1, 'int32')
    expect(r.dtype).toBe('int32')
    expect(r.toArray()).toEqual([0, 1, 2])
  })

  it('throws on a zero or non-finite argument', () => {
    expect(() => range(0, 1, 0)).toThrow(new ConfigError('range', 'step must not be 0'))
    expect(() => range(0, NaN)).toThrow(new ConfigError('range', 'stop must be a finite number, got NaN'))
    expect(() => range(-Infinity, 1)).toThrow(new ConfigError('range', 'start must be a finite number, got -Infinity'))
    expect(() => range(0, 1, 1, 'x' as DType)).toThrow(new DTypeError('range', 'unknown dtype "x"'))
  })
})

describe('linspace', () => {
  it('includes both ends', () => {
    expect(linspace(0, 1, 5).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(linspace(2, -2, 3).toArray()).toEqual([2, 0, -2])
  })

  it('ends exactly at stop (rounded to the dtype)', () => {
    const values = linspace(0, 0.3, 4).toArray() as number[]
    expect(values[3]).toBe(f32(0.3))
    expect(values[1]).toBe(f32(0.1))
  })

  it('gives [start] for one value and [] for none', () => {
    expect(linspace(3, 9, 1).toArray()).toEqual([3])
    expect(linspace(3, 9, 0).shape).toEqual([0])
  })

  it('throws on a negative or fractional count', () => {
    expect(() => linspace(0, 1, -1)).toThrow(new ConfigError('linspace', 'count must be an integer >= 0, got -1'))
    expect(() => linspace(0, 1, 2.5)).toThrow(new ConfigError('linspace', 'count must be an integer >= 0, got 2.5'))
  })
})

describe('eye', () => {
  it('makes a square identity', () => {
    expect(eye(3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ])
  })

  it('makes rectangular identities', () => {
    expect(eye(2, 3).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
    ])
    expect(eye(3, 2).toArray()).toEqual([
      [1, 0],
      [0, 1],
      [0, 0],
    ])
  })

  it('makes the requested dtype', () => {
    expect(eye(2, 2, 'int32').dtype).toBe('int32')
    expect(eye(2, 2, 'bool').toArray()).toEqual([
      [true, false],
      [false, true],
    ])
  })

  it('throws on negative or non-integer sizes', () => {
    expect(() => eye(-1)).toThrow(new ShapeError('eye', 'dimensions must be non-negative integers, got [-1, -1]'))
    expect(() => eye(2, 1.5)).toThrow(new ShapeError('eye', 'dimensions must be non-negative integers, got [2, 1.5]'))
  })
})
