import { afterAll, describe, expect, it } from 'vitest'
import type { MatMulLayout } from './layouts'
import { matMulKernel } from './matMul'
import { matMulWasm } from './matMulWasm'
import { matMulThreaded } from './matMulThreaded'
import { THREADED_MIN_MULTIPLY_ADDS } from './threads/taskRunner'
import { getThreads, setThreads } from './threads/threadPool'

/** Deterministic float32 values: mostly in [-4, 4), with NaN, infinities, zeros and -0 mixed in. */
function randomValues(size: number, seed: number): Float32Array {
  const values = new Float32Array(size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const special = [0, -0, NaN, Infinity, -Infinity, 1e-30, -3e25][state % 4001]
    values[i] = special ?? (state / 2 ** 32) * 8 - 4
  }
  return values
}

function layoutOf(m: number, k: number, n: number, transposeA: boolean, transposeB: boolean, batches: number) {
  const layout: MatMulLayout = { m, k, n, transposeA, transposeB, batches, aBatch: (i) => i, bBatch: (i) => i }
  return layout
}

const bits = (values: Float32Array) => new Uint32Array(values.buffer, values.byteOffset, values.length)

/** The first index where `same` fails, or -1: a loop, as toEqual walks large arrays slowly. */
function firstDifference<T extends ArrayLike<number>>(x: T, y: T, same: (p: number, q: number) => boolean) {
  if (x.length !== y.length) return Math.min(x.length, y.length)
  for (let i = 0; i < x.length; i++) if (!same(x[i]!, y[i]!)) return i
  return -1
}
// NaN payloads aside (x86 and V8 give NaNs different sign bits): equal values, and -0 apart from +0.
const sameValue = (p: number, q: number) => Object.is(p, q)
const sameBits = (p: number, q: number) => p === q

// [m, k, n, transposeA, transposeB, batches]: odd sizes, thin and wide products, transposed views, batches.
const CASES: [number, number, number, boolean, boolean, number][] = [
  [128, 128, 128, false, false, 1],
  [129, 131, 127, false, false, 1],
  [255, 64, 130, true, false, 1],
  [130, 97, 171, false, true, 1],
  [67, 150, 215, true, true, 2],
  [1000, 8, 263, false, false, 1],
  [5, 1700, 250, false, false, 1],
  [301, 33, 300, false, true, 1],
]

describe('matMulThreaded', () => {
  const initialThreads = getThreads()
  afterAll(() => setThreads(initialThreads))

  // Thread counts run outermost: each setThreads restarts the pool.
  const products = CASES.map(([m, k, n, transposeA, transposeB, batches]) => {
    const a = randomValues(batches * m * k, m + k)
    const b = randomValues(batches * k * n, k + n)
    return { a, b, layout: layoutOf(m, k, n, transposeA, transposeB, batches), aCopy: a.slice(), bCopy: b.slice() }
  })

  it('leaves every product to the single-thread kernel on one thread, which gives the TypeScript values', () => {
    setThreads(1)
    for (const { a, b, layout } of products) {
      expect(layout.m * layout.k * layout.n).toBeGreaterThanOrEqual(THREADED_MIN_MULTIPLY_ADDS)
      expect(matMulThreaded(a, b, layout)).toBeUndefined()
      expect(firstDifference(matMulWasm(a, b, layout)!, matMulKernel(a, b, layout), sameValue)).toBe(-1)
    }
  })

  // 3 threads: more than this machine's cores, still the same bits.
  it.each([2, 3])(
    'gives the single-thread bits on %i threads for odd, thin, transposed and batched shapes',
    (threads) => {
      setThreads(1)
      const single = products.map(({ a, b, layout }) => bits(matMulWasm(a, b, layout) as Float32Array))
      setThreads(threads)
      products.forEach(({ a, b, layout, aCopy, bCopy }, i) => {
        const threaded = matMulThreaded(a, b, layout)
        expect(threaded).toBeDefined()
        expect(firstDifference(bits(threaded!), single[i]!, sameBits)).toBe(-1)
        expect(firstDifference(bits(a), bits(aCopy), sameBits)).toBe(-1)
        expect(firstDifference(bits(b), bits(bCopy), sameBits)).toBe(-1)
      })
    },
  )

  it('leaves small products and other dtypes to the other kernels', () => {
    setThreads(2)
    expect(
      matMulThreaded(new Float32Array(64 * 64), new Float32Array(64 * 64), layoutOf(64, 64, 64, false, false, 1)),
    ).toBeUndefined()
    const ints = new Int32Array(256 * 256)
    expect(matMulThreaded(ints, ints, layoutOf(256, 256, 256, false, false, 1))).toBeUndefined()
  })
})
