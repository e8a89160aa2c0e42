import { describe, expect, it } from 'vitest'
import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { matMulKernel } from './matMul'
import type { MatrixView } from './matMulRegion'
import { matMulBlockedFloat32 } from './matMulBlocked'
import { matMulDirectFloat32 } from './matMulDirect'
import { matMulHeapBytes, matMulWasmFloat32 } from './matMulWasm'
import { canUseWasm, wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

/** Deterministic values from an LCG: mostly in [-4, 4), with zeros, negative zeros and tiny or huge ones mixed in. */
function randomValues(dtype: DType, size: number, seed: number): TypedArray {
  const values = allocate(dtype, size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const unit = state / 2 ** 32
    const special = [0, -0, 1e-30, -3e25][state % 23]
    values[i] = dtype === 'int32' ? (state | 0) >> 8 : (special ?? unit * 8 - 4)
  }
  return values
}

/** The textbook loop: each output the sequential sum over p from 0, rounded to the dtype after every step. */
function naiveMatMul(
  dtype: DType,
  a: (i: number, p: number) => number,
  b: (p: number, j: number) => number,
  m: number,
  k: number,
  n: number,
) {
  const round = dtype === 'float32' ? Math.fround : dtype === 'int32' ? (x: number) => x | 0 : (x: number) => x
  const multiply = dtype === 'int32' ? Math.imul : (x: number, y: number) => round(x * y)
  const out = allocate(dtype, m * n)
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0
      for (let p = 0; p < k; p++) acc = round(acc + multiply(a(i, p), b(p, j)))
      out[i * n + j] = acc
    }
  }
  return out
}

/** A single (unbatched) product through the kernel, with its naive reference. */
function productPair(
  dtype: DType,
  [m, k, n]: [number, number, number],
  transposeA: boolean,
  transposeB: boolean,
  seed: number,
) {
  const a = randomValues(dtype, m * k, seed)
  const b = randomValues(dtype, k * n, seed + 1)
  const layout = { m, k, n, transposeA, transposeB, batches: 1, aBatch: () => 0, bBatch: () => 0 }
  const actual = matMulKernel(a, b, layout)
  const readA = (i: number, p: number) => a[transposeA ? p * m + i : i * k + p]!
  const readB = (p: number, j: number) => b[transposeB ? j * k + p : p * n + j]!
  return { actual, expected: naiveMatMul(dtype, readA, readB, m, k, n) }
}

const UNBATCHED = { transposeA: false, transposeB: false, batches: 1, aBatch: () => 0, bBatch: () => 0 }

const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [1, 7, 1],
  [3, 5, 2],
  [2, 9, 4],
  [5, 3, 7],
  [33, 37, 41], // odd sizes read in place: partial tiles in both directions
  [64, 64, 64],
  [65, 17, 130],
  [150, 10, 5],
  [7, 300, 3],
  [40, 1, 40],
  [300, 20, 257], // packed, more than one block of columns
  [97, 70, 45], // packed, partial tiles in both directions
]

describe('matMulKernel', () => {
  for (const [transposeA, transposeB] of [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`matches the naive float32 loop bit for bit (transposeA ${transposeA}, transposeB ${transposeB})`, () => {
      SHAPES.forEach((shape, s) => {
        const { actual, expected } = productPair('float32', shape, transposeA, transposeB, 10 * s + 1)
        expect(actual, `shape ${shape.join('x')}`).toEqual(expected)
      })
    })
  }

  it('matches the naive loop on int32 (wrapping) and float64', () => {
    for (const dtype of ['int32', 'float64'] as const) {
      SHAPES.slice(0, 8).forEach((shape, s) => {
        const { actual, expected } = productPair(dtype, shape, s % 2 === 1, s % 3 === 1, 7 * s + 3)
        expect(actual, `${dtype} ${shape.join('x')}`).toEqual(expected)
      })
    }
  })

  it('keeps the sign of zero, NaN and infinities of the sequential sum', () => {
    // -0 * 1 = -0, and 0 + -0 = +0: every sum starts from +0, as in the naive loop.
    const a = Float32Array.from([-0, -0, 1, Infinity, 2, 3, NaN, 1].concat(new Array<number>(64 * 8 - 8).fill(1)))
    const b = Float32Array.from(new Array<number>(8 * 64).fill(1).map((v, i) => (i === 1 ? 0 : v)))
    const layout = { ...UNBATCHED, m: 64, k: 8, n: 64 }
    const actual = matMulKernel(a, b, layout)
    const expected = naiveMatMul(
      'float32',
      (i, p) => a[i * 8 + p]!,
      (p, j) => b[p * 64 + j]!,
      64,
      8,
      64,
    )
    expect(actual).toEqual(expected)
    expect(Array.from(actual.slice(0, 3))).toEqual([NaN, NaN, NaN])
  })

  it('maps each output batch to the input batches the layout names', () => {
    const [m, k, n] = [3, 4, 2]
    const a = randomValues('float32', 2 * m * k, 5)
    const b = randomValues('float32', k * n, 6)
    const layout = { ...UNBATCHED, m, k, n, batches: 2, aBatch: (batch: number) => 1 - batch }
    const actual = matMulKernel(a, b, layout)
    const batchOf = (offset: number) =>
      naiveMatMul(
        'float32',
        (i, p) => a[offset + i * k + p]!,
        (p, j) => b[p * n + j]!,
        m,
        k,
        n,
      )
    expect(Array.from(actual)).toEqual([...batchOf(m * k), ...batchOf(0)])
  })
})

type ProductKernel = (
  a: MatrixView,
  b: MatrixView,
  out: Float32Array,
  offset: number,
  dims: [number, number, number],
) => void

/** The WebAssembly product over a heap large enough for it. */
const wasmProduct: ProductKernel = (a, b, out, offset, dims) =>
  matMulWasmFloat32(heapFor(...dims), a, b, out, offset, dims)

function heapFor(m: number, k: number, n: number): WasmHeap {
  const heap = wasmHeap(matMulHeapBytes(m, k, n))
  if (heap === undefined) throw new Error('this engine should run the WebAssembly kernels')
  return heap
}

// A float32 product runs one of these (WebAssembly where the engine has SIMD, else packed or direct
// by size); each must be exact on every shape, since each is what some engine or size runs.
for (const [name, kernel] of [
  ['matMulBlockedFloat32', matMulBlockedFloat32],
  ['matMulDirectFloat32', matMulDirectFloat32],
  ['matMulWasmFloat32', wasmProduct],
] as const) {
  describe(name, () => {
    it('matches the naive loop on every shape, strided views and offsets included', () => {
      const smallShapes: [number, number, number][] = [
        [2, 3, 4],
        [3, 1, 5],
        [5, 6, 9],
        [7, 2, 6],
      ]
      for (const [m, k, n] of [...smallShapes, ...SHAPES]) {
        const a = randomValues('float32', m * k + 2, m)
        const b = randomValues('float32', k * n + 1, n)
        // a read transposed from offset 2, b in place from offset 1.
        const left: MatrixView = { data: a, offset: 2, rowStride: 1, colStride: m }
        const right: MatrixView = { data: b, offset: 1, rowStride: n, colStride: 1 }
        const out = new Float32Array(m * n + 3)
        kernel(left, right, out, 3, [m, k, n])
        const expected = naiveMatMul(
          'float32',
          (i, p) => a[2 + p * m + i]!,
          (p, j) => b[1 + p * n + j]!,
          m,
          k,
          n,
        )
        expect(out.slice(3), `shape ${m}x${k}x${n}`).toEqual(expected)
        expect(Array.from(out.slice(0, 3))).toEqual([0, 0, 0])
      }
    })
  })
}

describe('matMulWasmFloat32', () => {
  it('runs here, Node having WebAssembly SIMD, for products whose matrices fit in 2 GB', () => {
    expect(canUseWasm(matMulHeapBytes(64, 64, 64))).toBe(true)
    expect(canUseWasm(matMulHeapBytes(16384, 16384, 1))).toBe(true)
    expect(canUseWasm(matMulHeapBytes(25000, 25000, 1))).toBe(false)
    expect(wasmHeap(matMulHeapBytes(25000, 25000, 1))).toBeUndefined()
  })

  it('gives products of different sizes one after another the right values as its memory is replaced', () => {
    for (const size of [8, 300, 16, 600, 8]) {
      const a = randomValues('float32', size * 4, size)
      const b = randomValues('float32', 4 * size, size + 1)
      const out = new Float32Array(size * size)
      const view = (data: TypedArray, cols: number): MatrixView => ({ data, offset: 0, rowStride: cols, colStride: 1 })
      matMulWasmFloat32(heapFor(size, 4, size), view(a, 4), view(b, size), out, 0, [size, 4, size])
      const expected = naiveMatMul(
        'float32',
        (i, p) => a[i * 4 + p]!,
        (p, j) => b[p * size + j]!,
        size,
        4,
        size,
      )
      expect(out, `size ${size}`).toEqual(expected)
    }
  })

  it('continues each sum over a second block of k with accumulate 1, bit for bit the sum over all of k', () => {
    // 7 rows: a pair of rows plus one, a quad plus three; 41 columns: 16-column, 4-column and single panels.
    const [m, k, n, split] = [7, 10, 41, 4]
    const a = randomValues('float32', m * k, 11)
    const b = randomValues('float32', k * n, 12)
    const heap = heapFor(m, k, n)
    const { floats, kernels } = heap
    const [aAt, bAt, panelsAt, outAt] = [0, m * k, m * k + k * n, m * k + 2 * k * n]
    const columns = (from: number, to: number) =>
      Float32Array.from(
        { length: m * (to - from) },
        (_, at) => a[Math.floor(at / (to - from)) * k + from + (at % (to - from))]!,
      )
    const multiplyBlock = (from: number, to: number, accumulate: number) => {
      floats.set(columns(from, to), aAt)
      floats.set(b.subarray(from * n, to * n), bAt)
      kernels.packPanels(4 * bAt, 4 * panelsAt, to - from, n)
      kernels.matMul(4 * aAt, 4 * panelsAt, 4 * outAt, m, to - from, n, accumulate)
    }
    floats.fill(NaN, outAt, outAt + m * n) // accumulate 0 must not read what is there
    multiplyBlock(0, split, 0)
    multiplyBlock(split, k, 1)
    const expected = naiveMatMul(
      'float32',
      (i, p) => a[i * k + p]!,
      (p, j) => b[p * n + j]!,
      m,
      k,
      n,
    )
    expect(floats.slice(outAt, outAt + m * n)).toEqual(expected)
  })
})
