import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { csvField, parseCsvLine } from './csvText'
import { numberText } from './numberText'

describe('CSV text', () => {
  it('reads back every header it writes, whatever the column names hold besides line breaks', () => {
    const name = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', ' ', '/', 'é') })
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 6 }), (names) => {
        expect(parseCsvLine(names.map(csvField).join(','))).toEqual(names)
      }),
    )
  })

  it('writes every float64 so that it reads back exactly, NaN and the infinities included (-0 as 0)', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const text = numberText(value)
        const read = text === 'inf' ? Infinity : text === '-inf' ? -Infinity : Number(text)
        expect(Object.is(read, value) || (value === 0 && read === 0)).toBe(true)
      }),
    )
  })
})
