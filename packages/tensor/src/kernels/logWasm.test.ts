import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { logFloat32 } from './logFloat32'
import { logWasm } from './logWasm'

/** Float32 values with the given bit patterns. */
function fromBits(bits: readonly number[]): Float32Array {
  return new Float32Array(Int32Array.from(bits).buffer)
}

/** Both kernels' results as bit patterns, the reference's first; NaN bits are compared as any NaN. */
function bothLogs(x: Float32Array): [number[], number[]] {
  const expected = new Float32Array(x.length)
  logFloat32(expected, x)
  const actual = logWasm(x)
  if (actual === undefined) throw new Error('this engine should run the WebAssembly kernels')
  const bitsOf = (values: Float32Array) =>
    Array.from(new Int32Array(values.buffer, values.byteOffset, values.length), (b, i) =>
      Number.isNaN(values[i]) ? NaN : b,
    )
  return [bitsOf(expected), bitsOf(actual)]
}

function expectSameBits(x: Float32Array): void {
  const [expected, actual] = bothLogs(x)
  const first = actual.findIndex((b, i) => !Object.is(b, expected[i]))
  expect(first, first < 0 ? '' : `log(${x[first]}) gave bits ${actual[first]}, not ${expected[first]}`).toBe(-1)
}

// The reference is logFloat32.ts, itself Math.fround(Math.log(x)) on every float32.
describe('logWasm', () => {
  it('has the TypeScript kernel bits on a million random bit patterns', () => {
    let state = 7
    const bits = Array.from({ length: 1_000_000 }, () => (state = (Math.imul(state, 1664525) + 1013904223) | 0))
    expectSameBits(fromBits(bits))
  })

  it('has them on any bit patterns, of any length (lengths off a multiple of four leave lanes past the end)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }), (bits) => {
        expectSameBits(fromBits(bits))
      }),
      { numRuns: 200 },
    )
  })

  it('has them on every float32 within 2^16 steps of 1, where the result is tiny', () => {
    const one = 0x3f800000
    expectSameBits(fromBits(Array.from({ length: 2 ** 17 + 1 }, (_, i) => one - 2 ** 16 + i)))
  })

  it('has them at every table boundary and power of two', () => {
    const bits: number[] = []
    for (let exponent = 1; exponent < 255; exponent++) {
      for (let step = 0; step < 256; step++) {
        const base = (exponent << 23) | (step << 15)
        bits.push(base - 1, base, base + 1)
      }
    }
    expectSameBits(fromBits(bits))
  })

  it('gives Math.log on zeros, subnormals, negatives, infinities and NaN, wherever they sit', () => {
    const specials = [0, -0, 1e-45, 1e-40, 1.1754942e-38, -1, -Infinity, Infinity, NaN, 3.4028235e38]
    const x = new Float32Array(1027).fill(2)
    specials.forEach((v, i) => (x[100 * i + (i % 4)] = v))
    expectSameBits(x)
    const out = logWasm(x)!
    const results = specials.map((_, i) => out[100 * i + (i % 4)])
    expect(results).toEqual(specials.map((v) => Math.fround(Math.log(Math.fround(v)))))
    expect(results.slice(0, 2)).toEqual([-Infinity, -Infinity])
    expect(results.slice(5, 9)).toEqual([NaN, NaN, Infinity, NaN])
  })

  it('reads a view with an offset and leaves its input untouched', () => {
    const buffer = Float32Array.from({ length: 2000 }, (_, i) => 0.01 * i + 0.5)
    const view = buffer.subarray(3, 1998)
    const before = Float32Array.from(buffer)
    expectSameBits(view)
    expect(logWasm(view)!.length).toBe(1995)
    expect(buffer).toEqual(before)
  })
})
