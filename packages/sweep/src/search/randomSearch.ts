import { checkInteger, checkOptions, ConfigError, describe, isPlainObject } from '@gradstream/core'
import type { HParamValue } from '@gradstream/core'
import { RandomState } from '@gradstream/tensor'
import type { Distribution } from './distributions'
import { checkDistribution } from './distributions'

/**
 * Options of {@link randomSearch}.
 * @example const options: RandomSearchOptions = { count: 20, seed: 0 }
 */
export interface RandomSearchOptions {
  /** How many configs to draw. */
  readonly count: number
  /** The generator's seed: the same seed and space give the same configs. */
  readonly seed: number
}

/** The config type a space draws: each key's distribution's value type. */
export type Sampled<S> = { [K in keyof S]: S[K] extends Distribution<infer V> ? V : never }

/**
 * `count` configs drawn from `space`, reproducibly: one draw per key, in the
 * space's key order, config after config, from numpy's Mersenne Twister
 * (`RandomState(seed)`, so Python's `np.random.RandomState(seed)` makes the
 * same draws): `uniform(low, high)` is `rs.uniform(low, high)`,
 * `logUniform(low, high)` is `exp(rs.uniform(log(low), log(high)))` and
 * `choice(values)` is `values[rs.randint(0, values.length)]`.
 * @throws ConfigError for a space that is not an object of distributions, or a bad count or seed.
 * @example
 * randomSearch({ lr: logUniform(1e-4, 1e-1), layers: choice([2, 3]) }, { count: 2, seed: 0 })
 * // [{ lr: 0.004430375245218269, layers: 3 }, { lr: 0.03410336598413758, layers: 3 }]
 */
export function randomSearch<S extends Readonly<Record<string, Distribution<HParamValue>>>>(
  space: S,
  options: RandomSearchOptions,
): Sampled<S>[] {
  if (!isPlainObject(space)) {
    throw new ConfigError('randomSearch', `space must be an object of distributions, got ${describe(space)}`)
  }
  for (const [key, distribution] of Object.entries(space))
    checkDistribution('randomSearch', `space.${key}`, distribution)
  checkOptions('randomSearch', options, ['count', 'seed'])
  const { count, seed } = options
  checkInteger('randomSearch', 'count', count, 0)
  checkInteger('randomSearch', 'seed', seed, 0, 2 ** 32 - 1)
  const rs = new RandomState(seed)
  return Array.from(
    { length: count },
    () =>
      Object.fromEntries(
        Object.entries(space).map(([key, distribution]) => [key, distribution.sample(rs)]),
      ) as Sampled<S>,
  )
}
