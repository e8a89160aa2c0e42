import { describe, expect, it } from 'vitest'
import { floatDigits } from './digits'
import { formatPositional, formatScientific } from './notation'
import { formatGeneral, legacyScalarText, scalarText } from './scalar'

// Expected strings: numpy 2.4.6 np.format_float_positional / np.format_float_scientific,
// and Python's C-style '%' formatting for the exact (non-unique) cases.
const f32 = Math.fround
const shortest32 = (x: number) => formatPositional(x, { width: 'float32', unique: true, trim: '.' })
const shortest64 = (x: number) => formatPositional(x, { width: 'float64', unique: true, trim: '.' })
const fixed = (x: number, precision: number) =>
  formatPositional(x, { width: 'float64', unique: false, precision, trim: 'k' })

describe('floatDigits', () => {
  it('gives the shortest digits that identify a value among its own width', () => {
    expect(floatDigits(f32(0.1), 'float32', true)).toEqual({ digits: '1', exponent: -1 })
    expect(floatDigits(f32(0.1), 'float64', true)).toEqual({ digits: '10000000149011612', exponent: -1 })
    expect(floatDigits(0, 'float64', true)).toEqual({ digits: '0', exponent: 0 })
  })

  it('carries a rounded-up run of nines into a new leading digit', () => {
    expect(floatDigits(9.9999999, 'float64', false, { mode: 'total', max: 3 })).toEqual({ digits: '1', exponent: 1 })
  })
})

describe('formatPositional', () => {
  it('prints float32 values with their shortest float32 digits', () => {
    expect(shortest32(f32(0.1))).toBe('0.1')
    expect(shortest32(f32(0.6931472))).toBe('0.6931472')
    expect(shortest32(f32(16777216))).toBe('16777216.')
    expect(shortest64(f32(0.1))).toBe('0.10000000149011612')
  })

  it('handles subnormals and the power-of-two boundaries', () => {
    expect(shortest32(2 ** -149)).toBe('0.000000000000000000000000000000000000000000001')
    expect(shortest32(2 ** -126)).toBe('0.000000000000000000000000000000000000011754944')
  })

  it('rounds the exact value at the precision when the shortest digits are longer', () => {
    const maxPrecision = (x: number) => formatPositional(x, { width: 'float64', unique: true, precision: 8, trim: 'k' })
    expect(maxPrecision(0.1 + 0.2)).toBe('0.30000000')
    expect(maxPrecision(1e-10)).toBe('0.00000000')
    expect(maxPrecision(6e-9)).toBe('0.00000001')
  })

  it("rounds exact digits half to even, as C's printf does", () => {
    expect(fixed(0.001953125, 8)).toBe('0.00195312')
    expect(fixed(2.5, 0)).toBe('2.')
    expect(fixed(3.5, 0)).toBe('4.')
    expect(fixed(f32(1.4855988), 8)).toBe('1.48559880')
  })

  it('trims trailing zeros in each trim mode', () => {
    const three = (trim: 'k' | '.' | '0' | '-') => formatPositional(3, { width: 'float32', unique: true, trim })
    expect([three('-'), three('0'), three('.')]).toEqual(['3', '3.0', '3.'])
    expect(formatPositional(3, { width: 'float32', unique: false, precision: 3, trim: 'k' })).toBe('3.000')
  })

  it('pads the integer part on the left and the fraction on the right', () => {
    expect(formatPositional(-1.5, { width: 'float32', unique: true, trim: '.', padLeft: 4, padRight: 3 })).toBe(
      '  -1.5  ',
    )
  })
})

describe('formatScientific', () => {
  it('generates true digits up to the minimum count rather than padding zeros', () => {
    const options = { width: 'float32', unique: true, precision: 7, minDigits: 7, trim: 'k' } as const
    expect(formatScientific(f32(1e-5), options)).toBe('9.9999997e-06')
  })

  it('prints extreme values', () => {
    expect(formatScientific(5e-324, { width: 'float64', unique: true, trim: '.' })).toBe('5.e-324')
    expect(formatScientific(Number.MAX_VALUE, { width: 'float64', unique: true, trim: '.' })).toBe(
      '1.7976931348623157e+308',
    )
    expect(formatScientific(f32(3.4028235e38), { width: 'float32', unique: true, trim: '.' })).toBe('3.4028235e+38')
  })

  it("matches C's '%.8e' in exact mode", () => {
    expect(formatScientific(1, { width: 'float64', unique: false, precision: 8, trim: 'k' })).toBe('1.00000000e+00')
    expect(formatScientific(f32(1e-5), { width: 'float64', unique: false, precision: 8, trim: 'k' })).toBe(
      '9.99999975e-06',
    )
  })
})

describe('formatGeneral', () => {
  it("matches C's '%g'", () => {
    expect(formatGeneral(1e20, 8)).toBe('1e+20')
    expect(formatGeneral(0.1, 17)).toBe('0.10000000000000001')
    expect(formatGeneral(f32(0.6931472), 8)).toBe('0.69314718')
    expect(formatGeneral(f32(4.555), 8)).toBe('4.5549998')
  })
})

describe('scalarText', () => {
  it('leaves one zero after the point and switches to scientific outside [1e-4, 1e16)', () => {
    expect(scalarText(16, 'float32')).toBe('16.0')
    expect(scalarText(1e-5, 'float64')).toBe('1e-05')
    expect(scalarText(1e16, 'float64')).toBe('1e+16')
  })
})

describe('legacyScalarText', () => {
  it("adds '.0' to whole numbers, but not to nan or exponents", () => {
    expect(legacyScalarText(16, 'float32')).toBe('16.0')
    expect(legacyScalarText(-0, 'float32')).toBe('-0.0')
    expect(legacyScalarText(NaN, 'float32')).toBe('nan')
    expect(legacyScalarText(1e20, 'float64')).toBe('1e+20')
  })
})
