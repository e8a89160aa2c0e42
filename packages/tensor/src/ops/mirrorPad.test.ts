import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, mirrorPad, mirrorPadGrad, tensor } from '../index'
import type { MirrorPadMode } from '../index'

const X = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ])

/** numpy's np.pad index rule, written out: where padded position o along an axis reads from. */
function mirrored(o: number, before: number, length: number, mode: MirrorPadMode): number {
  let i = o - before
  const period = mode === 'REFLECT' ? 2 * (length - 1) : 2 * length
  if (period === 0) return 0
  i = ((i % period) + period) % period
  if (mode === 'REFLECT') return i < length ? i : period - i
  return i < length ? i : period - 1 - i
}

describe('mirrorPad', () => {
  it('mirrors about the edge with REFLECT and repeats it with SYMMETRIC, as numpy', () => {
    // np.pad([1, 2, 3], 2, 'reflect') and np.pad([1, 2, 3], (2, 3), 'symmetric')
    expect(mirrorPad(tensor([1, 2, 3]), [[2, 2]], 'REFLECT').toArray()).toEqual([3, 2, 1, 2, 3, 2, 1])
    expect(mirrorPad(tensor([1, 2, 3]), [[2, 3]], 'SYMMETRIC').toArray()).toEqual([2, 1, 1, 2, 3, 3, 2, 1])
  })

  it('pads every axis of a matrix', () => {
    // np.pad([[1, 2, 3], [4, 5, 6]], ((1, 1), (2, 1)), 'reflect')
    expect(
      mirrorPad(
        X(),
        [
          [1, 1],
          [2, 1],
        ],
        'REFLECT',
      ).toArray(),
    ).toEqual([
      [6, 5, 4, 5, 6, 5],
      [3, 2, 1, 2, 3, 2],
      [6, 5, 4, 5, 6, 5],
      [3, 2, 1, 2, 3, 2],
    ])
    // np.pad([[1, 2, 3], [4, 5, 6]], ((2, 0), (0, 1)), 'symmetric')
    expect(
      mirrorPad(
        X(),
        [
          [2, 0],
          [0, 1],
        ],
        'SYMMETRIC',
      ).toArray(),
    ).toEqual([
      [4, 5, 6, 6],
      [1, 2, 3, 3],
      [1, 2, 3, 3],
      [4, 5, 6, 6],
    ])
  })

  it('matches the index rule on random shapes and paddings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<MirrorPadMode>('REFLECT', 'SYMMETRIC'),
        fc.infiniteStream(fc.nat()),
        (shape, mode, draws) => {
          const it = draws[Symbol.iterator]()
          const paddings = shape.map((d) => {
            const most = mode === 'REFLECT' ? d - 1 : d
            return [it.next().value % (most + 1), it.next().value % (most + 1)] as [number, number]
          })
          const size = shape.reduce((a, b) => a * b, 1)
          const values = Array.from({ length: size }, (_, i) => i)
          const out = mirrorPad(tensor(values, shape), paddings, mode)
          const outShape = shape.map((d, a) => d + paddings[a]![0] + paddings[a]![1])
          expect(out.shape).toEqual(outShape)
          const expected: number[] = []
          const visit = (axis: number, offset: number) => {
            if (axis === shape.length) return void expected.push(values[offset]!)
            const stride = shape.slice(axis + 1).reduce((a, b) => a * b, 1)
            for (let o = 0; o < outShape[axis]!; o++) {
              visit(axis + 1, offset + mirrored(o, paddings[axis]![0], shape[axis]!, mode) * stride)
            }
          }
          visit(0, 0)
          expect(out.toFlatArray()).toEqual(expected)
        },
      ),
      { numRuns: 100, seed: 13 },
    )
  })

  it('keeps any dtype, and leaves scalars and zero paddings as they are', () => {
    expect(mirrorPad(tensor([true, false]), [[1, 1]], 'REFLECT').toArray()).toEqual([false, true, false, true])
    const ints = mirrorPad(tensor([7, 8], undefined, 'int32'), [[0, 2]], 'SYMMETRIC')
    expect(ints.dtype).toBe('int32')
    expect(ints.toArray()).toEqual([7, 8, 8, 7])
    expect(mirrorPad(tensor(5), [], 'REFLECT').toArray()).toBe(5)
    expect(mirrorPad(tensor([]), [[0, 0]], 'SYMMETRIC').shape).toEqual([0])
  })

  it('refuses paddings that do not fit the mode', () => {
    expect(() => mirrorPad(tensor([1, 2, 3]), [[3, 0]], 'REFLECT')).toThrow(
      new ShapeError('mirrorPad', "paddings on axis 0 must be at most 2 for mode 'REFLECT' on shape [3], got [3, 0]"),
    )
    expect(() => mirrorPad(tensor([1, 2, 3]), [[0, 4]], 'SYMMETRIC')).toThrow(
      new ShapeError('mirrorPad', "paddings on axis 0 must be at most 3 for mode 'SYMMETRIC' on shape [3], got [0, 4]"),
    )
    expect(() => mirrorPad(tensor([]), [[1, 0]], 'SYMMETRIC')).toThrow(
      new ShapeError('mirrorPad', "paddings on axis 0 must be at most 0 for mode 'SYMMETRIC' on shape [0], got [1, 0]"),
    )
    expect(() => mirrorPad(X(), [[1, 1]], 'REFLECT')).toThrow(
      new ShapeError('mirrorPad', 'paddings must be 2 pairs of non-negative integers for shape [2, 3], got [[1,1]]'),
    )
  })

  it('refuses an unknown mode and a non-tensor', () => {
    expect(() =>
      mirrorPad(
        X(),
        [
          [0, 0],
          [1, 1],
        ],
        'CONSTANT' as never,
      ),
    ).toThrow(new ConfigError('mirrorPad', `mode must be one of 'REFLECT', 'SYMMETRIC', got "CONSTANT"`))
    expect(() => mirrorPad([1] as never, [[1, 1]], 'REFLECT')).toThrow(
      new DTypeError('mirrorPad', "argument 'x' must be a Tensor, got an array"),
    )
  })

  it('leaves x untouched', () => {
    const x = X()
    mirrorPad(
      x,
      [
        [1, 1],
        [2, 2],
      ],
      'REFLECT',
    )
    expect(x.toArray()).toEqual(X().toArray())
  })
})

describe('mirrorPadGrad', () => {
  it('adds each padded element onto the one it copies', () => {
    // Padded [3, 2, 1, 2, 3, 2, 1] from [1, 2, 3]: element 0 gets dy[2], dy[6]; 1 gets dy[1], dy[3], dy[5]; 2 gets dy[0], dy[4].
    const dy = tensor([1, 10, 100, 1000, 10000, 100000, 1000000], undefined, 'float64')
    expect(mirrorPadGrad(dy, [[2, 2]], 'REFLECT').toArray()).toEqual([1000100, 101010, 10001])
    expect(mirrorPadGrad(tensor([1, 10, 100, 1000]), [[1, 1]], 'SYMMETRIC').toArray()).toEqual([11, 1100])
  })

  it('is the adjoint of mirrorPad: <mirrorPad(x), y> = <x, mirrorPadGrad(y)> in float64', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<MirrorPadMode>('REFLECT', 'SYMMETRIC'),
        fc.infiniteStream(fc.nat()),
        (shape, mode, draws) => {
          const it = draws[Symbol.iterator]()
          const paddings = shape.map((d) => {
            const most = mode === 'REFLECT' ? d - 1 : d
            return [it.next().value % (most + 1), it.next().value % (most + 1)] as [number, number]
          })
          const size = shape.reduce((a, b) => a * b, 1)
          const x = Array.from({ length: size }, () => (it.next().value % 19) - 9)
          const padded = mirrorPad(tensor(x, shape, 'float64'), paddings, mode)
          const y = Array.from({ length: padded.size }, () => (it.next().value % 17) - 8)
          const folded = mirrorPadGrad(tensor(y, padded.shape, 'float64'), paddings, mode)
          expect(folded.shape).toEqual(shape)
          const left = padded.toFlatArray().reduce((s, v, i) => s + v * y[i]!, 0)
          const right = folded.toFlatArray().reduce((s, v, i) => s + v * x[i]!, 0)
          expect(right).toBe(left) // small integers: exact
        },
      ),
      { numRuns: 100, seed: 31 },
    )
  })

  it('rounds each addition to float32, interior first', () => {
    // (1 + 2^-24) + 2^-24 rounds to 1 at each step; the padding added first, 2^-23 + 1, would not.
    const tiny = 2 ** -24
    expect(mirrorPadGrad(tensor([tiny, 1, tiny]), [[1, 1]], 'SYMMETRIC').toArray()).toEqual([1])
    expect(Math.fround(2 * tiny + 1)).not.toBe(1)
  })

  it('refuses paddings longer than dy or not fitting the mode, and non-numeric dtypes', () => {
    expect(() => mirrorPadGrad(tensor([1, 2]), [[2, 1]], 'SYMMETRIC')).toThrow(
      new ShapeError('mirrorPadGrad', 'paddings [[2,1]] are longer than dy [2]'),
    )
    expect(() => mirrorPadGrad(tensor([1, 2, 3]), [[2, 0]], 'REFLECT')).toThrow(
      new ShapeError(
        'mirrorPadGrad',
        "paddings on axis 0 must be at most 0 for mode 'REFLECT' on shape [1], got [2, 0]",
      ),
    )
    expect(() => mirrorPadGrad(tensor([true]), [[0, 0]], 'REFLECT')).toThrow(
      new DTypeError('mirrorPadGrad', 'dy must have dtype float32 or float64 or int32, got bool'),
    )
  })
})
