// maxPool, avgPool and avgPoolGrad against plain references written out
// here: float64 arithmetic, or float32 with TF1's order of rounding where
// the op promises it, over many window geometries.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { avgPool, avgPoolGrad, maxPool, tensor, withTracer } from '../index'
import type { PoolOptions, PrimitiveAttrs, Tensor, Tracer } from '../index'

type Padding = 'SAME' | 'VALID'
type Shape4 = [number, number, number, number]

interface PoolCase {
  readonly shape: Shape4
  readonly ksize: [number, number]
  readonly strides: [number, number]
  readonly padding: Padding
}

const f32 = Math.fround

/** Deterministic values in [-2, 2) from a linear congruential generator, float32-representable. */
function randomValues(size: number, seed: number): number[] {
  let state = seed
  return Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return f32((state / 2 ** 32) * 4 - 2)
  })
}

/** Output size and padding before, along one axis: TF's VALID and SAME rules. */
function axisWindows(size: number, k: number, s: number, padding: Padding): { count: number; before: number } {
  if (padding === 'VALID') return { count: Math.floor((size - k) / s) + 1, before: 0 }
  const count = Math.ceil(size / s)
  return { count, before: Math.floor(Math.max((count - 1) * s + k - size, 0) / 2) }
}

/** For every output (NHWC order), the flat input indices of its window's real elements, row-major. */
function windows({ shape, ksize, strides, padding }: PoolCase): { outShape: Shape4; members: number[][] } {
  const [batch, height, width, channels] = shape
  const rows = axisWindows(height, ksize[0], strides[0], padding)
  const columns = axisWindows(width, ksize[1], strides[1], padding)
  const members: number[][] = []
  for (let b = 0; b < batch; b++) {
    for (let i = 0; i < rows.count; i++) {
      for (let j = 0; j < columns.count; j++) {
        for (let c = 0; c < channels; c++) {
          const window: number[] = []
          for (let di = 0; di < ksize[0]; di++) {
            for (let dj = 0; dj < ksize[1]; dj++) {
              const r = i * strides[0] - rows.before + di
              const q = j * strides[1] - columns.before + dj
              if (r >= 0 && r < height && q >= 0 && q < width)
                window.push(((b * height + r) * width + q) * channels + c)
            }
          }
          members.push(window)
        }
      }
    }
  }
  return { outShape: [batch, rows.count, columns.count, channels], members }
}

/** Index of each window's maximum: the first NaN if any, else the first element equal to the largest. */
function referenceArgmax(x: readonly number[], members: readonly number[][]): number[] {
  return members.map((window) => {
    const nan = window.find((index) => Number.isNaN(x[index]))
    if (nan !== undefined) return nan
    const largest = Math.max(...window.map((index) => x[index]!))
    return window.find((index) => x[index] === largest)!
  })
}

/** The argmax that each maxPool called by `fn` records for its gradient. */
function recordedArgmax(fn: () => unknown): number[][] {
  const found: number[][] = []
  const tracer: Tracer = {
    record(op, _inputs, _output, attrs) {
      // record is generic over the primitive; checking op tells which attrs these are.
      if (op === 'maxPool') found.push((attrs as PrimitiveAttrs<'maxPool'>).argmax.toFlatArray())
    },
  }
  withTracer(tracer, fn)
  return found
}

const optionsOf = ({ ksize, strides, padding }: PoolCase): PoolOptions => ({ ksize, strides, padding })

const CASES: readonly PoolCase[] = [
  { shape: [2, 5, 7, 3], ksize: [2, 2], strides: [2, 2], padding: 'VALID' }, // odd sizes, the last row and column left out
  { shape: [2, 5, 7, 3], ksize: [2, 2], strides: [2, 2], padding: 'SAME' }, // odd padding after
  { shape: [1, 6, 6, 1], ksize: [3, 3], strides: [1, 1], padding: 'SAME' }, // overlapping windows, padding both sides
  { shape: [1, 7, 5, 4], ksize: [3, 2], strides: [2, 3], padding: 'SAME' }, // strides > 1 and != ksize
  { shape: [3, 8, 9, 2], ksize: [4, 3], strides: [3, 2], padding: 'VALID' },
  { shape: [1, 4, 4, 17], ksize: [4, 4], strides: [1, 1], padding: 'VALID' }, // one window, many channels
  { shape: [1, 3, 3, 1], ksize: [5, 5], strides: [1, 1], padding: 'SAME' }, // a window larger than the input
  { shape: [1, 9, 9, 2], ksize: [2, 2], strides: [4, 4], padding: 'SAME' }, // stride > window: elements skipped
  { shape: [1, 1, 1, 1], ksize: [1, 1], strides: [1, 1], padding: 'VALID' },
  { shape: [0, 4, 4, 2], ksize: [2, 2], strides: [2, 2], padding: 'VALID' }, // no batch
]

describe.each(CASES)('pooling $shape ksize $ksize strides $strides $padding', (c) => {
  const size = c.shape.reduce((n, d) => n * d, 1)
  const values = randomValues(size, size + c.ksize[0] * 7 + c.strides[1])
  const { outShape, members } = windows(c)

  it('maxPool picks each window largest element, in float32 and float64', () => {
    const expected = referenceArgmax(values, members).map((index) => values[index]!)
    for (const dtype of ['float32', 'float64'] as const) {
      const out = maxPool(tensor(values, c.shape, dtype), optionsOf(c))
      expect(out).toEqual(tensor(expected, outShape, dtype))
    }
  })

  it('maxPool records where each maximum came from', () => {
    expect(recordedArgmax(() => maxPool(tensor(values, c.shape), optionsOf(c)))).toEqual([
      referenceArgmax(values, members),
    ])
  })

  it('avgPool divides each window sum by its count of real elements', () => {
    const out64 = avgPool(tensor(values, c.shape, 'float64'), optionsOf(c))
    const exact = members.map((window) => window.reduce((s, index) => s + values[index]!, 0) / window.length)
    expect(out64.shape).toEqual(outShape)
    out64.toFlatArray().forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThanOrEqual(1e-15))
    // float32: TF1's CPU order, a row-major sum rounded at every step, then one division.
    const rounded = members.map((window) =>
      f32(window.reduce((s, index) => f32(s + values[index]!), 0) / window.length),
    )
    expect(avgPool(tensor(values, c.shape), optionsOf(c))).toEqual(tensor(rounded, outShape))
  })

  it('avgPoolGrad shares each dy evenly among its window, as TF1 rounds it', () => {
    const dy = randomValues(members.length, 7)
    const exact = new Array<number>(size).fill(0)
    const rounded = new Array<number>(size).fill(0)
    members.forEach((window, o) => {
      const share = f32(1 / window.length)
      for (const index of window) {
        exact[index] = exact[index]! + dy[o]! / window.length
        rounded[index] = f32(rounded[index]! + f32(dy[o]! * share))
      }
    })
    const dx64 = avgPoolGrad(c.shape, tensor(dy, outShape, 'float64'), optionsOf(c))
    expect(dx64.shape).toEqual(c.shape)
    dx64.toFlatArray().forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThanOrEqual(1e-15))
    expect(avgPoolGrad(c.shape, tensor(dy, outShape), optionsOf(c))).toEqual(tensor(rounded, c.shape))
  })
})

describe('pooling on random geometries', () => {
  const geometry = fc.record({
    shape: fc.tuple(
      fc.integer({ min: 1, max: 2 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 7 }),
      fc.integer({ min: 1, max: 3 }),
    ),
    ksize: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    strides: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.constantFrom<Padding>('SAME', 'VALID'),
  })
  const fits = (c: PoolCase) => c.padding === 'SAME' || (c.ksize[0] <= c.shape[1] && c.ksize[1] <= c.shape[2])

  it('matches the float64 references', () => {
    fc.assert(
      fc.property(geometry.filter(fits), fc.integer({ min: 0, max: 1000 }), (c, seed) => {
        const values = randomValues(
          c.shape.reduce((n, d) => n * d, 1),
          seed,
        )
        const x = tensor(values, c.shape, 'float64')
        const { outShape, members } = windows(c)
        const largest = referenceArgmax(values, members).map((index) => values[index]!)
        expect(maxPool(x, optionsOf(c))).toEqual(tensor(largest, outShape, 'float64'))
        const means = avgPool(x, optionsOf(c)).toFlatArray()
        members.forEach((window, i) => {
          const mean = window.reduce((s, index) => s + values[index]!, 0) / window.length
          expect(Math.abs(means[i]! - mean)).toBeLessThanOrEqual(1e-15)
        })
      }),
      { numRuns: 60 },
    )
  })
})

describe('maxPool conventions', () => {
  const image = (values: number[], shape: Shape4): Tensor => tensor(values, shape)

  it('sends ties to the first maximum of each window, row-major', () => {
    const constant = image(new Array<number>(16).fill(3), [1, 4, 4, 1])
    // Each window's top-left real element: row max(i - 1, 0), column max(j - 1, 0).
    const first = [0, 0, 1, 2, 0, 0, 1, 2, 4, 4, 5, 6, 8, 8, 9, 10]
    expect(recordedArgmax(() => maxPool(constant, { ksize: 3, strides: 1, padding: 'SAME' }))).toEqual([first])
  })

  it('never lets the SAME padding win, even over negative values', () => {
    const x = image([-5, -4, -3, -2, -1, -6, -7, -8, -9], [1, 3, 3, 1])
    expect(maxPool(x, { ksize: 2, padding: 'SAME' }).toFlatArray()).toEqual([-1, -3, -7, -9])
  })

  it('gives -Infinity for a window of -Infinity, and lets a NaN win its window', () => {
    const x = image([-Infinity, -Infinity, 1, NaN, -Infinity, -Infinity, 2, 5], [1, 2, 4, 1])
    expect(maxPool(x, { ksize: 2 }).toFlatArray()).toEqual([-Infinity, NaN])
    const nanFirst = image([NaN, 7, 8, 9], [1, 2, 2, 1])
    expect(maxPool(nanFirst, { ksize: 2 }).toFlatArray()).toEqual([NaN])
  })

  it('keeps -0 and +Infinity as they are', () => {
    expect(maxPool(image([-0, -1, -2, -3], [1, 2, 2, 1]), { ksize: 2 }).toFlatArray()).toEqual([-0])
    expect(maxPool(image([1, Infinity, 2, 3], [1, 2, 2, 1]), { ksize: 2 }).toFlatArray()).toEqual([Infinity])
  })
})

describe('avgPool conventions', () => {
  it('divides the SAME border windows by their real elements only', () => {
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1])
    expect(avgPool(x, { ksize: 3, strides: 1, padding: 'SAME' }).toFlatArray()).toEqual([
      3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7,
    ])
  })

  it('propagates NaN and Infinity within their windows only', () => {
    const x = tensor([NaN, 1, 2, Infinity, 3, 1, 2, 3], [1, 2, 4, 1])
    expect(avgPool(x, { ksize: 2 }).toFlatArray()).toEqual([NaN, Infinity])
  })
})
