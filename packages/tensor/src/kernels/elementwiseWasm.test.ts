import { describe, expect, it } from 'vitest'
import type { TypedArray } from '../dtype'
import { binaryKernel } from './binary'
import { clipKernel } from './clip'
import { binaryWasm, clipWasm, unaryWasm } from './elementwiseWasm'
import { kernels } from './registry'
import { unaryKernel } from './unary'
import { randomFloat32Bits } from './testing/randomFloat32Bits'

/** Values in [-4, 4) with -0 mixed in: sums that round. */
function randomValues(size: number, seed: number): Float32Array {
  let state = seed
  return Float32Array.from({ length: size }, (_, i) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return i % 101 === 0 ? -0 : (state / 2 ** 32) * 8 - 4
  })
}

/** The values as a list in which -0 differs from +0 and NaN equals NaN: bit for bit up to NaN payloads. */
const exactly = (values: TypedArray) => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : v))

/** The bits of float32 storage, which may be a view into a larger buffer. */
const bitsOf = (values: TypedArray) => new Int32Array(values.buffer, values.byteOffset, values.length)

// Sizes around the 1024-element threshold and not multiples of the f32x4 width.
const SIZES = [1024, 1027, 5001]

describe('relu in WebAssembly', () => {
  it("gives the TypeScript loop's values on every kind of float32, leaving x untouched", () => {
    for (const size of SIZES) {
      const x = randomFloat32Bits(size, size)
      const before = x.slice()
      const wasm = unaryWasm('relu', x, 'float32')
      expect(wasm, `${size} elements run in WebAssembly`).toBeInstanceOf(Float32Array)
      expect(exactly(wasm!)).toEqual(exactly(unaryKernel('relu', x, 'float32')))
      expect(exactly(kernels.unary('relu', x, 'float32'))).toEqual(exactly(wasm!))
      expect(new Int32Array(x.buffer)).toEqual(new Int32Array(before.buffer))
    }
  })

  it('keeps the bits of the values it passes, NaN payloads included', () => {
    const x = randomFloat32Bits(2048, 7)
    const wasm = unaryWasm('relu', x, 'float32')!
    const [inBits, outBits] = [bitsOf(x), bitsOf(wasm)]
    for (let i = 0; i < x.length; i++)
      expect(outBits[i], `element ${i}`).toBe(x[i]! > 0 || x[i] !== x[i] ? inBits[i] : 0)
  })

  it('leaves other ops, dtypes and arrays under 1024 elements to TypeScript', () => {
    expect(unaryWasm('sin', randomValues(2048, 1), 'float32')).toBeUndefined()
    expect(unaryWasm('relu', randomValues(1023, 1), 'float32')).toBeUndefined()
    expect(unaryWasm('relu', Float64Array.from(randomValues(2048, 1)), 'float64')).toBeUndefined()
  })
})

describe('neg, abs, sqrt and square in WebAssembly', () => {
  it("gives the TypeScript loop's values on every kind of float32, leaving x untouched", () => {
    for (const op of ['neg', 'abs', 'sqrt', 'square'] as const) {
      for (const size of SIZES) {
        for (const x of [randomFloat32Bits(size, size), randomValues(size, size)]) {
          const before = x.slice()
          const wasm = unaryWasm(op, x, 'float32')
          expect(wasm, `${op} of ${size} elements runs in WebAssembly`).toBeInstanceOf(Float32Array)
          expect(exactly(wasm!), `${op}, ${size}`).toEqual(exactly(unaryKernel(op, x, 'float32')))
          expect(exactly(x)).toEqual(exactly(before))
        }
      }
    }
  })
})

describe('reluGrad in WebAssembly', () => {
  it("gives the TypeScript loop's bits on every kind of float32, leaving dy and y untouched", () => {
    for (const size of SIZES) {
      const [dy, y] = [randomFloat32Bits(size, size), randomFloat32Bits(size, size + 1)]
      const [dyBefore, yBefore] = [dy.slice(), y.slice()]
      const layout = { aShape: [size], bShape: [size], outShape: [size] }
      const wasm = binaryWasm('reluGrad', dy, y, layout, 'float32')
      expect(wasm, `${size} elements run in WebAssembly`).toBeInstanceOf(Float32Array)
      const reference = binaryKernel('reluGrad', dy, y, layout, 'float32')
      expect(bitsOf(wasm!)).toEqual(bitsOf(reference))
      expect(new Int32Array(dy.buffer)).toEqual(new Int32Array(dyBefore.buffer))
      expect(new Int32Array(y.buffer)).toEqual(new Int32Array(yBefore.buffer))
    }
  })
})

describe('the bias add in WebAssembly', () => {
  it("gives the TypeScript loop's bits for rows of every length modulo 4, leaving the operands untouched", () => {
    for (const [rows, inner] of [
      [400, 6],
      [64, 16],
      [9, 120],
      [300, 7],
      [1100, 1],
    ] as const) {
      const a = randomValues(rows * inner, rows)
      const row = randomValues(inner, inner)
      row[0] = NaN
      const [aBefore, rowBefore] = [a.slice(), row.slice()]
      const layout = { aShape: [rows, inner], bShape: [inner], outShape: [rows, inner] }
      const wasm = binaryWasm('add', a, row, layout, 'float32')
      expect(wasm, `[${rows}, ${inner}] runs in WebAssembly`).toBeInstanceOf(Float32Array)
      expect(exactly(wasm!), `[${rows}, ${inner}]`).toEqual(exactly(binaryKernel('add', a, row, layout, 'float32')))
      expect(exactly(kernels.binary('add', a, row, layout, 'float32'))).toEqual(exactly(wasm!))
      expect([exactly(a), exactly(row)]).toEqual([exactly(aBefore), exactly(rowBefore)])
    }
  })

  it('takes a row with leading axes of 1, as broadcasting writes it', () => {
    const a = randomValues(64 * 16, 3)
    const row = randomValues(16, 4)
    const layout = { aShape: [4, 16, 16], bShape: [1, 1, 16], outShape: [4, 16, 16] }
    expect(exactly(binaryWasm('add', a, row, layout, 'float32')!)).toEqual(
      exactly(binaryKernel('add', a, row, layout, 'float32')),
    )
  })

  it('leaves other layouts, ops and dtypes to TypeScript', () => {
    const a = randomValues(2048, 1)
    const column = randomValues(128, 2)
    expect(
      binaryWasm('add', a, column, { aShape: [128, 16], bShape: [128, 1], outShape: [128, 16] }, 'float32'),
    ).toBeUndefined()
    expect(
      binaryWasm('add', column, a, { aShape: [16], bShape: [128, 16], outShape: [128, 16] }, 'float32'),
    ).toBeUndefined()
    expect(
      binaryWasm('mul', a, column, { aShape: [16, 128], bShape: [128], outShape: [16, 128] }, 'float32'),
    ).toBeUndefined()
    const layout = { aShape: [16, 128], bShape: [128], outShape: [16, 128] }
    expect(binaryWasm('add', Float64Array.from(a), Float64Array.from(column), layout, 'float64')).toBeUndefined()
  })
})

describe('same-shaped arithmetic in WebAssembly', () => {
  it("gives the TypeScript loop's values for add, sub, mul and div on every kind of float32", () => {
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      for (const size of SIZES) {
        // Random bits and ordinary values, so that both specials and rounding meet every op.
        for (const [a, b] of [
          [randomFloat32Bits(size, size), randomFloat32Bits(size, size + 1)],
          [randomValues(size, size), randomValues(size, size + 2)],
        ] as const) {
          const [aBefore, bBefore] = [a.slice(), b.slice()]
          const layout = { aShape: [size], bShape: [size], outShape: [size] }
          const wasm = binaryWasm(op, a, b, layout, 'float32')
          expect(wasm, `${op} of ${size} elements runs in WebAssembly`).toBeInstanceOf(Float32Array)
          expect(exactly(wasm!), `${op}, ${size}`).toEqual(exactly(binaryKernel(op, a, b, layout, 'float32')))
          expect([exactly(a), exactly(b)]).toEqual([exactly(aBefore), exactly(bBefore)])
        }
      }
    }
  })

  it('squares x when both operands are the same storage', () => {
    const x = randomFloat32Bits(1027, 5)
    const layout = { aShape: [1027], bShape: [1027], outShape: [1027] }
    expect(exactly(binaryWasm('mul', x, x, layout, 'float32')!)).toEqual(
      exactly(binaryKernel('mul', x, x, layout, 'float32')),
    )
  })

  it('leaves other ops and sizes to TypeScript', () => {
    const [a, b] = [randomValues(2048, 1), randomValues(2048, 2)]
    const layout = { aShape: [2048], bShape: [2048], outShape: [2048] }
    expect(binaryWasm('maximum', a, b, layout, 'float32')).toBeUndefined()
    const small = { aShape: [1023], bShape: [1023], outShape: [1023] }
    expect(binaryWasm('mul', a.subarray(0, 1023), b.subarray(0, 1023), small, 'float32')).toBeUndefined()
  })
})

describe('clip in WebAssembly', () => {
  it("gives the TypeScript loop's values on every kind of float32, bounds rounded to float32 alike", () => {
    for (const size of SIZES) {
      const x = randomFloat32Bits(size, size)
      const values = randomValues(size, size)
      for (const [lo, hi] of [
        [0.1, 5],
        [-0, 0],
        [0, 0],
        [-Infinity, 1e-40],
        [-3.3, Infinity],
      ] as const) {
        for (const input of [x, values]) {
          const before = input.slice()
          const wasm = clipWasm(input, lo, hi, 'float32')
          expect(wasm, `${size} elements run in WebAssembly`).toBeInstanceOf(Float32Array)
          expect(exactly(wasm!), `[${lo}, ${hi}]`).toEqual(exactly(clipKernel(input, lo, hi, 'float32')))
          expect(exactly(input)).toEqual(exactly(before))
        }
      }
    }
  })

  it('leaves other dtypes and arrays under 1024 elements to TypeScript', () => {
    expect(clipWasm(randomValues(1023, 1), 0, 1, 'float32')).toBeUndefined()
    expect(clipWasm(Float64Array.from(randomValues(2048, 1)), 0, 1, 'float64')).toBeUndefined()
  })
})
