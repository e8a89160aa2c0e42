import { DTypeError, checkOptions, checkPositive, describe } from '@gradstream/core'
import { cast, flattenTree, formatShape, onesLike, ShapeError, tensor, unflattenTree } from '@gradstream/tensor'
import type { Params, Tensor, TreeDef } from '@gradstream/tensor'
import { floatOutput, PARAMS, pullBackLeaves, traceCall } from './traceCall'

/**
 * Options of {@link checkGrad}.
 * @example checkGrad(f, params, { dtype: 'float32', eps: 1e-3 })
 */
export interface CheckGradOptions {
  /** The dtype the params are cast to before checking: `float64` (default) or `float32`. */
  readonly dtype?: 'float32' | 'float64'
  /** Half the central-difference step: default 1e-6 for float64, 1e-3 for float32. */
  readonly eps?: number
}

/**
 * The largest errors found in one leaf.
 * @example checkGrad((p: { w: Tensor }) => sum(p.w), { w: ones([2]) }).leaves[0] // { path: 'w', maxAbsError: ..., maxRelError: ... }
 */
export interface LeafGradCheck {
  /** The leaf's path in the params, e.g. `layers[2].b` (`''` for a lone tensor). */
  readonly path: string
  /** Largest |analytic − numeric| over the leaf's elements. */
  readonly maxAbsError: number
  /** Largest |analytic − numeric| / max(|analytic|, |numeric|, 1) over the leaf's elements. */
  readonly maxRelError: number
}

/**
 * What {@link checkGrad} returns: per-leaf errors, in leaf order, and the largest overall.
 * @example checkGrad((x: Tensor) => sum(exp(x)), tensor([0.5])).maxRelError < 1e-6 // true
 */
export interface CheckGradResult {
  readonly leaves: readonly LeafGradCheck[]
  readonly maxAbsError: number
  readonly maxRelError: number
}

/**
 * Compares the analytic gradient of a scalar function with central finite
 * differences, element by element: (f(x + ε) − f(x − ε)) / 2ε, dividing by
 * the step actually stored after rounding. The params are cast to `dtype`
 * first; build any constants inside `f` in the same dtype. PyTorch's
 * `gradcheck` and JAX's `check_grads` do the same; like them, use float64
 * (the default: a float32 difference carries ~1e-4 of rounding error) and
 * points away from kinks such as `relu` at 0.
 *
 * The relative error divides by max(|analytic|, |numeric|, 1), so gradients
 * smaller than 1 are judged absolutely (as numpy's `allclose` with
 * rtol = atol). It costs two evaluations of `f` per parameter element.
 *
 * @throws ConfigError for a bad `eps` or an unknown option, DTypeError for a `dtype` other than float32 or float64; ShapeError when `f` is not scalar.
 * @example
 * const { maxRelError } = checkGrad((p: { w: Tensor }) => sum(exp(p.w)), { w: tensor([0.5, -1]) })
 * maxRelError < 1e-6 // true
 */
export function checkGrad<P extends Params>(
  f: (params: P) => Tensor,
  params: P,
  options: CheckGradOptions = {},
): CheckGradResult {
  checkOptions('checkGrad', options, ['eps', 'dtype'])
  const { dtype = 'float64' } = options
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError('checkGrad', `dtype must be float32 or float64, got ${describe(dtype)}`)
  }
  const eps = options.eps ?? (dtype === 'float64' ? 1e-6 : 1e-3)
  checkPositive('checkGrad', 'eps', eps)
  const { leaves, treedef } = flattenTree(params, { caller: 'checkGrad', name: 'params' })
  const points = leaves.map((leaf) => cast(leaf, dtype))
  const traced = traceCall('checkGrad', f, [unflattenTree(treedef, points)] as const, PARAMS)
  const output = floatOutput('checkGrad', traced.result)
  if (output.rank !== 0) {
    throw new ShapeError('checkGrad', `f must return a scalar (shape []), got shape ${formatShape(output.shape)}`)
  }
  const analytic = pullBackLeaves(traced, output, onesLike(output))
  const results = points.map((_, k) => checkLeaf(f, treedef, points, k, analytic[k]!, eps))
  return {
    leaves: results,
    maxAbsError: Math.max(0, ...results.map((r) => r.maxAbsError)),
    maxRelError: Math.max(0, ...results.map((r) => r.maxRelError)),
  }
}

function checkLeaf<P>(
  f: (params: P) => Tensor,
  treedef: TreeDef<P>,
  points: readonly Tensor[],
  k: number,
  analytic: Tensor,
  eps: number,
): LeafGradCheck {
  const leaf = points[k]!
  const values = leaf.dataSync()
  const exact = analytic.dataSync()
  const evaluate = () => {
    const moved = points.slice()
    moved[k] = tensor(values, leaf.shape, leaf.dtype)
    return f(unflattenTree(treedef, moved)).item()
  }
  let maxAbsError = 0
  let maxRelError = 0
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!
    values[i] = x + eps
    const [above, fAbove] = [values[i]!, evaluate()]
    values[i] = x - eps
    const [below, fBelow] = [values[i]!, evaluate()]
    values[i] = x
    const numeric = (fAbove - fBelow) / (above - below)
    const error = Math.abs(exact[i]! - numeric)
    maxAbsError = Math.max(maxAbsError, error)
    maxRelError = Math.max(maxRelError, error / Math.max(Math.abs(exact[i]!), Math.abs(numeric), 1))
  }
  return { path: treedef.paths[k]!, maxAbsError, maxRelError }
}
