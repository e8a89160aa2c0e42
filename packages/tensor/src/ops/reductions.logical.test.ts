import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, all, any, tensor, transpose, zeros, cast } from '../index'

const flags = () =>
  tensor([
    [true, false, true],
    [true, true, true],
  ])

describe.each([
  ['all', all],
  ['any', any],
] as const)('%s', (name, op) => {
  it('returns bool with the reduced shape, keeping axes as length 1 with keepDims', () => {
    expect(op(flags()).dtype).toBe('bool')
    expect(op(flags()).shape).toEqual([])
    expect(op(flags(), 1, true).shape).toEqual([2, 1])
    expect(op(flags(), [0, 1], true).shape).toEqual([1, 1])
  })

  it('throws a DTypeError on a numeric tensor and on a non-Tensor', () => {
    expect(() => op(tensor([1, 0]))).toThrow(new DTypeError(name, 'x must have dtype bool, got float32'))
    expect(() => op([true] as never)).toThrow(DTypeError)
  })

  it('refuses out-of-range axes, repeated axes and a non-boolean keepDims', () => {
    expect(() => op(flags(), 2)).toThrow(new ShapeError(name, 'axis 2 is out of range for a tensor of rank 2'))
    expect(() => op(flags(), [1, -1])).toThrow(new ShapeError(name, 'axes [1, -1] repeat an axis'))
    expect(() => op(flags(), 0, 'yes' as never)).toThrow(ConfigError)
  })

  it('leaves the input untouched', () => {
    const x = flags()
    op(x, 0)
    expect(x.toArray()).toEqual(flags().toArray())
  })
})

describe('all', () => {
  it('is true where every value is true, over all, one or a leading axis', () => {
    expect(all(flags()).toArray()).toBe(false)
    expect(all(flags(), 1).toArray()).toEqual([false, true])
    expect(all(flags(), 0).toArray()).toEqual([true, false, true])
    expect(all(transpose(flags()), -1).toArray()).toEqual([true, false, true])
  })

  it('is true over an empty axis, as TF1 reduce_all', () => {
    const empty = cast(zeros([2, 0]), 'bool')
    expect(all(empty, 1).toArray()).toEqual([true, true])
    expect(all(empty, 0).shape).toEqual([0])
  })
})

describe('any', () => {
  it('is true where some value is true, over all, one or a leading axis', () => {
    const x = tensor([
      [false, false, true],
      [false, false, false],
    ])
    expect(any(x).toArray()).toBe(true)
    expect(any(x, 1).toArray()).toEqual([true, false])
    expect(any(x, 0).toArray()).toEqual([false, false, true])
  })

  it('is false over an empty axis, as TF1 reduce_any', () => {
    expect(any(cast(zeros([3, 0]), 'bool'), 1).toArray()).toEqual([false, false, false])
  })
})
