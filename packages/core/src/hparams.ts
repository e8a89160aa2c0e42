import { checkFinite } from './checks'
import { describe } from './describe'
import { ConfigError } from './errors'
import { isPlainObject } from './tree/isPlainObject'
import { childPath } from './tree/paths'
import { WalkGuard } from './tree/walkGuard'

/**
 * One hyper-parameter value: a string, a finite number or a boolean, the
 * kinds TensorBoard's HParams dashboard compares runs by.
 * @example const value: HParamValue = 0.001
 */
export type HParamValue = string | number | boolean

/**
 * A run's hyper-parameters, by name, nested as the run's configuration is:
 * what run logs and checkpoints record once per run (the optimizer and its options, the
 * schedule, the batch size, the seed, the model's sizes).
 * @example
 * const hparams: HParams = { optimizer: { name: 'adam', learningRate: 0.001, beta1: 0.9 }, batchSize: 64, seed: 0 }
 */
export interface HParams {
  readonly [name: string]: HParamValue | HParams
}

/** Throws a ConfigError naming the path of the first value that is not a string, a finite number, a boolean or an object of them. */
export function checkHParams(fn: string, hparams: unknown): asserts hparams is HParams {
  if (!isPlainObject(hparams)) {
    throw new ConfigError(fn, `hparams must be an object of strings, numbers and booleans, got ${describe(hparams)}`)
  }
  // ConfigError for a cycle or nesting past the limit too: it is the option that is wrong.
  const guard = new WalkGuard(fn, 'hparams', { error: ConfigError })
  const walk = (node: Readonly<Record<string, unknown>>, depth: number, key?: string): void => {
    guard.enter(node, depth, key)
    for (const [name, value] of Object.entries(node)) {
      if (isPlainObject(value)) walk(value, depth + 1, name)
      else checkValue(fn, childPath(guard.pathAt(depth), name), value)
    }
  }
  walk(hparams, 0)
}

function checkValue(fn: string, path: string, value: unknown): void {
  if (typeof value === 'number') checkFinite(fn, path, value)
  else if (typeof value !== 'string' && typeof value !== 'boolean') {
    throw new ConfigError(
      fn,
      `${path} must be a string, a finite number, a boolean or an object of them, got ${describe(value)}`,
    )
  }
}
