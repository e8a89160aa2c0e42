import { ConfigError, DTypeError, ShapeError, checkInteger, describe } from '@gradstream/core'
import {
  div,
  equal,
  formatShape,
  logicalOr,
  max,
  min,
  moments,
  onesLike,
  sqrt,
  sub,
  where,
  checkFloatTensor,
} from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/**
 * Statistics of training data and the map they define,
 * `apply(x) = (x − mean) / scale`. Every tensor keeps the reduced axes as
 * length 1, so it broadcasts against data of the fitted shape.
 * @example const { mean, std, apply } = fitStandardizer(xTrain)
 */
export interface Standardizer {
  /** The reduced axes, non-negative and sorted. */
  readonly axes: readonly number[]
  /** The mean over `axes`. */
  readonly mean: Tensor
  /** The population standard deviation over `axes` (divided by n, as sklearn's StandardScaler and `moments`). */
  readonly std: Tensor
  /** `std`, with 1 where the data was constant: such a column is only centred. */
  readonly scale: Tensor
  /** Standardizes data of the fitted shape (any size on the reduced axes) and dtype with these statistics. */
  readonly apply: (x: Tensor) => Tensor
}

/** `axes` as sorted non-negative axes of a rank-`rank` tensor; ConfigError for a bad or repeated axis. */
function resolveAxes(fn: string, axes: unknown, rank: number): number[] {
  const list: unknown[] = Array.isArray(axes) ? axes : [axes]
  const resolved = list.map((axis) => {
    checkInteger(fn, 'axes', axis, -rank, rank - 1)
    return axis < 0 ? axis + rank : axis
  })
  if (resolved.length === 0 || new Set(resolved).size !== resolved.length) {
    throw new ConfigError(
      fn,
      `axes must be distinct axes of a rank ${rank} tensor, at least one, got ${describe(axes)}`,
    )
  }
  return resolved.sort((a, b) => a - b)
}

/** The fitted shape with `*` on the reduced axes: `[*, 3]`. */
const fittedPattern = (shape: readonly number[], axes: readonly number[]) =>
  `[${shape.map((size, axis) => (axes.includes(axis) ? '*' : size)).join(', ')}]`

/**
 * Fits a standardizer to training data: the mean and standard deviation over
 * `axes` (default 0, the rows: one statistic per column, as sklearn's
 * `StandardScaler`), computed with `moments` in the data's dtype (TF1's
 * `tf.nn.moments` rounding in float32). `apply` then maps any data of the same
 * shape on the other axes, training or test, with these training statistics,
 * so no statistic of the test data leaks into it.
 *
 * A constant column (max = min, or a variance that rounds to 0) has std 0;
 * its scale is 1 instead, as sklearn does, so it is centred and never divided
 * by zero or by rounding noise. Non-finite data gives non-finite statistics.
 *
 * @example
 * const standardizer = fitStandardizer(tensor([[1, 5], [3, 5]]))
 * standardizer.mean.toArray() // [[2, 5]]
 * standardizer.std.toArray() // [[1, 0]]
 * standardizer.apply(tensor([[4, 6]])).toArray() // [[2, 1]]
 */
export function fitStandardizer(x: Tensor, axes: number | readonly number[] = 0): Standardizer {
  const fn = 'fitStandardizer'
  checkFloatTensor(fn, 'x', x)
  const reduced = resolveAxes(fn, axes, x.rank)
  if (reduced.some((axis) => x.shape[axis] === 0)) {
    throw new ShapeError(fn, `x has no data to fit on over axes [${reduced.join(', ')}]: shape ${formatShape(x.shape)}`)
  }
  const { mean, variance } = moments(x, reduced, { keepDims: true })
  const std = sqrt(variance)
  const constant = logicalOr(equal(max(x, reduced, true), min(x, reduced, true)), equal(std, 0))
  const scale = where(constant, onesLike(std), std)
  const fitted = x.shape
  const apply = (data: Tensor): Tensor => {
    const applyFn = 'Standardizer.apply'
    checkFloatTensor(applyFn, 'x', data)
    if (data.dtype !== x.dtype) {
      throw new DTypeError(applyFn, `x must have the dtype of the data fitted on (${x.dtype}), got ${data.dtype}`)
    }
    const fits =
      data.rank === fitted.length && fitted.every((size, axis) => reduced.includes(axis) || data.shape[axis] === size)
    if (!fits) {
      throw new ShapeError(
        applyFn,
        `x must have shape ${fittedPattern(fitted, reduced)} like the data fitted on (${formatShape(fitted)}), got ${formatShape(data.shape)}`,
      )
    }
    return div(sub(data, mean), scale)
  }
  return Object.freeze({ axes: Object.freeze(reduced), mean, std, scale, apply })
}
