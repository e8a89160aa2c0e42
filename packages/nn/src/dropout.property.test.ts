import { foldIn, randomKey, tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dropout } from './dropout'

const values = fc.array(fc.float({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }), {
  minLength: 1,
  maxLength: 40,
})
const rate = fc.double({ min: 0, max: 0.95, noNaN: true })
const step = fc.integer({ min: 0, max: 2 ** 40 })

describe('dropout, for any input, rate and step', () => {
  it('keeps each element as x / keep (in float32) or drops it, the same way for the same key, leaving x untouched', () => {
    fc.assert(
      fc.property(values, rate, step, (xs, r, n) => {
        const x = tensor(xs)
        const key = foldIn(randomKey(1), n)
        const layer = dropout({ rate: r })
        const out = layer.apply({}, x, { key, training: true }).output.toFlatArray()
        const keep32 = Math.fround(1 - r)
        out.forEach((v, i) => expect(v === 0 || v === Math.fround(Math.fround(xs[i]!) / keep32)).toBe(true))
        expect(layer.apply({}, x, { key, training: true }).output.toFlatArray()).toEqual(out)
        expect(x.toFlatArray()).toEqual(xs.map(Math.fround))
      }),
      { numRuns: 100 },
    )
  })
})
