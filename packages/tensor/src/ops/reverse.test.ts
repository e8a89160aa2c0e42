import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, range, reshape, reverse, tensor } from '../index'

const X = () => reshape(range(0, 24), [2, 3, 4]) // x[i][j][k] = 12 i + 4 j + k

/** numpy's np.flip(x, axes), element by element. */
function flipped(shape: readonly number[], axes: readonly number[]): number[] {
  const out: number[] = []
  const visit = (axis: number, offset: number) => {
    if (axis === shape.length) return void out.push(offset)
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1)
    for (let i = 0; i < shape[axis]!; i++) {
      const from = axes.includes(axis) ? shape[axis]! - 1 - i : i
      visit(axis + 1, offset + from * stride)
    }
  }
  visit(0, 0)
  return out
}

describe('reverse', () => {
  it('flips the listed axes, as np.flip', () => {
    for (const axes of [[], [0], [1], [2], [0, 2], [1, 2], [0, 1, 2]]) {
      expect(reverse(X(), axes).toFlatArray(), `axes ${axes}`).toEqual(flipped([2, 3, 4], axes))
    }
  })

  it('takes a single axis, negative axes, and all axes when none are given', () => {
    expect(
      reverse(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        -1,
      ).toArray(),
    ).toEqual([
      [2, 1],
      [4, 3],
    ])
    expect(reverse(X()).toFlatArray()).toEqual(flipped([2, 3, 4], [0, 1, 2]))
    expect(reverse(tensor(3)).toArray()).toBe(3)
  })

  it('keeps the dtype and handles empty axes', () => {
    const ints = reverse(tensor([1, 2, 3], undefined, 'int32'))
    expect(ints.dtype).toBe('int32')
    expect(ints.toArray()).toEqual([3, 2, 1])
    expect(reverse(tensor([true, false])).toArray()).toEqual([false, true])
    expect(reverse(reshape(tensor([]), [2, 0]), [0, 1]).shape).toEqual([2, 0])
  })

  it('refuses axes out of range or repeated, and a non-tensor', () => {
    expect(() => reverse(X(), 3)).toThrow(new ShapeError('reverse', 'axis 3 is out of range for a tensor of rank 3'))
    expect(() => reverse(X(), [0, -3])).toThrow(new ShapeError('reverse', 'axes [0, -3] repeat an axis'))
    expect(() => reverse(null as never)).toThrow(new DTypeError('reverse', "argument 'x' must be a Tensor, got null"))
  })

  it('leaves x untouched', () => {
    const x = X()
    reverse(x, [0, 2])
    expect(x.toArray()).toEqual(X().toArray())
  })
})
