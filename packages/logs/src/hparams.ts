import { ConfigError, checkFinite, describe, isPlainObject } from '@gradstream/core'

/**
 * A run's hyper-parameters, by name: what the loggers record once per run
 * (the optimizer and its options, the schedule, the batch size, the seed,
 * the model's sizes). Values are strings, finite numbers or booleans, the
 * kinds TensorBoard's HParams dashboard compares runs by.
 * @example const hparams: HParams = { optimizer: 'adam', learningRate: 0.001, batchSize: 64, seed: 0, hidden: 128 }
 */
export type HParams = Readonly<Record<string, string | number | boolean>>

/** Throws a ConfigError unless `hparams` is a plain object of strings, finite numbers and booleans. */
export function checkHParams(fn: string, hparams: unknown): asserts hparams is HParams {
  if (!isPlainObject(hparams)) {
    throw new ConfigError(fn, `hparams must be an object of strings, numbers and booleans, got ${describe(hparams)}`)
  }
  for (const [name, value] of Object.entries(hparams)) {
    if (typeof value === 'number') checkFinite(fn, `hparams.${name}`, value)
    else if (typeof value !== 'string' && typeof value !== 'boolean') {
      throw new ConfigError(
        fn,
        `hparams.${name} must be a string, a finite number or a boolean, got ${describe(value)}`,
      )
    }
  }
}
