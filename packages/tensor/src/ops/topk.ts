import { ShapeError, checkBoolean, checkInteger, checkOptions } from '@gradstream/core'
import { allocate } from '../dtype'
import { formatShape, sizeOf } from '../shape'
import { fromKernel, valuesOf } from '../tensor'
import type { Tensor } from '../tensor'
import { NUMERIC, checkDTypeIn, checkTensor } from './argumentChecks'
import { gather } from './gather'
import { reshape } from './reshape'

export interface TopkOptions {
  /** Largest first (the default, as TF); false keeps the k largest in the order they stand in x. */
  readonly sorted?: boolean
}

export interface TopkResult {
  /** The k largest values of each row, shape `[..., k]`, x's dtype. */
  readonly values: Tensor
  /** Their positions along the last axis of x, int32. */
  readonly indices: Tensor
}

/** Whether value a at index i ranks above value b at index j: larger first, NaN above every number, ties by index. */
function ranksAbove(a: number, i: number, b: number, j: number): boolean {
  const aNaN = Number.isNaN(a)
  const bNaN = Number.isNaN(b)
  if (aNaN !== bNaN) return aNaN
  return a > b || (a === b || aNaN ? i < j : false)
}

// Below this k an insertion into the running top k (n·k steps) beats sorting the row (n·log n with a callback).
const INSERTION_MAX_K = 16

/** The indices of the k highest-ranked elements of `row`, best first. */
function topOfRow(row: ArrayLike<number>, k: number): Int32Array {
  const n = row.length
  if (k > INSERTION_MAX_K) {
    const order = Int32Array.from({ length: n }, (_, i) => i)
    order.sort((i, j) => (ranksAbove(row[i]!, i, row[j]!, j) ? -1 : 1))
    return order.subarray(0, k)
  }
  const top = new Int32Array(k)
  let kept = 0
  for (let i = 0; i < n && k > 0; i++) {
    const v = row[i]!
    // i comes after every kept index, so it must rank strictly above to move ahead of one.
    if (kept === k && !ranksAbove(v, i, row[top[k - 1]!]!, top[k - 1]!)) continue
    let at = kept < k ? kept++ : k - 1
    while (at > 0 && ranksAbove(v, i, row[top[at - 1]!]!, top[at - 1]!)) {
      top[at] = top[at - 1]!
      at--
    }
    top[at] = i
  }
  return top
}

/** Positions (in x's storage) of the k largest elements of each row of the last axis. */
function topPositions(x: Tensor, k: number, sorted: boolean): Int32Array {
  const n = x.shape[x.rank - 1]!
  const rows = n === 0 ? 0 : x.size / n
  const input = valuesOf(x)
  const positions = allocate('int32', rows * k)
  for (let r = 0; r < rows; r++) {
    const top = topOfRow(input.subarray(r * n, (r + 1) * n), k)
    if (!sorted) top.sort()
    for (let i = 0; i < k; i++) positions[r * k + i] = r * n + top[i]!
  }
  return positions
}

/**
 * The k largest entries of each row (the last axis) of `x` and their int32 indices, as TF's
 * tf.nn.top_k: sorted largest first by default, equal values in order of index (TF's tie rule).
 * With `sorted: false` the same k entries come in the order they stand in x (TF leaves that order
 * unspecified). NaN counts as larger than any number, as in numpy's sort; TF1 does not define an
 * order with NaN. The gradient of `values` goes to the picked positions (TF's TopKV2 gradient);
 * `indices` has none.
 * @example topk(tensor([1, 3, 2, 3]), 2).indices.toArray() // [1, 3]
 */
export function topk(x: Tensor, k = 1, options: TopkOptions = {}): TopkResult {
  checkTensor('topk', 'x', x)
  checkDTypeIn('topk', 'x', x, NUMERIC)
  checkOptions('topk', options, ['sorted'])
  const { sorted = true } = options
  checkBoolean('topk', 'sorted', sorted)
  if (x.rank === 0) throw new ShapeError('topk', 'x must have rank at least 1, got shape []')
  checkInteger('topk', 'k', k, 0)
  const n = x.shape[x.rank - 1]!
  if (k > n) {
    throw new ShapeError('topk', `k is ${k}, more than the ${n} elements of the last axis of x ${formatShape(x.shape)}`)
  }
  const shape = [...x.shape.slice(0, -1), k]
  const positions = topPositions(x, k, sorted)
  const indices = allocate('int32', positions.length)
  for (let i = 0; i < positions.length; i++) indices[i] = positions[i]! % n
  // A gather from the flat x carries the gradient back to the picked elements.
  const values = reshape(
    gather(reshape(x, [sizeOf(x.shape)]), fromKernel(positions, [positions.length], 'int32')),
    shape,
  )
  return { values, indices: fromKernel(indices, shape, 'int32') }
}
