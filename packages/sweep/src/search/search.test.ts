import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { choice, logUniform, uniform } from './distributions'
import { grid } from './grid'
import { randomSearch } from './randomSearch'

describe('grid', () => {
  it('is the cartesian product in key order, the last key varying fastest', () => {
    expect(grid({ lr: [0.1, 0.01], l2: [0, 0.003], optimizer: ['adam'] })).toEqual([
      { lr: 0.1, l2: 0, optimizer: 'adam' },
      { lr: 0.1, l2: 0.003, optimizer: 'adam' },
      { lr: 0.01, l2: 0, optimizer: 'adam' },
      { lr: 0.01, l2: 0.003, optimizer: 'adam' },
    ])
    expect(grid({})).toEqual([{}])
  })

  it('refuses an empty list and values that are not hyper-parameters', () => {
    expect(() => grid({ lr: [] })).toThrow(
      new ConfigError('grid', 'space.lr must be a non-empty array of values, got an empty array'),
    )
    expect(() => grid({ lr: [0.1, NaN] })).toThrow(ConfigError)
    expect(() => grid({ lr: [[1]] as never })).toThrow(
      'grid: hparams["space.lr[0]"] must be a string, a finite number, a boolean or an object of them, got an array',
    )
    expect(() => grid([1] as never)).toThrow('grid: space must be an object of arrays of values, got')
  })
})

describe('randomSearch', () => {
  // np.random.RandomState(0).random_sample(4): the draws of numpy's Mersenne Twister for seed 0.
  const samples = [0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969]

  it("draws key after key, config after config, from numpy's RandomState(seed)", () => {
    const configs = randomSearch({ a: uniform(-1, 3), b: logUniform(1e-4, 1e-1) }, { count: 2, seed: 0 })
    const logUniformAt = (u: number) => Math.exp(Math.log(1e-4) + (Math.log(1e-1) - Math.log(1e-4)) * u)
    expect(configs).toHaveLength(2)
    expect(configs[0]!.a).toBeCloseTo(-1 + 4 * samples[0]!, 14)
    expect(configs[0]!.b).toBeCloseTo(logUniformAt(samples[1]!), 15)
    expect(configs[1]!.a).toBeCloseTo(-1 + 4 * samples[2]!, 14)
    expect(configs[1]!.b).toBeCloseTo(logUniformAt(samples[3]!), 15)
  })

  it('is reproducible from its seed, and choice picks among the values', () => {
    const space = { optimizer: choice(['adam', 'sgd', 'rmsprop']), lr: uniform(0, 1) }
    const draws = randomSearch(space, { count: 50, seed: 7 })
    expect(randomSearch(space, { count: 50, seed: 7 })).toEqual(draws)
    expect(randomSearch(space, { count: 50, seed: 8 })).not.toEqual(draws)
    expect(new Set(draws.map((config) => config.optimizer))).toEqual(new Set(['adam', 'sgd', 'rmsprop']))
    expect(draws.every((config) => config.lr >= 0 && config.lr < 1)).toBe(true)
  })

  it('refuses bad spaces and options', () => {
    expect(() => randomSearch({ lr: [0.1] as never }, { count: 1, seed: 0 })).toThrow(
      'randomSearch: space.lr must be uniform(...), logUniform(...) or choice(...), got',
    )
    expect(() => randomSearch({ lr: uniform(0, 1) }, { count: -1, seed: 0 })).toThrow(ConfigError)
    expect(() => randomSearch({ lr: uniform(0, 1) }, { count: 1, seed: 0.5 })).toThrow(ConfigError)
    expect(() => randomSearch({ lr: uniform(0, 1) }, { count: 1 } as never)).toThrow(ConfigError)
    expect(() => uniform(1, 1)).toThrow(new ConfigError('uniform', 'low must be less than high, got low 1 and high 1'))
    expect(() => logUniform(0, 1)).toThrow(new ConfigError('logUniform', 'low must be a finite number > 0, got 0'))
    expect(() => choice([])).toThrow(new ConfigError('choice', 'values must be a non-empty array, got an empty array'))
  })
})
