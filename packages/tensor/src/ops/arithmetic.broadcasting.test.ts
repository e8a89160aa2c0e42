import { describe, expect, it } from 'vitest'
import { ShapeError, add, div, maximum, minimum, mul, pow, scalar, sub, tensor } from '../index'

const f32 = Math.fround
const binaryOps = { add, sub, mul, div, pow, maximum, minimum }

/** `a - b` by index arithmetic alone: the numpy broadcasting rule written out. */
function broadcastSubReference(aShape: number[], bShape: number[]): { shape: number[]; values: number[] } {
  const rank = Math.max(aShape.length, bShape.length)
  const pad = (s: number[]) => [...new Array<number>(rank - s.length).fill(1), ...s]
  const [pa, pb] = [pad(aShape), pad(bShape)]
  const shape = pa.map((d, i) => (d === 1 ? pb[i]! : d))
  const flatIndex = (dims: number[], coords: number[]) =>
    coords.reduce((index, c, i) => index * dims[i]! + (dims[i] === 1 ? 0 : c), 0)
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, (_, flat) => {
    const coords = shape.map(
      (_, axis) => Math.floor(flat / shape.slice(axis + 1).reduce((n, d) => n * d, 1)) % shape[axis]!,
    )
    return flatIndex(pa, coords) + 1 - (flatIndex(pb, coords) + 1) * 100
  })
  return { shape, values }
}

const sequence = (shape: number[], scale: number) =>
  tensor(
    Array.from({ length: shape.reduce((n, d) => n * d, 1) }, (_, i) => (i + 1) * scale),
    shape,
  )

describe('broadcasting (binary arithmetic)', () => {
  const pairs: [number[], number[]][] = [
    [
      [2, 3],
      [2, 3],
    ],
    [[2, 3], []],
    [[], [2, 3]],
    [[2, 3], [3]],
    [[3], [2, 3]],
    [
      [2, 3],
      [1, 3],
    ],
    [[2, 1], [2]],
    [[2], [2, 1]],
    [
      [2, 1],
      [1, 3],
    ],
    [
      [3, 1, 2],
      [2, 2],
    ],
    [
      [2, 2],
      [3, 1, 2],
    ],
    [
      [4, 1, 3],
      [1, 5, 1],
    ],
    [
      [2, 3, 4],
      [3, 1],
    ],
    [
      [1, 1, 3],
      [2, 1],
    ],
    [[1], [2, 2]],
    [[0, 3], [3]],
    [
      [2, 1, 3, 1],
      [1, 4, 1, 5],
    ],
    [
      [4, 1, 3],
      [4, 5, 1],
    ],
    [
      [1, 2, 1],
      [3, 1, 4],
    ],
    [
      [2, 3, 1],
      [2, 3, 4],
    ],
    [
      [2, 3, 4],
      [2, 1, 4],
    ],
    [
      [5, 1],
      [1, 1],
    ],
    [[1, 1], [1]],
  ]
  it.each(pairs)('broadcasts %j with %j like numpy', (aShape, bShape) => {
    const expected = broadcastSubReference(aShape, bShape)
    const out = sub(sequence(aShape, 1), sequence(bShape, 100))
    expect(out.shape).toEqual(expected.shape)
    expect(out.toFlatArray()).toEqual(expected.values)
  })

  it('broadcasts [2, 1] + [2]', () => {
    expect(add(tensor([[1], [2]]), tensor([10, 20])).toArray()).toEqual([
      [11, 21],
      [12, 22],
    ])
  })

  it('broadcasts a scalar with a tensor on either side', () => {
    expect(sub(scalar(10), tensor([[1, 2]])).toArray()).toEqual([[9, 8]])
    expect(sub(tensor([[1, 2]]), scalar(10)).toArray()).toEqual([[-9, -8]])
    expect(div(tensor([1, 2]), 4).toArray()).toEqual([0.25, 0.5])
    expect(div(4, tensor([1, 2])).toArray()).toEqual([4, 2])
  })

  it('gives a float32 scalar when both operands are numbers', () => {
    const out = add(0.1, 0.2)
    expect(out.dtype).toBe('float32')
    expect(out.shape).toEqual([])
    expect(out.toArray()).toBe(f32(f32(0.1) + f32(0.2)))
  })

  it.each(Object.entries(binaryOps))('%s throws a ShapeError naming both shapes', (name, op) => {
    const a = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    const b = tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
    expect(() => op(a, b)).toThrow(new ShapeError(name, 'shapes [2, 3] and [3, 2] cannot be broadcast together'))
    expect(() => op(tensor([1, 2, 3]), tensor([1, 2, 3, 4]))).toThrow(
      new ShapeError(name, 'shapes [3] and [4] cannot be broadcast together'),
    )
    expect(a.toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(b.toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ])
  })
})
