import { checkHParams, ConfigError, describe, isPlainObject } from '@gradstream/core'
import type { HParamValue } from '@gradstream/core'

/**
 * Every combination of the given values, as configs: the cartesian product
 * in the key order of `space`, the last key varying fastest (as Python's
 * `itertools.product`; scikit-learn's `ParameterGrid` sorts the keys first).
 * @throws ConfigError unless `space` is an object of non-empty arrays of strings, finite numbers or booleans.
 * @example grid({ lr: [0.1, 0.01], l2: [0, 0.003] })
 * // [{ lr: 0.1, l2: 0 }, { lr: 0.1, l2: 0.003 }, { lr: 0.01, l2: 0 }, { lr: 0.01, l2: 0.003 }]
 */
export function grid<S extends Readonly<Record<string, readonly HParamValue[]>>>(
  space: S,
): { [K in keyof S]: S[K][number] }[] {
  if (!isPlainObject(space)) {
    throw new ConfigError('grid', `space must be an object of arrays of values, got ${describe(space)}`)
  }
  let configs: Record<string, HParamValue>[] = [{}]
  for (const [key, values] of Object.entries(space)) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new ConfigError(
        'grid',
        `space.${key} must be a non-empty array of values, got ${Array.isArray(values) ? 'an empty array' : describe(values)}`,
      )
    }
    values.forEach((value, i) => checkHParams('grid', { [`space.${key}[${i}]`]: value }))
    configs = configs.flatMap((config) => values.map((value) => ({ ...config, [key]: value })))
  }
  return configs as { [K in keyof S]: S[K][number] }[]
}
