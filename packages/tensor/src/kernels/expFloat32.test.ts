import { describe, expect, it } from 'vitest'
import { eluFloat32, expFloat32 } from './expFloat32'

function expectMathExp(x: Float32Array, sign: 1 | -1): void {
  const out = new Float32Array(x.length)
  expFloat32(out, x, sign)
  const expected = x.map((v) => Math.fround(Math.exp(sign * v)))
  const firstMismatch = out.findIndex((v, i) => !Object.is(v, expected[i]))
  expect(firstMismatch, firstMismatch < 0 ? '' : `exp(${sign * x[firstMismatch]!}) gave ${out[firstMismatch]}`).toBe(-1)
}

// The rule under test: expFloat32 equals Math.fround(Math.exp(x)) on every float32. Checked once over all
// 2^32 inputs; these tests sample the whole range and the regions where the fast path could go wrong.
describe('expFloat32', () => {
  it('matches Math.fround(Math.exp(x)) on a million random bit patterns, negated or not', () => {
    let state = 7
    const bits = Int32Array.from({ length: 1_000_000 }, () => (state = (Math.imul(state, 1664525) + 1013904223) | 0))
    const x = new Float32Array(bits.buffer)
    expectMathExp(x, 1)
    expectMathExp(x, -1)
  })

  it('matches on a dense sweep of [-105, 90], where results are normal, subnormal, zero or infinite', () => {
    expectMathExp(
      Float32Array.from({ length: 1_000_000 }, (_, i) => -105 + (195 * i) / 1_000_000),
      1,
    )
  })

  it('matches around 0 and at the table steps', () => {
    const x = Float32Array.from({ length: 200_000 }, (_, i) => (i - 100_000) * 2 ** -20)
    expectMathExp(x, 1)
    const steps = Float32Array.from({ length: 20_000 }, (_, i) => ((i - 10_000) * Math.LN2) / 64)
    expectMathExp(steps, 1)
  })

  it('passes NaN and infinities to Math.exp', () => {
    const out = new Float32Array(3)
    expFloat32(out, Float32Array.of(NaN, Infinity, -Infinity), 1)
    expect(Array.from(out)).toEqual([NaN, Infinity, 0])
  })
})

function expectElu(x: Float32Array): void {
  const out = new Float32Array(x.length)
  eluFloat32(out, x)
  const expected = x.map((v) => Math.fround(v > 0 ? v : Math.expm1(v)))
  const firstMismatch = out.findIndex((v, i) => !Object.is(v, expected[i]))
  expect(firstMismatch, firstMismatch < 0 ? '' : `elu(${x[firstMismatch]}) gave ${out[firstMismatch]}`).toBe(-1)
}

describe('eluFloat32', () => {
  it('matches Math.fround(x > 0 ? x : Math.expm1(x)) on a million random bit patterns', () => {
    let state = 11
    const bits = Int32Array.from({ length: 1_000_000 }, () => (state = (Math.imul(state, 1664525) + 1013904223) | 0))
    expectElu(new Float32Array(bits.buffer))
  })

  it('matches on a dense sweep of [-110, 1] and around the switch to the polynomial at -2^-8', () => {
    expectElu(Float32Array.from({ length: 1_000_000 }, (_, i) => -110 + (111 * i) / 1_000_000))
    expectElu(Float32Array.from({ length: 200_000 }, (_, i) => -(2 ** -8) + (i - 100_000) * 2 ** -30))
    expectElu(Float32Array.from({ length: 200_000 }, (_, i) => (i - 100_000) * 2 ** -40))
  })

  it('keeps the sign of zero and passes NaN through', () => {
    const out = new Float32Array(4)
    eluFloat32(out, Float32Array.of(-0, 0, NaN, -Infinity))
    expect(Array.from(out)).toEqual([-0, 0, NaN, -1])
  })
})
