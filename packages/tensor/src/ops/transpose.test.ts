import { describe, expect, it } from 'vitest'
import { DTypeError, ShapeError, range, reshape, tensor, transpose } from '../index'
import type { Tensor } from '../index'

const stridesOf = (shape: readonly number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((n, d) => n * d, 1))

/** Output element at coordinates c is input element at the coordinates with c[i] on axis perm[i]. */
function referenceTranspose(x: Tensor, perm: number[]): number[] {
  const values = x.toFlatArray()
  const inStrides = stridesOf(x.shape)
  const outShape = perm.map((p) => x.shape[p]!)
  const outStrides = stridesOf(outShape)
  return Array.from({ length: x.size }, (_, flat) => {
    const coords = outShape.map((d, i) => Math.floor(flat / outStrides[i]!) % d)
    return values[coords.reduce((offset, c, i) => offset + c * inStrides[perm[i]!]!, 0)]!
  })
}

const cube = () => reshape(range(0, 24), [2, 3, 4])

describe('transpose', () => {
  it('swaps the axes of a matrix by default', () => {
    expect(
      transpose(
        tensor([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ).toArray(),
    ).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    expect(transpose(tensor([[1, 2, 3]])).shape).toEqual([3, 1])
  })

  it('reverses every axis by default', () => {
    const out = transpose(cube())
    expect(out.shape).toEqual([4, 3, 2])
    expect(out.toFlatArray()).toEqual(referenceTranspose(cube(), [2, 1, 0]))
  })

  it.each([[[0, 1, 2]], [[1, 0, 2]], [[2, 0, 1]], [[1, 2, 0]], [[0, 2, 1]]])(
    'permutes a [2, 3, 4] tensor with perm %j',
    (perm) => {
      const out = transpose(cube(), perm)
      expect(out.shape).toEqual(perm.map((p) => [2, 3, 4][p]))
      expect(out.toFlatArray()).toEqual(referenceTranspose(cube(), perm))
    },
  )

  it('permutes rank 4', () => {
    const x = reshape(range(0, 120), [2, 3, 4, 5])
    expect(transpose(x, [3, 1, 0, 2]).toFlatArray()).toEqual(referenceTranspose(x, [3, 1, 0, 2]))
  })

  it('leaves scalars and vectors as they are and keeps the dtype', () => {
    expect(transpose(tensor(5)).toArray()).toBe(5)
    expect(transpose(tensor([1, 2, 3])).toArray()).toEqual([1, 2, 3])
    expect(transpose(tensor([[true, false]])).toArray()).toEqual([[true], [false]])
    expect(transpose(tensor([[1, 2]], undefined, 'int32')).dtype).toBe('int32')
  })

  it('throws when perm is not a permutation of the axes', () => {
    const x = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const message = (perm: string) => `perm ${perm} is not a permutation of the 2 axes of [2, 3]`
    expect(() => transpose(x, [0, 0])).toThrow(new ShapeError('transpose', message('[0, 0]')))
    expect(() => transpose(x, [0])).toThrow(new ShapeError('transpose', message('[0]')))
    expect(() => transpose(x, [0, 2])).toThrow(new ShapeError('transpose', message('[0, 2]')))
    expect(() => transpose(x, [1, 0, 2])).toThrow(new ShapeError('transpose', message('[1, 0, 2]')))
    expect(() => transpose(x, [-1, 0])).toThrow(new ShapeError('transpose', message('[-1, 0]')))
  })

  it('throws when x is not a Tensor', () => {
    expect(() => transpose(null as never)).toThrow(
      new DTypeError('transpose', "argument 'x' must be a Tensor, got null"),
    )
  })

  it('leaves x untouched', () => {
    const x = cube()
    transpose(x, [1, 2, 0])
    expect(() => transpose(x, [1, 1, 0])).toThrow(ShapeError)
    expect(x.toArray()).toEqual(cube().toArray())
  })
})
