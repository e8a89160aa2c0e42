import { describe as suite, expect, it } from 'vitest'
import { ConfigError } from './errors'
import { checkHParams } from './hparams'

suite('checkHParams', () => {
  it('passes nested records of strings, finite numbers and booleans', () => {
    expect(() =>
      checkHParams('f', { optimizer: { name: 'adam', learningRate: 0.001, amsgrad: false }, batchSize: 64 }),
    ).not.toThrow()
  })

  it('names the path of the first bad value', () => {
    expect(() => checkHParams('f', { optimizer: { beta1: Infinity } })).toThrow(
      new ConfigError('f', 'hparams.optimizer.beta1 must be a finite number, got Infinity'),
    )
    expect(() => checkHParams('f', { sizes: [1, 2] })).toThrow(
      'f: hparams.sizes must be a string, a finite number, a boolean or an object of them, got an array',
    )
    expect(() => checkHParams('f', 'lr=0.1')).toThrow(
      'f: hparams must be an object of strings, numbers and booleans, got "lr=0.1"',
    )
  })

  it('refuses a cycle with a ConfigError, since the option is what is wrong', () => {
    const cyclic: Record<string, unknown> = { name: 'adam' }
    cyclic.self = cyclic
    expect(() => checkHParams('f', { optimizer: cyclic })).toThrow(ConfigError)
  })
})
