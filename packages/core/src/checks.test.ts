import { describe as suite, expect, it } from 'vitest'
import {
  checkBoolean,
  checkFinite,
  checkFunction,
  checkInRange,
  checkInteger,
  checkNonNegative,
  checkOneOf,
  checkOptions,
  checkPositive,
  checkSeed,
  checkString,
} from './checks'
import { describe } from './describe'
import { ConfigError, GradstreamError } from './errors'

suite('checkOptions', () => {
  it('passes known keys and names the first unknown one with every known key', () => {
    expect(() => checkOptions('sgd', { momentum: 0.9 }, ['momentum', 'nesterov'])).not.toThrow()
    expect(() => checkOptions('sgd', { momentun: 0.9 }, ['momentum', 'nesterov'])).toThrow(
      new ConfigError('sgd', "unknown option 'momentun'; expected one of momentum, nesterov"),
    )
  })

  it('refuses options that are not a plain object', () => {
    for (const options of [undefined, null, 5, 'x', [1]]) {
      expect(() => checkOptions('f', options, [])).toThrow(`f: options must be an object, got ${describe(options)}`)
    }
  })
})

suite('number checks', () => {
  it('checkFinite refuses NaN, infinities and non-numbers', () => {
    expect(() => checkFinite('f', 'x', -2.5)).not.toThrow()
    expect(() => checkFinite('f', 'x', NaN)).toThrow('f: x must be a finite number, got NaN')
    expect(() => checkFinite('f', 'x', Infinity)).toThrow('f: x must be a finite number, got Infinity')
    expect(() => checkFinite('f', 'x', '1')).toThrow('f: x must be a finite number, got "1"')
  })

  it('checkPositive and checkNonNegative draw the line at zero', () => {
    expect(() => checkPositive('f', 'x', 1e-30)).not.toThrow()
    expect(() => checkPositive('f', 'x', 0)).toThrow('f: x must be a finite number > 0, got 0')
    expect(() => checkNonNegative('f', 'x', 0)).not.toThrow()
    expect(() => checkNonNegative('f', 'x', -1)).toThrow('f: x must be a finite number >= 0, got -1')
    expect(() => checkNonNegative('f', 'x', Infinity)).toThrow('f: x must be a finite number >= 0, got Infinity')
  })

  it('checkInRange honours open and closed ends', () => {
    expect(() => checkInRange('f', 'd', 0, 0, 1, { highOpen: true })).not.toThrow()
    expect(() => checkInRange('f', 'd', 1, 0, 1, { highOpen: true })).toThrow('f: d must be in [0, 1), got 1')
    expect(() => checkInRange('f', 'd', 0, 0, 1, { lowOpen: true })).toThrow('f: d must be in (0, 1], got 0')
    expect(() => checkInRange('f', 'd', NaN, 0, 1)).toThrow('f: d must be in [0, 1], got NaN')
  })

  it('checkInteger states its bounds', () => {
    expect(() => checkInteger('f', 'n', 3, 1)).not.toThrow()
    expect(() => checkInteger('f', 'n', 0, 1)).toThrow('f: n must be an integer >= 1, got 0')
    expect(() => checkInteger('f', 'n', 2.5)).toThrow('f: n must be an integer, got 2.5')
    expect(() => checkInteger('f', 'n', 1e300, 0)).toThrow('f: n must be an integer >= 0, got 1e+300')
    expect(() => checkInteger('f', 'n', 7, 0, 5)).toThrow('f: n must be an integer >= 0 and <= 5, got 7')
  })

  it('checkSeed accepts undefined and safe integers only', () => {
    expect(() => checkSeed('f', undefined)).not.toThrow()
    expect(() => checkSeed('f', -3)).not.toThrow()
    expect(() => checkSeed('f', 1.5)).toThrow('f: seed must be an integer, got 1.5')
  })
})

suite('type checks', () => {
  it('name the expected type and what came instead', () => {
    expect(() => checkBoolean('fit', 'keepGrads', 'yes')).toThrow('fit: keepGrads must be a boolean, got "yes"')
    expect(() => checkFunction('stopWhen', 'predicate', 5)).toThrow('stopWhen: predicate must be a function, got 5')
    expect(() => checkString('pyFormat', 'format', null)).toThrow('pyFormat: format must be a string, got null')
    expect(() => checkOneOf('fit', 'order', 'random', ['sequential', 'shuffle'])).toThrow(
      `fit: order must be one of 'sequential', 'shuffle', got "random"`,
    )
  })

  it('throw ConfigError, a GradstreamError', () => {
    expect(() => checkBoolean('f', 'x', 1)).toThrow(ConfigError)
    expect(() => checkBoolean('f', 'x', 1)).toThrow(GradstreamError)
  })
})

suite('describe', () => {
  it('shows values by kind and cuts long strings', () => {
    expect(describe(undefined)).toBe('undefined')
    expect(describe(-0.5)).toBe('-0.5')
    expect(describe(10n)).toBe('10n')
    expect(describe([1])).toBe('an array')
    expect(describe({})).toBe('an object')
    expect(describe(Object.create(null))).toBe('an object')
    expect(describe(new Map())).toBe('a Map')
    expect(describe(() => 1)).toBe('a function')
    expect(describe('x'.repeat(50))).toBe(JSON.stringify(`${'x'.repeat(40)}…`))
  })
})

suite('error classes', () => {
  it('keep the error behind them as cause', () => {
    const cause = new Error('disk full')
    const error = new ConfigError('f', 'write failed', { cause })
    expect(error.message).toBe('f: write failed')
    expect(error.cause).toBe(cause)
  })
})
