import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, pad, range, reshape, slice, tensor, withTracer } from '../index'

const f32 = Math.fround
const X = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ])

/** The box read element by element through its multi-index: the definition of slice. */
function referenceBox(values: readonly number[], shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = []
  const visit = (axis: number, offset: number) => {
    if (axis === shape.length) return void out.push(values[offset]!)
    const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1)
    for (let i = 0; i < size[axis]!; i++) visit(axis + 1, offset + (begin[axis]! + i) * stride)
  }
  visit(0, 0)
  return out
}

describe('slice', () => {
  it('matches the element-by-element definition on contiguous and strided boxes of ranks 0 to 3', () => {
    let state = 7
    const next = (n: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return state % n
    }
    for (let trial = 0; trial < 300; trial++) {
      const shape = Array.from({ length: trial % 4 }, () => 1 + next(4))
      // In a third of the trials the trailing axes are taken whole: a contiguous range of rows.
      const rows = trial % 3 === 0
      const begin = shape.map((d, a) => (rows && a > 0 ? 0 : next(d)))
      const size = shape.map((d, a) => (rows && a > 0 ? d : next(d - begin[a]! + 1)))
      const values = Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + 1)
      const x = tensor(values, shape)
      const box = slice(x, begin, size)
      expect(box.shape, `shape ${shape} begin ${begin} size ${size}`).toEqual(size)
      expect(box.toFlatArray(), `shape ${shape} begin ${begin} size ${size}`).toEqual(
        referenceBox(values, shape, begin, size),
      )
    }
  })

  it('takes the box of size at begin', () => {
    expect(slice(X(), [0, 1], [2, 2]).toArray()).toEqual([
      [2, 3],
      [5, 6],
    ])
    expect(slice(tensor([1, 2, 3, 4]), [1], [2]).toArray()).toEqual([2, 3])
  })

  it('takes the rest of an axis for size -1 or when size is omitted', () => {
    expect(slice(X(), [1, 0], [-1, -1]).toArray()).toEqual([[4, 5, 6]])
    expect(slice(X(), [0, 1], [1, -1]).toArray()).toEqual([[2, 3]])
    expect(slice(X(), [0, 2]).toArray()).toEqual([[3], [6]])
  })

  it('counts a negative begin from the end of its axis, as numpy', () => {
    // numpy: x[-1:, -2:] and x[-2:-1, 0:2]
    expect(slice(X(), [-1, -2]).toArray()).toEqual([[5, 6]])
    expect(slice(X(), [-2, 0], [1, 2]).toArray()).toEqual([[1, 2]])
    expect(slice(tensor([1, 2, 3, 4]), [-4], [-1]).toArray()).toEqual([1, 2, 3, 4])
  })

  it('records the resolved begin, so the gradient lands in place', () => {
    const ops: unknown[] = []
    withTracer({ record: (_op, _inputs, _out, attrs) => void ops.push(attrs) }, () => slice(X(), [-1, -3], [1, 2]))
    expect(ops).toEqual([{ begin: [1, 0], size: [1, 2] }])
  })

  it('cuts a box out of a rank-3 tensor', () => {
    // x[i][j][k] = 12 i + 4 j + k
    const x = reshape(range(0, 24), [2, 3, 4])
    expect(slice(x, [1, 1, 2], [1, 2, 2]).toArray()).toEqual([
      [
        [18, 19],
        [22, 23],
      ],
    ])
  })

  it('gives empty boxes and keeps the dtype', () => {
    expect(slice(X(), [0, 3], [2, 0]).shape).toEqual([2, 0])
    expect(slice(tensor([true, false]), [1], [1]).toArray()).toEqual([false])
    expect(slice(tensor(5), [], []).toArray()).toBe(5)
  })

  it('throws when begin or size has the wrong length', () => {
    expect(() => slice(X(), [0])).toThrow(
      new ShapeError('slice', 'begin and size need 2 entries for shape [2, 3], got begin [0]'),
    )
    expect(() => slice(X(), [0, 0], [1])).toThrow(
      new ShapeError('slice', 'begin and size need 2 entries for shape [2, 3], got begin [0, 0], size [1]'),
    )
  })

  it('throws when the box does not fit', () => {
    expect(() => slice(X(), [1, 2], [2, 1])).toThrow(
      new ShapeError('slice', 'box begin [1, 2] size [2, 1] does not fit in [2, 3]'),
    )
    expect(() => slice(X(), [-3, 0], [1, 1])).toThrow(
      new ShapeError('slice', 'box begin [-3, 0] size [1, 1] does not fit in [2, 3]'),
    )
    expect(() => slice(X(), [0, -1], [1, 2])).toThrow(
      new ShapeError('slice', 'box begin [0, -1] size [1, 2] does not fit in [2, 3]'),
    )
    expect(() => slice(X(), [0, 0], [-2, 1])).toThrow(
      new ShapeError('slice', 'box begin [0, 0] size [-2, 1] does not fit in [2, 3]'),
    )
    expect(() => slice(X(), [0.5, 0], [1, 1])).toThrow(
      new ShapeError('slice', 'box begin [0.5, 0] size [1, 1] does not fit in [2, 3]'),
    )
  })

  it('throws when x is not a Tensor', () => {
    expect(() => slice('x' as never, [0])).toThrow(new DTypeError('slice', 'argument \'x\' must be a Tensor, got "x"'))
  })

  it('leaves x untouched', () => {
    const x = X()
    slice(x, [0, 0], [1, 1])
    expect(() => slice(x, [2, 0], [1, 1])).toThrow(ShapeError)
    expect(x.toArray()).toEqual(X().toArray())
  })
})

describe('pad', () => {
  it('pads with zeros by default', () => {
    expect(pad(tensor([1]), [[1, 1]]).toArray()).toEqual([0, 1, 0])
    expect(pad(tensor([1, 2]), [[0, 2]]).toArray()).toEqual([1, 2, 0, 0])
  })

  it('pads each axis of a matrix with its own before and after', () => {
    expect(
      pad(
        tensor([
          [1, 2],
          [3, 4],
        ]),
        [
          [1, 0],
          [0, 2],
        ],
        9,
      ).toArray(),
    ).toEqual([
      [9, 9, 9, 9],
      [1, 2, 9, 9],
      [3, 4, 9, 9],
    ])
  })

  it('rounds the constant to the dtype', () => {
    expect(pad(tensor([1]), [[1, 0]], 0.1).toArray()).toEqual([f32(0.1), 1])
    expect(pad(tensor([1], undefined, 'int32'), [[0, 1]], 2).toArray()).toEqual([1, 2])
    expect(pad(tensor([5]), [[1, 0]], NaN).toArray()).toEqual([NaN, 5])
  })

  it('copies x when every padding is 0, and pads empty tensors', () => {
    expect(
      pad(tensor([[1, 2]]), [
        [0, 0],
        [0, 0],
      ]).toArray(),
    ).toEqual([[1, 2]])
    expect(pad(tensor([]), [[2, 0]], 3).toArray()).toEqual([3, 3])
  })

  it('throws unless paddings are one non-negative integer pair per axis', () => {
    const message = (got: string) => `paddings must be 2 pairs of non-negative integers for shape [2, 3], got ${got}`
    expect(() => pad(X(), [[1, 1]])).toThrow(new ShapeError('pad', message('[[1,1]]')))
    expect(() =>
      pad(X(), [
        [1, 1],
        [-1, 0],
      ]),
    ).toThrow(new ShapeError('pad', message('[[1,1],[-1,0]]')))
    expect(() =>
      pad(X(), [
        [1, 1],
        [0.5, 0],
      ]),
    ).toThrow(new ShapeError('pad', message('[[1,1],[0.5,0]]')))
    expect(() => pad(X(), [[1, 1], [1] as never])).toThrow(new ShapeError('pad', message('[[1,1],[1]]')))
  })

  it('mirrors x with mode REFLECT or SYMMETRIC, as tf.pad', () => {
    // numpy: np.pad([1, 2, 3], (2, 1), 'reflect') and 'symmetric'
    expect(pad(tensor([1, 2, 3]), [[2, 1]], { mode: 'REFLECT' }).toArray()).toEqual([3, 2, 1, 2, 3, 2])
    expect(pad(tensor([1, 2, 3]), [[2, 1]], { mode: 'SYMMETRIC' }).toArray()).toEqual([2, 1, 1, 2, 3, 3])
    expect(pad(tensor([1, 2]), [[1, 1]], { mode: 'CONSTANT', constantValue: 7 }).toArray()).toEqual([7, 1, 2, 7])
    expect(pad(tensor([1, 2]), [[1, 0]], { mode: 'CONSTANT' }).toArray()).toEqual([0, 1, 2])
    expect(pad(tensor([1, 2]), [[1, 0]], undefined).toArray()).toEqual([0, 1, 2])
  })

  it('refuses unknown modes and options, a constant with a mirror mode, and mirror paddings that do not fit', () => {
    expect(() =>
      pad(
        X(),
        [
          [0, 0],
          [1, 1],
        ],
        { mode: 'reflect' as never },
      ),
    ).toThrow(new ConfigError('pad', `mode must be one of 'CONSTANT', 'REFLECT', 'SYMMETRIC', got "reflect"`))
    expect(() =>
      pad(
        X(),
        [
          [0, 0],
          [1, 1],
        ],
        { value: 1 } as never,
      ),
    ).toThrow(new ConfigError('pad', "unknown option 'value'; expected one of mode, constantValue"))
    expect(() =>
      pad(
        X(),
        [
          [0, 0],
          [1, 1],
        ],
        { mode: 'REFLECT', constantValue: 1 },
      ),
    ).toThrow(new ConfigError('pad', "constantValue applies to mode 'CONSTANT' only, got mode 'REFLECT'"))
    expect(() =>
      pad(
        X(),
        [
          [0, 0],
          [3, 0],
        ],
        { mode: 'REFLECT' },
      ),
    ).toThrow(
      new ShapeError('pad', "paddings on axis 1 must be at most 2 for mode 'REFLECT' on shape [2, 3], got [3, 0]"),
    )
    expect(() =>
      pad(
        X(),
        [
          [0, 0],
          ['1', 0],
        ] as never,
        { mode: 'REFLECT' },
      ),
    ).toThrow(
      new ShapeError('pad', 'paddings must be 2 pairs of non-negative integers for shape [2, 3], got [[0,0],["1",0]]'),
    )
    expect(() =>
      pad(
        X(),
        [
          [0, 0],
          [1, 1],
        ],
        'REFLECT' as never,
      ),
    ).toThrow(new ConfigError('pad', 'constantValue must be a number, got "REFLECT"'))
  })

  it('throws when x is not a Tensor', () => {
    expect(() => pad([1] as never, [[1, 1]])).toThrow(
      new DTypeError('pad', "argument 'x' must be a Tensor, got an array"),
    )
  })

  it('leaves x untouched', () => {
    const x = X()
    pad(x, [
      [1, 1],
      [1, 1],
    ])
    expect(x.toArray()).toEqual(X().toArray())
  })
})
