import * as t from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { uniform } from './testing/random'
import { grad } from './valueAndGrad'
import { vjp } from './vjp'

const RUNS = { numRuns: 60, seed: 20261127 }
const W = uniform([4, 3], { seed: 5 })

const functions: { name: string; shape: number[]; f: (x: Tensor) => Tensor }[] = [
  { name: 'sigmoid(x)·x', shape: [2, 3], f: (x) => t.mul(t.sigmoid(x), x) },
  { name: 'matMul', shape: [3, 2], f: (x) => t.matMul(W, x) },
  { name: 'softmax', shape: [2, 4], f: (x) => t.softmax(x) },
  { name: 'prod over an axis', shape: [3, 3], f: (x) => t.prod(x, 1, true) },
  { name: 'reverse cumsum', shape: [4, 2], f: (x) => t.cumsum(x, 0, { reverse: true }) },
  { name: 'max of a broadcast sum', shape: [1, 3], f: (x) => t.max(t.add(x, W), 0) },
]

describe('vjp', () => {
  it('is linear in the cotangent', () => {
    const property = fc.property(
      fc.constantFrom(...functions),
      fc.integer({ min: 0, max: 1e6 }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      fc.double({ min: -3, max: 3, noNaN: true }),
      ({ f, shape }, seed, a, b) => {
        const { output, vjp: pull } = vjp(f, uniform(shape, { seed }))
        const u = uniform(output.shape, { seed: seed + 1 })
        const v = uniform(output.shape, { seed: seed + 2 })
        const combined = pull(t.add(t.mul(u, a), t.mul(v, b))).toFlatArray()
        const separate = t.add(t.mul(pull(u), a), t.mul(pull(v), b)).toFlatArray()
        combined.forEach((value, i) => expect(value).toBeCloseTo(separate[i]!, 10))
      },
    )
    fc.assert(property, RUNS)
  })
})

/** An output shape and an input shape that broadcasts to it (leading axes dropped, some axes set to 1). */
const broadcastPair = fc
  .array(fc.integer({ min: 1, max: 4 }), { maxLength: 4 })
  .chain((out) =>
    fc.record({
      out: fc.constant(out),
      drop: fc.integer({ min: 0, max: out.length }),
      ones: fc.array(fc.boolean(), { minLength: out.length, maxLength: out.length }),
    }),
  )
  .map(({ out, drop, ones }) => ({ out, input: out.slice(drop).map((d, i) => (ones[i + drop] ? 1 : d)) }))

/** Σ of `weights` (shape `out`) over the positions each element of shape `input` is broadcast to. */
function sumOverCopies(weights: number[], out: number[], input: number[]): number[] {
  const result = new Array<number>(input.reduce((n, d) => n * d, 1)).fill(0)
  weights.forEach((w, flat) => {
    let rest = flat
    let index = 0
    let stride = 1
    for (let axis = out.length - 1; axis >= 0; axis--) {
      const coordinate = rest % out[axis]!
      rest = Math.floor(rest / out[axis]!)
      const inAxis = axis - (out.length - input.length)
      if (inAxis < 0) continue
      index += (input[inAxis] === 1 ? 0 : coordinate) * stride
      stride *= input[inAxis]!
    }
    result[index]! += w
  })
  return result
}

describe('gradients of broadcast operands', () => {
  it('sum the cotangent over the broadcast copies', () => {
    const property = fc.property(broadcastPair, fc.integer({ min: 0, max: 1e6 }), ({ out, input }, seed) => {
      const x = uniform(input, { seed })
      const w = uniform(out, { seed: seed + 1 })
      const dx = grad((p: Tensor) => t.sum(t.mul(p, w)))(x)
      expect(dx.shape).toEqual(input)
      const expected = sumOverCopies(w.toFlatArray(), out, input)
      dx.toFlatArray().forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12))
    })
    fc.assert(property, RUNS)
  })

  it('of a sum over broadcast axes give each element its number of copies', () => {
    const property = fc.property(broadcastPair, ({ out, input }) => {
      const copies = out.reduce((n, d) => n * d, 1) / input.reduce((n, d) => n * d, 1)
      const dx = grad((p: Tensor) => t.sum(t.add(p, t.zeros(out))))(t.zeros(input))
      expect(dx.toFlatArray()).toEqual(new Array<number>(dx.size).fill(copies))
    })
    fc.assert(property, RUNS)
  })
})
