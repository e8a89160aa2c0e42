import { describe, expect, it } from 'vitest'
import { logFloat32 } from './logFloat32'

/** Float32 values with the given bit patterns. */
function fromBits(bits: readonly number[]): Float32Array {
  return new Float32Array(Int32Array.from(bits).buffer)
}

function expectMathLog(x: Float32Array): void {
  const out = new Float32Array(x.length)
  logFloat32(out, x)
  const expected = x.map((v) => Math.fround(Math.log(v)))
  const firstMismatch = out.findIndex((v, i) => !Object.is(v, expected[i]))
  expect(firstMismatch, firstMismatch < 0 ? '' : `log(${x[firstMismatch]}) gave ${out[firstMismatch]}`).toBe(-1)
}

// The rule under test: logFloat32 equals Math.fround(Math.log(x)) on every float32. Checked once over all
// 2^32 inputs; these tests sample the regions where the fast path could go wrong.
describe('logFloat32', () => {
  it('matches Math.fround(Math.log(x)) on a million random bit patterns', () => {
    let state = 99
    const bits = Array.from({ length: 1_000_000 }, () => (state = (Math.imul(state, 1664525) + 1013904223) | 0))
    expectMathLog(fromBits(bits))
  })

  it('matches on every float32 within 2^17 steps of 1, where the result is tiny', () => {
    const one = 0x3f800000
    expectMathLog(fromBits(Array.from({ length: 2 ** 18 }, (_, i) => one - 2 ** 17 + i)))
  })

  it('matches at every table boundary and power of two', () => {
    const bits: number[] = []
    for (let exponent = 1; exponent < 255; exponent++) {
      for (let step = 0; step < 256; step++) {
        const base = (exponent << 23) | (step << 15)
        bits.push(base - 1, base, base + 1)
      }
    }
    expectMathLog(fromBits(bits))
  })

  it('passes zeros, subnormals, negatives, infinities and NaN to Math.log', () => {
    const x = Float32Array.of(0, -0, 1e-45, 1e-40, 1.1754942e-38, -1, -Infinity, Infinity, NaN, 3.4028235e38)
    expectMathLog(x)
    const out = new Float32Array(x.length)
    logFloat32(out, x)
    expect(Array.from(out.slice(0, 2))).toEqual([-Infinity, -Infinity])
    expect(Array.from(out.slice(5, 9))).toEqual([NaN, NaN, Infinity, NaN])
  })

  it('reads its input through views with an offset', () => {
    const buffer = new Float32Array([5, 2, 3, 4])
    const out = new Float32Array(2)
    logFloat32(out, buffer.subarray(1, 3))
    expect(Array.from(out)).toEqual([Math.fround(Math.log(2)), Math.fround(Math.log(3))])
  })
})
