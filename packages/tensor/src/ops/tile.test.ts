import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, tensor, tile } from '../index'

const M = () =>
  tensor([
    [1, 2],
    [3, 4],
  ])

describe('tile', () => {
  it('repeats a vector', () => {
    expect(tile(tensor([1, 2]), [2]).toArray()).toEqual([1, 2, 1, 2])
    expect(tile(tensor([1, 2]), [1]).toArray()).toEqual([1, 2])
  })

  it('repeats a matrix along rows, columns or both', () => {
    expect(tile(M(), [2, 1]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [1, 2],
      [3, 4],
    ])
    expect(tile(M(), [1, 2]).toArray()).toEqual([
      [1, 2, 1, 2],
      [3, 4, 3, 4],
    ])
    expect(tile(M(), [2, 3]).toArray()).toEqual([
      [1, 2, 1, 2, 1, 2],
      [3, 4, 3, 4, 3, 4],
      [1, 2, 1, 2, 1, 2],
      [3, 4, 3, 4, 3, 4],
    ])
  })

  it('gives an empty axis for 0 repetitions, and leaves scalars alone', () => {
    expect(tile(M(), [0, 2]).shape).toEqual([0, 4])
    expect(tile(tensor(3), []).toArray()).toBe(3)
  })

  it('keeps the dtype', () => {
    expect(tile(tensor([true, false]), [2]).toArray()).toEqual([true, false, true, false])
    expect(tile(tensor([1], undefined, 'int32'), [3]).dtype).toBe('int32')
  })

  it('throws unless reps are one non-negative integer per axis', () => {
    const message = (reps: string) => `reps must be 2 non-negative integers for shape [2, 2], got ${reps}`
    expect(() => tile(M(), [2])).toThrow(new ShapeError('tile', message('[2]')))
    expect(() => tile(M(), [2, -1])).toThrow(new ShapeError('tile', message('[2, -1]')))
    expect(() => tile(M(), [1.5, 1])).toThrow(new ShapeError('tile', message('[1.5, 1]')))
  })

  it('throws when x is not a Tensor', () => {
    expect(() => tile('x' as never, [1])).toThrow(new DTypeError('tile', 'argument \'x\' must be a Tensor, got "x"'))
  })

  it('leaves x untouched', () => {
    const x = M()
    tile(x, [3, 3])
    expect(x.toArray()).toEqual(M().toArray())
  })
})
