import { ConfigError, ShapeError, checkInteger, describe } from '@gradstream/core'
import { formatShape, normalizeAxis } from '../shape'
import type { Tensor } from '../tensor'
import { checkTensor } from './argumentChecks'
import { reshape } from './reshape'
import { slice } from './slice'

/** The length of each part: `count` equal parts, or the listed sizes with one -1 filling the rest. */
function partSizes(numOrSizeSplits: unknown, x: Tensor, axis: number): number[] {
  const dim = x.shape[axis]!
  if (typeof numOrSizeSplits === 'number') {
    checkInteger('split', 'numOrSizeSplits', numOrSizeSplits, 1)
    if (dim % numOrSizeSplits !== 0) {
      throw new ShapeError(
        'split',
        `axis ${axis} of x ${formatShape(x.shape)} has length ${dim}, which does not split into ${numOrSizeSplits} equal parts`,
      )
    }
    return new Array<number>(numOrSizeSplits).fill(dim / numOrSizeSplits)
  }
  const sizes: unknown = numOrSizeSplits
  const wellFormed =
    Array.isArray(sizes) &&
    sizes.length > 0 &&
    sizes.every((s: unknown) => Number.isInteger(s) && (s as number) >= -1) &&
    sizes.filter((s) => s === -1).length <= 1
  if (!wellFormed) {
    throw new ConfigError(
      'split',
      `numOrSizeSplits must be a positive integer or a non-empty array of sizes >= 0 with at most one -1, got ${Array.isArray(sizes) ? formatShape(sizes) : describe(sizes)}`,
    )
  }
  const listed = sizes as number[]
  const known = listed.reduce((total, s) => (s === -1 ? total : total + s), 0)
  const inferred = listed.includes(-1)
  if (inferred ? known > dim : known !== dim) {
    throw new ShapeError(
      'split',
      `sizes ${formatShape(listed)} do not add up to length ${dim} of axis ${axis} of x ${formatShape(x.shape)}`,
    )
  }
  return listed.map((s) => (s === -1 ? dim - known : s))
}

/**
 * Splits `x` along `axis` into parts, as tf.split: `numOrSizeSplits` is a number of equal parts
 * (which must divide the axis), or the length of each part, one of which may be -1 for what the
 * others leave. Each part is a {@link slice}, so gradients flow back to the parts' places.
 * @example split(tensor([1, 2, 3, 4, 5]), [2, -1]).map((part) => part.toArray()) // [[1, 2], [3, 4, 5]]
 */
export function split(x: Tensor, numOrSizeSplits: number | readonly number[], axis = 0): Tensor[] {
  checkTensor('split', 'x', x)
  const resolved = normalizeAxis('split', axis, x.rank)
  const sizes = partSizes(numOrSizeSplits, x, resolved)
  let offset = 0
  return sizes.map((length) => {
    const begin = x.shape.map((_, a) => (a === resolved ? offset : 0))
    offset += length
    return slice(
      x,
      begin,
      x.shape.map((d, a) => (a === resolved ? length : d)),
    )
  })
}

/**
 * The slices of `x` along `axis`, each without that axis, as tf.unstack: the inverse of `stack`.
 * @example unstack(tensor([[1, 2], [3, 4]]), 1).map((column) => column.toArray()) // [[1, 3], [2, 4]]
 */
export function unstack(x: Tensor, axis = 0): Tensor[] {
  checkTensor('unstack', 'x', x)
  const resolved = normalizeAxis('unstack', axis, x.rank)
  const shape = x.shape.filter((_, a) => a !== resolved)
  const size = x.shape.map((d, a) => (a === resolved ? 1 : d))
  return Array.from({ length: x.shape[resolved]! }, (_, i) =>
    reshape(
      slice(
        x,
        x.shape.map((_, a) => (a === resolved ? i : 0)),
        size,
      ),
      shape,
    ),
  )
}
