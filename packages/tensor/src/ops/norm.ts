import { checkBoolean, checkOptions, describe } from '@gradstream/core'
import { ConfigError, ShapeError } from '../errors'
import { formatShape, normalizeAxis } from '../shape'
import type { Tensor } from '../tensor'
import { checkDTypeIn, checkTensor, FLOAT } from './argumentChecks'
import { abs, mul, pow, sqrt } from './arithmetic'
import { max, sum } from './reductions'
import { reshape } from './reshape'

/**
 * Which norm {@link norm} takes: `'euclidean'` (the 2-norm of a vector, the
 * Frobenius norm of a matrix), `'fro'` (matrices only), or a number: 1,
 * `Infinity`, or any p > 0 for vectors.
 * @example norm(x, { ord: Infinity })
 */
export type NormOrder = 'euclidean' | 'fro' | number

/**
 * Options of {@link norm}.
 * @example norm(x, { ord: 1, axis: [0, 1], keepDims: true })
 */
export interface NormOptions {
  /** The norm; default `'euclidean'`. */
  readonly ord?: NormOrder
  /**
   * One axis for vector norms along it, two distinct axes for matrix norms
   * over them; default all axes, the whole tensor taken as one vector.
   */
  readonly axis?: number | readonly [number, number]
  /** Keep the reduced axes as length 1; default false. */
  readonly keepDims?: boolean
}

const OPTION_KEYS = ['ord', 'axis', 'keepDims']

/** The reduced axes: all of them without `axis`, else its one axis or its pair. */
function normAxes(x: Tensor, axis: NormOptions['axis']): number[] {
  if (axis === undefined) return x.shape.map((_, i) => i)
  if (typeof axis === 'number') return [normalizeAxis('norm', axis, x.rank)]
  if (!Array.isArray(axis) || axis.length !== 2) {
    throw new ConfigError('norm', `axis must be an integer or a pair of axes, got ${describe(axis)}`)
  }
  const pair = axis.map((a) => normalizeAxis('norm', a, x.rank))
  if (pair[0] === pair[1]) {
    throw new ConfigError('norm', `axis must name two different axes for a matrix norm, got [${axis.join(', ')}]`)
  }
  return pair
}

function checkOrder(ord: unknown, isMatrix: boolean): asserts ord is NormOrder {
  if (isMatrix) {
    if (ord === 2) {
      throw new ConfigError('norm', 'the matrix 2-norm (largest singular value) needs an SVD, which gradstream lacks')
    }
    if (ord !== 'euclidean' && ord !== 'fro' && ord !== 1 && ord !== Infinity) {
      throw new ConfigError(
        'norm',
        `ord must be 'euclidean', 'fro', 1 or Infinity for a matrix norm, got ${describe(ord)}`,
      )
    }
  } else if (ord === 'fro') {
    throw new ConfigError('norm', "ord 'fro' is a matrix norm: give axis as a pair of axes, or use 'euclidean'")
  } else if (ord !== 'euclidean' && !(typeof ord === 'number' && ord > 0)) {
    throw new ConfigError('norm', `ord must be 'euclidean', 'fro' or a number > 0, got ${describe(ord)}`)
  }
}

/** Max-based norms cannot fold an empty axis; TF1 would answer the lowest float there. */
function checkNotEmpty(x: Tensor, axes: readonly number[]): void {
  if (axes.some((a) => x.shape[a] === 0)) {
    throw new ShapeError('norm', `cannot take a max over an empty axis of a tensor of shape ${formatShape(x.shape)}`)
  }
}

/** TF1's formulas, every reduction keeping its axes. */
function keptNorm(x: Tensor, ord: NormOrder, axes: number[], isMatrix: boolean): Tensor {
  if (ord === 'euclidean' || ord === 'fro' || ord === 2) return sqrt(sum(mul(x, x), axes, true))
  if (isMatrix && ord === 1) {
    checkNotEmpty(x, [axes[1]!])
    return max(sum(abs(x), axes[0], true), axes[1], true)
  }
  if (isMatrix) {
    checkNotEmpty(x, [axes[0]!])
    return max(sum(abs(x), axes[1], true), axes[0], true)
  }
  if (ord === 1) return sum(abs(x), axes, true)
  if (ord === Infinity) {
    checkNotEmpty(x, axes)
    return max(abs(x), axes, true)
  }
  return pow(sum(pow(abs(x), ord), axes, true), 1 / ord)
}

/**
 * Vector and matrix norms, as TF1's `tf.norm`:
 *
 * - `'euclidean'` and 2 (vectors): `sqrt(reduce_sum(x * x))`; for two axes the Frobenius norm, also `'fro'`.
 * - 1: `reduce_sum(|x|)`; for matrices the largest column sum, `max` over `axis[1]` of sums over `axis[0]`.
 * - `Infinity`: `reduce_max(|x|)`; for matrices the largest row sum, `max` over `axis[0]` of sums over `axis[1]`.
 * - p > 0 (vectors): `pow(reduce_sum(pow(|x|, p)), 1 / p)`, with 1 / p rounded to the dtype.
 *
 * Without `axis` the whole tensor is one vector. The matrix 2-norm needs an
 * SVD and is refused; so are a max over an empty axis (TF1 gives the lowest
 * float there) and `'fro'` for vectors (TF1 refuses it too).
 *
 * Gradients are TF1's: the euclidean norm's is x / norm, which is NaN where
 * the norm is 0 (0 · ∞, as in TF1 and unlike the subgradient 0); `|x|`
 * passes `sign(x)`, 0 at 0; the max splits its gradient equally among ties.
 *
 * @example norm(tensor([3, 4])).item() // 5
 * @example norm(tensor([[1, -2], [3, 4]]), { ord: 1, axis: [0, 1] }).item() // 6
 */
export function norm(x: Tensor, options: NormOptions = {}): Tensor {
  checkTensor('norm', 'x', x)
  checkDTypeIn('norm', 'x', x, FLOAT)
  checkOptions('norm', options, OPTION_KEYS)
  const { ord = 'euclidean', axis, keepDims = false } = options
  checkBoolean('norm', 'keepDims', keepDims)
  const axes = normAxes(x, axis)
  const isMatrix = Array.isArray(axis)
  checkOrder(ord, isMatrix)
  const kept = keptNorm(x, ord, axes, isMatrix)
  return keepDims
    ? kept
    : reshape(
        kept,
        x.shape.filter((_, a) => !axes.includes(a)),
      )
}
