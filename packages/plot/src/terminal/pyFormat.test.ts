import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { pyFormat } from './pyFormat'

// Expected strings printed by CPython 3 for `template % value`.
const cpython: [string, number | string, string][] = [
  ['%f', 0.0078125, '0.007812'],
  ['%f', 0.0421683, '0.042168'],
  ['%f', 1.619369, '1.619369'],
  ['%f', -5e-7, '-0.000000'],
  ['%f', -0, '-0.000000'],
  ['%.0f', 0.5, '0'],
  ['%.0f', 1.5, '2'],
  ['%.0f', 2.5, '2'],
  ['%.0f', -2.5, '-2'],
  ['%.2f', 2.675, '2.67'],
  ['%.1f', 0.25, '0.2'],
  ['%.1f', 0.35, '0.3'],
  ['%f', 1e22, '10000000000000000000000.000000'],
  ['%e', 0.000123456789, '1.234568e-04'],
  ['%.0e', 2.5, '2e+00'],
  ['%.0e', 3.5, '4e+00'],
  ['%.2e', 1.125, '1.12e+00'],
  ['%e', 1e100, '1.000000e+100'],
  ['%f', NaN, 'nan'],
  ['%f', Infinity, 'inf'],
  ['%d', 2.7, '2'],
  ['%d', -2.7, '-2'],
  ['%5d', 42, '   42'],
  ['%-5d|', 42, '42   |'],
  ['%05d', -42, '-0042'],
  ['%+f', 1.5, '+1.500000'],
  ['% d', 7, ' 7'],
  ['%08.3f', -3.14159, '-003.142'],
  ['%5s|', 'ab', '   ab|'],
]

describe('pyFormat', () => {
  it.each(cpython)('formats %s of %s as CPython does', (template, value, expected) => {
    expect(pyFormat(template, value)).toBe(expected)
  })

  it("formats the seed's log lines", () => {
    expect(pyFormat('After %d steps, mse_loss: %f', 2000, 0.042168)).toBe('After 2000 steps, mse_loss: 0.042168')
    expect(pyFormat('After %s iteration(s): x%s is %f.', 11, 11, 0.690561)).toBe(
      'After 11 iteration(s): x11 is 0.690561.',
    )
    expect(pyFormat('100%% done')).toBe('100% done')
  })

  it('throws when the number of values does not match the template', () => {
    expect(() => pyFormat('%d and %f', 1)).toThrow('pyFormat: the template takes 2 values, got 1: "%d and %f"')
  })

  it('throws on an unsupported conversion', () => {
    expect(() => pyFormat('loss %g', 1)).toThrow("pyFormat: unsupported conversion '%g' at index 5")
  })

  it('refuses %d of NaN and infinities, as Python raises ValueError and OverflowError', () => {
    expect(() => pyFormat('%d', NaN)).toThrow(new ConfigError('pyFormat', '%d needs a finite number, got NaN'))
    expect(() => pyFormat('%i', -Infinity)).toThrow('pyFormat: %i needs a finite number, got -Infinity')
  })

  it('refuses a precision above 99 and a width above 1000', () => {
    expect(pyFormat('%.99f', 1)).toBe(`1.${'0'.repeat(99)}`)
    expect(() => pyFormat('x %.400f', 1)).toThrow(
      new ConfigError('pyFormat', "'%.400f' at index 2: the precision must be at most 99 and the width at most 1000"),
    )
    expect(() => pyFormat('%1000000000d', 1)).toThrow(
      "pyFormat: '%1000000000d' at index 0: the precision must be at most 99 and the width at most 1000",
    )
  })

  it('refuses a template that is not a string', () => {
    // @ts-expect-error: the template is a string
    expect(() => pyFormat(42)).toThrow(new ConfigError('pyFormat', 'template must be a string, got 42'))
  })

  it('throws when a numeric conversion gets a string', () => {
    expect(() => pyFormat('%f', 'x')).toThrow('pyFormat: %f needs a number, got "x"')
    expect(() => pyFormat('%d', 10n)).toThrow('pyFormat: %d needs a number, got 10n')
    expect(() => pyFormat('%s', Object.create(null))).toThrow('pyFormat: %s cannot turn an object into text')
  })
})
