import { checkFinite, checkHParams, checkPositive, ConfigError, describe } from '@gradstream/core'
import type { HParamValue } from '@gradstream/core'
import type { RandomState } from '@gradstream/tensor'

/**
 * Where `randomSearch` draws one hyper-parameter from: `uniform`, `logUniform` or `choice`.
 * @example const lr: Distribution<number> = logUniform(1e-4, 1e-1)
 */
export interface Distribution<V extends HParamValue> {
  readonly kind: 'uniform' | 'logUniform' | 'choice'
  /** One draw from `rs`. */
  readonly sample: (rs: RandomState) => V
}

/**
 * Uniform on [low, high): numpy's `uniform(low, high)`.
 * @throws ConfigError unless low and high are finite and low < high.
 * @example uniform(0, 0.01).kind // 'uniform'
 */
export function uniform(low: number, high: number): Distribution<number> {
  checkBounds('uniform', low, high)
  return { kind: 'uniform', sample: (rs) => rs.uniform(low, high) }
}

/**
 * Log-uniform on [low, high): `exp` of a uniform draw between `log(low)` and `log(high)`, for scales such as learning rates.
 * @throws ConfigError unless 0 < low < high, both finite.
 * @example logUniform(1e-4, 1e-1).kind // 'logUniform'
 */
export function logUniform(low: number, high: number): Distribution<number> {
  checkPositive('logUniform', 'low', low)
  checkBounds('logUniform', low, high)
  const [logLow, logHigh] = [Math.log(low), Math.log(high)]
  return { kind: 'logUniform', sample: (rs) => Math.exp(rs.uniform(logLow, logHigh)) }
}

/**
 * One of `values`, each as likely: numpy's `randint(0, values.length)` picks the index.
 * @throws ConfigError unless `values` is a non-empty array of strings, finite numbers or booleans.
 * @example choice(['adam', 'sgd']).kind // 'choice'
 */
export function choice<V extends HParamValue>(values: readonly V[]): Distribution<V> {
  if (!Array.isArray(values) || values.length === 0) {
    throw new ConfigError(
      'choice',
      `values must be a non-empty array, got ${Array.isArray(values) ? 'an empty array' : describe(values)}`,
    )
  }
  values.forEach((value, i) => checkHParams('choice', { [`values[${i}]`]: value }))
  const copy = [...values]
  return { kind: 'choice', sample: (rs) => copy[rs.randint(0, copy.length)]! }
}

/** Throws a ConfigError unless `value` was made by `uniform`, `logUniform` or `choice`. */
export function checkDistribution(fn: string, name: string, value: unknown): void {
  const kind = (value as { kind?: unknown } | null)?.kind
  if (
    typeof value !== 'object' ||
    value === null ||
    !['uniform', 'logUniform', 'choice'].includes(kind as string) ||
    typeof (value as { sample?: unknown }).sample !== 'function'
  ) {
    throw new ConfigError(fn, `${name} must be uniform(...), logUniform(...) or choice(...), got ${describe(value)}`)
  }
}

function checkBounds(fn: string, low: number, high: number): void {
  checkFinite(fn, 'low', low)
  checkFinite(fn, 'high', high)
  if (!(low < high)) throw new ConfigError(fn, `low must be less than high, got low ${low} and high ${high}`)
}
