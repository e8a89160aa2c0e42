import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, range, reshape, stridedSlice, tensor, withTracer } from '../index'
import type { Primitive, StridedSliceOptions } from '../index'

// numpy's basic indexing, written from Python's slice.indices(), as the reference.
type Item =
  | { kind: 'slice'; start?: number; stop?: number; step?: number }
  | { kind: 'index'; at: number }
  | { kind: 'newAxis' }
  | { kind: 'ellipsis' }

function sliceIndices(
  n: number,
  { start, stop, step = 1 }: { start?: number; stop?: number; step?: number },
): number[] {
  const [lower, upper] = step > 0 ? [0, n] : [-1, n - 1]
  const clamp = (v: number) => (v < 0 ? Math.max(v + n, lower) : Math.min(v, upper))
  const first = start === undefined ? (step < 0 ? upper : lower) : clamp(start)
  const last = stop === undefined ? (step < 0 ? lower : upper) : clamp(stop)
  const picked: number[] = []
  for (let i = first; step > 0 ? i < last : i > last; i += step) picked.push(i)
  return picked
}

/** x[items] as numpy computes it, on nested arrays. */
function numpyIndex(x: unknown, shape: readonly number[], items: readonly Item[]): unknown {
  const used = items.filter((item) => item.kind === 'slice' || item.kind === 'index').length
  const at = items.findIndex((item) => item.kind === 'ellipsis')
  const whole: Item[] = Array.from({ length: shape.length - used }, () => ({ kind: 'slice' }))
  const full = at < 0 ? [...items, ...whole] : [...items.slice(0, at), ...whole, ...items.slice(at + 1)]
  const apply = (value: unknown, axis: number, rest: readonly Item[]): unknown => {
    if (rest.length === 0) return value
    const [item, ...more] = rest
    if (item!.kind === 'newAxis') return [apply(value, axis, more)]
    const rows = value as unknown[]
    if (item!.kind === 'index') return apply(rows[item!.at < 0 ? item!.at + rows.length : item!.at], axis + 1, more)
    if (item!.kind === 'slice') return sliceIndices(rows.length, item!).map((i) => apply(rows[i], axis + 1, more))
    throw new Error('one ellipsis only')
  }
  return apply(x, 0, full)
}

/** The same indexing as TF's strided_slice arguments. */
function toSpec(items: readonly Item[]) {
  const begin: number[] = []
  const end: number[] = []
  const strides: number[] = []
  const masks = { beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 }
  items.forEach((item, i) => {
    const bit = 1 << i
    if (item.kind === 'slice') {
      begin.push(item.start ?? 0)
      end.push(item.stop ?? 0)
      strides.push(item.step ?? 1)
      if (item.start === undefined) masks.beginMask |= bit
      if (item.stop === undefined) masks.endMask |= bit
      return
    }
    begin.push(item.kind === 'index' ? item.at : 0)
    end.push(item.kind === 'index' ? item.at + 1 : 0)
    strides.push(1)
    if (item.kind === 'index') masks.shrinkAxisMask |= bit
    if (item.kind === 'newAxis') masks.newAxisMask |= bit
    if (item.kind === 'ellipsis') masks.ellipsisMask |= bit
  })
  return { begin, end, strides, masks }
}

const X = () => reshape(range(0, 24), [2, 3, 4]) // x[i][j][k] = 12 i + 4 j + k

describe('stridedSlice', () => {
  it('slices as numpy does: x[::2], x[-1::-2], x[1:-1], x[5:1:-1]', () => {
    const x = range(0, 6)
    expect(stridedSlice(x, [0], [0], [2], { endMask: 1 }).toArray()).toEqual([0, 2, 4])
    expect(stridedSlice(x, [-1], [0], [-2], { endMask: 1 }).toArray()).toEqual([5, 3, 1])
    expect(stridedSlice(x, [1], [-1]).toArray()).toEqual([1, 2, 3, 4])
    expect(stridedSlice(x, [5], [1], [-1]).toArray()).toEqual([5, 4, 3, 2])
  })

  it('clamps begin and end outside the axis and gives empty results for empty ranges, as numpy', () => {
    const x = range(0, 6)
    expect(stridedSlice(x, [-100], [100]).toArray()).toEqual([0, 1, 2, 3, 4, 5])
    expect(stridedSlice(x, [100], [-100], [-2]).toArray()).toEqual([5, 3, 1])
    expect(stridedSlice(x, [4], [2]).shape).toEqual([0])
    expect(stridedSlice(x, [2], [4], [-1]).shape).toEqual([0])
  })

  it('takes x[1, ..., ::-3, None] with TF masks', () => {
    // numpy: x = np.arange(24).reshape(2, 3, 4); x[1, ..., ::-3, None] has shape (3, 2, 1)
    const out = stridedSlice(X(), [1, 0, 0, 0], [2, 0, 0, 0], [1, 1, -3, 1], {
      shrinkAxisMask: 0b1,
      ellipsisMask: 0b10,
      beginMask: 0b100,
      endMask: 0b100,
      newAxisMask: 0b1000,
    })
    expect(out.toArray()).toEqual([
      [[15], [12]],
      [[19], [16]],
      [[23], [20]],
    ])
  })

  it('takes whole axes after the last entry, and picks with shrinkAxisMask', () => {
    // numpy: x[:, 2] and x[-1]
    expect(
      stridedSlice(X(), [0, 2], [0, 3], [1, 1], { beginMask: 1, endMask: 1, shrinkAxisMask: 2 }).toArray(),
    ).toEqual([
      [8, 9, 10, 11],
      [20, 21, 22, 23],
    ])
    expect(stridedSlice(X(), [-1], [0], [1], { shrinkAxisMask: 1 }).shape).toEqual([3, 4])
    expect(stridedSlice(tensor(7), [], []).toArray()).toBe(7)
  })

  it('matches numpy indexing on random index expressions', () => {
    const bound = fc.integer({ min: -6, max: 6 })
    const item = fc.oneof(
      fc.record(
        { kind: fc.constant('slice' as const), start: bound, stop: bound, step: fc.constantFrom(-3, -2, -1, 1, 2, 3) },
        { requiredKeys: ['kind'] },
      ),
      fc.record({ kind: fc.constant('newAxis' as const) }),
    )
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.array(item, { maxLength: 4 }),
        fc.nat(),
        fc.boolean(),
        (shape, drawn, pick, withEllipsis) => {
          const items: Item[] = drawn.slice()
          // A picked index, in range for every axis since the ellipsis may move it, and an ellipsis.
          const axesUsed = () => items.filter((i) => i.kind === 'slice' || i.kind === 'index').length
          while (axesUsed() > shape.length)
            items.splice(
              items.findIndex((i) => i.kind === 'slice'),
              1,
            )
          if (axesUsed() < shape.length) {
            const shortest = Math.min(...shape)
            items.splice(pick % (items.length + 1), 0, { kind: 'index', at: (pick % (2 * shortest)) - shortest })
          }
          if (withEllipsis) items.splice(pick % (items.length + 1), 0, { kind: 'ellipsis' })
          const size = shape.reduce((a, b) => a * b, 1)
          const x = reshape(range(0, size), shape)
          const { begin, end, strides, masks } = toSpec(items)
          const expected = numpyIndex(x.toArray(), shape, items)
          expect(stridedSlice(x, begin, end, strides, masks).toArray()).toEqual(expected)
        },
      ),
      { numRuns: 300, seed: 7 },
    )
  })

  it('records stridedSlice with the resolved box when a stride is not 1, and slice otherwise', () => {
    const recorded = (call: () => unknown) => {
      const seen: [Primitive, unknown][] = []
      withTracer({ record: (op, _inputs, _out, attrs) => void seen.push([op, attrs]) }, call)
      return seen
    }
    const six = range(0, 6)
    expect(recorded(() => stridedSlice(six, [-1], [0], [-2]))).toEqual([
      ['stridedSlice', { begin: [5], strides: [-2], size: [3] }],
    ])
    const x = X()
    expect(recorded(() => stridedSlice(x, [1], [2], [1], { shrinkAxisMask: 1 }))).toEqual([
      ['slice', { begin: [1, 0, 0], size: [1, 3, 4] }],
      ['reshape', { shape: [3, 4] }],
    ])
  })

  it('keeps the dtype', () => {
    const out = stridedSlice(tensor([true, false, true]), [0], [3], [2])
    expect(out.dtype).toBe('bool')
    expect(out.toArray()).toEqual([true, true])
  })

  it('refuses malformed begin, end and strides', () => {
    const x = range(0, 6)
    expect(() => stridedSlice(x, [0, 1], [2])).toThrow(
      new ShapeError('stridedSlice', 'begin, end and strides must have the same length, got 2 and end [2]'),
    )
    expect(() => stridedSlice(x, [0.5], [2])).toThrow(
      new ShapeError('stridedSlice', 'begin must be an array of integers, got [0.5]'),
    )
    expect(() => stridedSlice(x, [0], 2 as never)).toThrow(
      new ShapeError('stridedSlice', 'end must be an array of integers, got 2'),
    )
    expect(() => stridedSlice(x, [0], [2], [0])).toThrow(
      new ConfigError('stridedSlice', 'strides must be non-zero, got [0]'),
    )
    expect(() => stridedSlice(x, [0, 0], [1, 1])).toThrow(
      new ShapeError('stridedSlice', 'the spec picks more axes than x [6] has (begin [0, 0])'),
    )
  })

  it('refuses bad masks and options', () => {
    const x = range(0, 6)
    expect(() => stridedSlice(x, [0], [2], [1], { beginMask: 2 })).toThrow(
      new ConfigError('stridedSlice', 'beginMask 2 sets a bit past the 1 entries of begin'),
    )
    expect(() => stridedSlice(x, [0], [2], [1], { endMask: -1 })).toThrow(
      new ConfigError('stridedSlice', 'endMask must be an integer >= 0 and <= 2147483647, got -1'),
    )
    expect(() => stridedSlice(X(), [0, 0], [1, 1], [1, 1], { ellipsisMask: 3 })).toThrow(
      new ConfigError('stridedSlice', 'ellipsisMask may set one bit only, got 3'),
    )
    expect(() => stridedSlice(x, [0], [2], [1], { shrink: 1 } as never)).toThrow(
      new ConfigError(
        'stridedSlice',
        "unknown option 'shrink'; expected one of beginMask, endMask, ellipsisMask, newAxisMask, shrinkAxisMask",
      ),
    )
  })

  it('refuses a shrunk index out of range or with a negative stride, as TF', () => {
    const x = range(0, 6)
    const shrink: StridedSliceOptions = { shrinkAxisMask: 1 }
    expect(() => stridedSlice(x, [6], [7], [1], shrink)).toThrow(
      new ShapeError('stridedSlice', 'index 6 is out of range for axis 0 of length 6'),
    )
    expect(() => stridedSlice(x, [-7], [-6], [1], shrink)).toThrow(
      new ShapeError('stridedSlice', 'index -7 is out of range for axis 0 of length 6'),
    )
    expect(() => stridedSlice(x, [2], [1], [-1], shrink)).toThrow(
      new ConfigError('stridedSlice', 'a shrunk axis takes a positive stride, got -1 at entry 0'),
    )
  })

  it('refuses a non-tensor and leaves x untouched', () => {
    expect(() => stridedSlice('x' as never, [0], [1])).toThrow(
      new DTypeError('stridedSlice', 'argument \'x\' must be a Tensor, got "x"'),
    )
    const x = X()
    stridedSlice(x, [1, 2], [0, 0], [-1, -2])
    expect(x.toArray()).toEqual(X().toArray())
  })
})
