import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, gatherND, range, reshape, tensor } from '../index'

const X = () => reshape(range(0, 24), [2, 3, 4]) // x[i][j][k] = 12 i + 4 j + k
const ints = (values: unknown) => tensor(values as number[], undefined, 'int32')

describe('gatherND', () => {
  it('picks elements when the tuples are as long as x has axes, as tf.gather_nd', () => {
    expect(
      gatherND(
        X(),
        ints([
          [1, 2, 3],
          [0, 1, 0],
        ]),
      ).toArray(),
    ).toEqual([23, 4])
  })

  it('picks slices with shorter tuples, keeping the batch shape of indices', () => {
    // tf.gather_nd(x, [[[1], [0]]]) has shape [1, 2, 3, 4]
    const rows = gatherND(X(), ints([[[1], [0]]]))
    expect(rows.shape).toEqual([1, 2, 3, 4])
    expect(rows.toFlatArray()).toEqual([...range(12, 24).toFlatArray(), ...range(0, 12).toFlatArray()])
    expect(
      gatherND(
        X(),
        ints([
          [0, 2],
          [1, 0],
        ]),
      ).toArray(),
    ).toEqual([
      [8, 9, 10, 11],
      [12, 13, 14, 15],
    ])
    // An empty tuple picks the whole of x.
    expect(gatherND(tensor([1, 2]), reshape(ints([]), [2, 0])).toArray()).toEqual([
      [1, 2],
      [1, 2],
    ])
  })

  it('repeats picks and keeps the dtype', () => {
    const out = gatherND(tensor([true, false]), ints([[1], [1], [0]]))
    expect(out.dtype).toBe('bool')
    expect(out.toArray()).toEqual([false, false, true])
  })

  it('refuses an index out of range, as TF CPU kernel does, naming the tuple', () => {
    expect(() =>
      gatherND(
        X(),
        ints([
          [0, 0],
          [1, 3],
        ]),
      ),
    ).toThrow(new ShapeError('gatherND', 'indices[1] = [1, 3] does not index into x [2, 3, 4]'))
    expect(() => gatherND(X(), ints([[[0, 0]], [[-1, 0]]]))).toThrow(
      new ShapeError('gatherND', 'indices[1, 0] = [-1, 0] does not index into x [2, 3, 4]'),
    )
  })

  it('refuses indices that are not int32, scalars, or tuples longer than x has axes', () => {
    expect(() => gatherND(X(), tensor([[0]]))).toThrow(
      new DTypeError('gatherND', 'indices must have dtype int32, got float32'),
    )
    expect(() => gatherND(X(), ints(0))).toThrow(
      new ShapeError('gatherND', 'indices must have rank at least 1, got shape []'),
    )
    expect(() => gatherND(X(), ints([[0, 0, 0, 0]]))).toThrow(
      new ShapeError('gatherND', 'indices [1, 4] pick 4 axes, more than the rank 3 of x [2, 3, 4]'),
    )
    expect(() => gatherND('x' as never, ints([0]))).toThrow(
      new DTypeError('gatherND', 'argument \'x\' must be a Tensor, got "x"'),
    )
    expect(() => gatherND(X(), [0] as never)).toThrow(
      new DTypeError('gatherND', "argument 'indices' must be a Tensor, got an array"),
    )
  })

  it('leaves its inputs untouched', () => {
    const x = X()
    const indices = ints([[1, 0]])
    gatherND(x, indices)
    expect(x.toArray()).toEqual(X().toArray())
    expect(indices.toArray()).toEqual([[1, 0]])
  })
})
