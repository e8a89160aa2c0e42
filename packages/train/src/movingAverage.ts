import { ConfigError, DTypeError, describe, rootedPath } from '@gradstream/core'
import type { EmaState, ExponentialMovingAverage } from '@gradstream/ema'
import { flattenTree } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'

// The one moving-average path of this package: `train({ ema })` and the
// `withEma` operator both check with `checkEma` and step with `averageAfter`,
// so the same run gives the same averages through either.

/**
 * Throws unless `ema` is an `ExponentialMovingAverage` and every leaf of
 * `params` is a float tensor: an average of integers would round every
 * update away and silently equal the latest value.
 */
export function checkEma(
  fn: string,
  ema: unknown,
  params: unknown,
  name = 'params',
): asserts ema is ExponentialMovingAverage {
  const candidate = ema as Partial<ExponentialMovingAverage> | null
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.init !== 'function' ||
    typeof candidate.update !== 'function'
  ) {
    throw new ConfigError(
      fn,
      `ema must be an ExponentialMovingAverage, as exponentialMovingAverage({ decay }) returns, got ${describe(ema)}`,
    )
  }
  const { leaves, treedef } = flattenTree(params as Params, { caller: fn, name })
  leaves.forEach((leaf, i) => {
    if (leaf.dtype !== 'float32' && leaf.dtype !== 'float64') {
      throw new DTypeError(
        fn,
        `a moving average needs float parameters, but ${rootedPath(name, treedef.paths[i]!)} is ${leaf.dtype}`,
      )
    }
  })
}

/**
 * The moving average after a step, as TF1 keeps it: the shadow starts at the
 * parameters before the first update (`start`, the variable's initial value)
 * and each update folds in the parameters after it, with the step count as
 * `num_updates`. `previous` is the state after the step before, if any.
 */
export function averageAfter<P extends Params>(
  ema: ExponentialMovingAverage,
  previous: EmaState<P> | undefined,
  start: P,
  params: P,
  step: number,
): EmaState<P> {
  return ema.update(previous ?? ema.init(start), params, step)
}
