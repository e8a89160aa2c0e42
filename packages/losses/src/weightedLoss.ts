import { checkFinite, checkOneOf, checkOptions, ConfigError, describe, DTypeError, ShapeError } from '@gradstream/core'
import { div, formatShape, mul, onesLike, sum, Tensor, zeros } from '@gradstream/tensor'
import { checkPair } from './checks'

/**
 * How a loss reduces its per-element values, TF1's `tf.losses.Reduction`:
 * - `'none'`: the weighted per-element losses, in the losses' shape;
 * - `'sum'`: their sum;
 * - `'mean'`: their sum divided by the sum of the (broadcast) weights;
 * - `'sumByNonzeroWeights'` (the default, `SUM_BY_NONZERO_WEIGHTS`): their sum
 *   divided by the number of nonzero (broadcast) weights, which without
 *   weights is the mean over all elements;
 * - `'sumOverBatchSize'` (`SUM_OVER_BATCH_SIZE`): their sum divided by the
 *   number of per-element losses (all of them, not only the first axis, as
 *   TF1 divides by `size(losses)`), whatever the weights.
 *
 * Where the divisor is 0 the result is 0, as TF1's `div_no_nan`.
 *
 * @example meanSquaredError(labels, predictions, { reduction: 'sum' satisfies Reduction })
 */
export type Reduction = 'none' | 'sum' | 'mean' | 'sumByNonzeroWeights' | 'sumOverBatchSize'

// New reductions go last, so the list in existing messages keeps its order.
const REDUCTIONS: readonly Reduction[] = ['none', 'sum', 'mean', 'sumByNonzeroWeights', 'sumOverBatchSize']

/**
 * The options every loss takes.
 * @example meanSquaredError(labels, predictions, { weights: tensor([[1], [0]]), reduction: 'sum' })
 */
export interface LossOptions {
  /** A finite number or a Tensor of finite values that broadcasts to the per-element losses; default 1. */
  readonly weights?: Tensor | number
  /** Default `'sumByNonzeroWeights'`. */
  readonly reduction?: Reduction
}

const LOSS_OPTION_KEYS: readonly string[] = ['weights', 'reduction']

function broadcastsTo(from: readonly number[], to: readonly number[]): boolean {
  const offset = to.length - from.length
  return offset >= 0 && from.every((d, i) => d === 1 || d === to[offset + i])
}

/**
 * The first checks of every loss: its two inputs (`names` as messages call
 * them) and its option keys (the shared ones plus `extraKeys`).
 */
export function checkLossCall(
  fn: string,
  names: readonly [string, string],
  inputs: readonly [unknown, unknown],
  options: unknown,
  extraKeys: readonly string[] = [],
): asserts options is LossOptions {
  checkPair(fn, names, inputs[0], inputs[1])
  checkLossOptions(fn, options, extraKeys)
}

/** Checks that `options` is an object whose keys are the shared ones (`weights`, `reduction`) or `extraKeys`. */
export function checkLossOptions(
  fn: string,
  options: unknown,
  extraKeys: readonly string[] = [],
): asserts options is LossOptions {
  checkOptions(fn, options, [...LOSS_OPTION_KEYS, ...extraKeys])
}

/** Validates `weights` and `reduction` for per-element losses of `shape` and `dtype`. */
export function checkWeights(
  fn: string,
  options: LossOptions,
  losses: { shape: readonly number[]; dtype: string },
): void {
  const { weights, reduction = 'sumByNonzeroWeights' } = options
  checkOneOf(fn, 'reduction', reduction, REDUCTIONS)
  if (weights === undefined) return
  if (typeof weights === 'number') {
    checkFinite(fn, 'weights', weights)
    return
  }
  if (!(weights instanceof Tensor)) {
    throw new ConfigError(fn, `weights must be a finite number or a Tensor, got ${describe(weights)}`)
  }
  if (weights.dtype !== losses.dtype) {
    throw new DTypeError(fn, `weights must have the losses' dtype ${losses.dtype}, got ${weights.dtype}`)
  }
  if (!broadcastsTo(weights.shape, losses.shape)) {
    throw new ShapeError(
      fn,
      `weights of shape ${formatShape(weights.shape)} cannot be broadcast to the losses' shape ${formatShape(losses.shape)}`,
    )
  }
  // One pass over the weights, no larger than the losses: a NaN or infinite weight would poison the whole loss.
  const bad = weights.toFlatArray().find((w) => !Number.isFinite(w))
  if (bad !== undefined) throw new ConfigError(fn, `weights must hold finite numbers, got ${bad}`)
}

/** How many broadcast weights are nonzero: broadcasting repeats every weight equally often. */
function countNonzero(weights: Tensor | number | undefined, size: number): number {
  if (weights === undefined) return size
  if (typeof weights === 'number') return weights === 0 ? 0 : size
  if (weights.size === 0) return 0
  return (weights.toFlatArray().filter((w) => w !== 0).length * size) / weights.size
}

function divisorOf(
  reduction: 'mean' | 'sumByNonzeroWeights' | 'sumOverBatchSize',
  losses: Tensor,
  weights?: Tensor | number,
): number {
  if (reduction === 'sumByNonzeroWeights') return countNonzero(weights, losses.size)
  if (reduction === 'sumOverBatchSize') return losses.size
  // TF1's MEAN divides by sum(ones_like(losses) * weights), summed in the losses' dtype.
  return weights === undefined ? losses.size : sum(mul(onesLike(losses), weights)).item()
}

/**
 * TF1's `compute_weighted_loss`: multiplies per-element `losses` by the
 * weights, then reduces. Call {@link checkWeights} first.
 */
export function reduceWeightedLoss(losses: Tensor, options: LossOptions = {}): Tensor {
  const { weights, reduction = 'sumByNonzeroWeights' } = options
  // TF1 multiplies by weights = 1.0 when none are given; skipping it changes no value.
  const weighted = weights === undefined ? losses : mul(losses, weights)
  if (reduction === 'none') return weighted
  const total = sum(weighted)
  if (reduction === 'sum') return total
  const divisor = divisorOf(reduction, losses, weights)
  return divisor === 0 ? zeros([], losses.dtype) : div(total, divisor)
}
