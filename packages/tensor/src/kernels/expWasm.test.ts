import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { eluFloat32, expFloat32 } from './expFloat32'
import { eluWasm, expWasm, sigmoidWasm, tanhWasm } from './expWasm'
import { randomFloat32Bits } from './testing/randomFloat32Bits'
import { unaryKernel } from './unary'

/** Float32 values with the given bit patterns. */
function fromBits(bits: readonly number[]): Float32Array {
  return new Float32Array(Int32Array.from(bits).buffer)
}

/** Bit patterns of float32 values, every NaN as NaN (its payload is not part of the result). */
const bitsOf = (values: Float32Array) =>
  Array.from(new Int32Array(values.buffer, values.byteOffset, values.length), (b, i) =>
    Number.isNaN(values[i]) ? NaN : b,
  )

function expectSameBits(x: Float32Array, sign: 1 | -1): void {
  const expected = new Float32Array(x.length)
  expFloat32(expected, x, sign)
  const actual = expWasm(x, sign)
  if (actual === undefined) throw new Error('this engine should run the WebAssembly kernels')
  const [want, got] = [bitsOf(expected), bitsOf(actual)]
  const first = got.findIndex((b, i) => !Object.is(b, want[i]))
  expect(first, first < 0 ? '' : `exp(${sign} * ${x[first]}) gave bits ${got[first]}, not ${want[first]}`).toBe(-1)
}

/** `size` pseudo-random 32-bit patterns. */
function randomBits(size: number, seed: number): number[] {
  let state = seed
  return Array.from({ length: size }, () => (state = (Math.imul(state, 1664525) + 1013904223) | 0))
}

// The reference is expFloat32.ts, itself Math.fround(Math.exp(x)) on every float32.
describe('expWasm', () => {
  it('has the TypeScript kernel bits on random bit patterns, for e^x and e^-x', () => {
    const x = fromBits(randomBits(300_000, 11))
    expectSameBits(x, 1)
    expectSameBits(x, -1)
  })

  it('has them on every float32 of its range, sampled densely', () => {
    // From -104 to 89 in steps of about 2^-10 relative: every table entry and power, both range ends.
    const values: number[] = []
    for (let v = -105; v < 90; v += 0.0007) values.push(v)
    for (let v = -1e-3; v < 1e-3; v += 1e-7) values.push(v)
    const x = Float32Array.from(values)
    expectSameBits(x, 1)
    expectSameBits(x, -1)
  })

  it('has them on any bit patterns, of any length', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }),
        fc.constantFrom<1 | -1>(1, -1),
        (bits, sign) => expectSameBits(fromBits(bits), sign),
      ),
      { numRuns: 200 },
    )
  })

  it('gives Math.exp on zeros, subnormals, infinities, NaN and values out of range, wherever they sit', () => {
    const specials = [0, -0, 1e-45, -1e-40, -Infinity, Infinity, NaN, 88.72, 88.73, -103.9, -104, 89, 3e38, -3e38]
    const x = new Float32Array(1500).fill(0.5)
    specials.forEach((v, i) => (x[100 * i + (i % 4)] = v))
    expectSameBits(x, 1)
    const out = expWasm(x, 1)!
    expect(specials.map((_, i) => out[100 * i + (i % 4)])).toEqual(
      specials.map((v) => Math.fround(Math.exp(Math.fround(v)))),
    )
  })

  it('reads a view with an offset and leaves its input untouched', () => {
    const buffer = Float32Array.from({ length: 2000 }, (_, i) => 0.01 * i - 10)
    const view = buffer.subarray(3, 1998)
    const before = Float32Array.from(buffer)
    expectSameBits(view, -1)
    expect(expWasm(view, 1)!.length).toBe(1995)
    expect(buffer).toEqual(before)
  })
})

describe('sigmoidWasm', () => {
  it("has the TypeScript float32 sigmoid's bits on random bit patterns and ordinary values", () => {
    for (const x of [
      fromBits(randomBits(100_003, 5)),
      Float32Array.from({ length: 20_001 }, (_, i) => (i - 10_000) * 0.011),
    ]) {
      expect(bitsOf(sigmoidWasm(x)!)).toEqual(bitsOf(unaryKernel('sigmoidFloat32', x, 'float32') as Float32Array))
    }
  })
})

function expectEluBits(x: Float32Array): void {
  const expected = new Float32Array(x.length)
  eluFloat32(expected, x)
  const [want, got] = [bitsOf(expected), bitsOf(eluWasm(x)!)]
  const first = got.findIndex((b, i) => !Object.is(b, want[i]))
  expect(first, first < 0 ? '' : `elu(${x[first]}) gave bits ${got[first]}, not ${want[first]}`).toBe(-1)
}

describe('eluWasm', () => {
  it('has the TypeScript kernel bits on random bit patterns', () => {
    expectEluBits(fromBits(randomBits(300_000, 13)))
  })

  it('has them across its range, around -2^-8 where it changes method, and on any bit patterns', () => {
    const values: number[] = []
    for (let v = -106; v < 2; v += 0.0003) values.push(v)
    for (let v = -0.0045; v < 0.0005; v += 1e-7) values.push(v)
    expectEluBits(Float32Array.from(values))
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }), (bits) =>
        expectEluBits(fromBits(bits)),
      ),
      { numRuns: 200 },
    )
  })

  it('passes positive values through with their bits and gives -0, -1 and NaN where TensorFlow does', () => {
    const specials = [0, -0, 1e-45, -1e-45, 3e38, Infinity, -Infinity, NaN, -104, -200]
    const x = new Float32Array(1100).fill(-0.5)
    specials.forEach((v, i) => (x[100 * i + (i % 4)] = v))
    expectEluBits(x)
    const out = eluWasm(x)!
    expect(specials.map((_, i) => out[100 * i + (i % 4)])).toEqual(
      [0, -0, 1e-45, -1e-45, 3e38, Infinity, -1, NaN, -1, -1].map(Math.fround),
    )
    expect(Object.is(out[101], -0)).toBe(true)
  })
})

/** Expects tanhWasm to give the TypeScript loop's bits, Math.fround(Math.tanh(x)), on every element of `x`. */
function expectTanhBits(x: Float32Array): void {
  const [want, got] = [bitsOf(unaryKernel('tanh', x, 'float32') as Float32Array), bitsOf(tanhWasm(x)!)]
  const first = got.findIndex((b, i) => !Object.is(b, want[i]))
  expect(first, first < 0 ? '' : `tanh(${x[first]}) gave bits ${got[first]}, not ${want[first]}`).toBe(-1)
}

describe('tanhWasm', () => {
  it('has the TypeScript kernel bits on a million random bit patterns', () => {
    expectTanhBits(randomFloat32Bits(1_000_000, 17))
  })

  it('has them across the range where tanh is not yet ±1, near 0 where expm1 changes method, and on any bits', () => {
    const values: number[] = []
    for (let v = -10; v < 10; v += 0.00007) values.push(v)
    for (let v = -0.0025; v < 0.0025; v += 1e-7) values.push(v)
    expectTanhBits(Float32Array.from(values))
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }), (bits) =>
        expectTanhBits(fromBits(bits)),
      ),
      { numRuns: 200 },
    )
  })

  it('keeps the sign of zeros and gives ±1 at the infinities and beyond 30, NaN for NaN', () => {
    const specials = [0, -0, 1e-45, -1e-45, 30, -31, 3e38, Infinity, -Infinity, NaN]
    const x = new Float32Array(1100).fill(0.25)
    specials.forEach((v, i) => (x[100 * i + (i % 4)] = v))
    expectTanhBits(x)
    const out = tanhWasm(x)!
    expect(specials.map((_, i) => out[100 * i + (i % 4)])).toEqual(
      [0, -0, 1e-45, -1e-45, 1, -1, 1, 1, -1, NaN].map(Math.fround),
    )
    expect(Object.is(out[101], -0)).toBe(true)
  })
})
