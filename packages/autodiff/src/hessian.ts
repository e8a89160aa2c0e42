import { flattenTree, reshape, stack, unflattenTree, zeros } from '@gradstream/tensor'
import type { MapTree, Params, Tensor, TreeDef } from '@gradstream/tensor'
import { PARAMS_PLAN } from './argnums'
import { basisVector } from './jacobian'
import { PARAMS, pullBackSeeds, traceCall } from './traceCall'
import { scalarGradient } from './valueAndGrad'

/**
 * The Hessian of a scalar `f(params, ...args)` with respect to the leaves of
 * `params`, as `jax.hessian`. For a lone tensor `x` it is one tensor of shape
 * `[...x.shape, ...x.shape]`, element `[i..., j...]` being ∂²f/∂x[i...]∂x[j...].
 * For a pytree it is a tree of trees: `H.a.b` holds the block
 * ∂²f/∂a∂b of shape `[...a.shape, ...b.shape]`. `args` are passed through.
 *
 * The Jacobian of the gradient (reverse over reverse, as {@link jacobian}):
 * `f`'s gradient is traced once, then one Hessian-vector product per element
 * of the params, each a backward pass through the backward pass of `f`.
 *
 * @throws DTypeError when a leaf is not float32/float64 or `f` returns no float tensor.
 * @throws ShapeError when `f` does not return a scalar.
 * @throws StructureError when `params` is not a pytree of tensors.
 * @example
 * // f = Σ x³ + x₀·x₁: H = [[6x₀, 1], [1, 6x₁]]
 * const f = (x: Tensor) => add(sum(pow(x, 3)), prod(x))
 * hessian(f)(tensor([1, 2])).toArray() // [[6, 1], [1, 12]]
 * hessian((p: { a: Tensor; b: Tensor }) => sum(mul(p.a, p.b)))({ a: tensor([1]), b: tensor([2]) }).a.b.toArray() // [[1]]
 */
export function hessian<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
): (params: P, ...args: A) => MapTree<P, P> {
  return (params, ...args) => {
    const gradient = (p: P) => scalarGradient('hessian', f, [p, ...args] as const, false, PARAMS_PLAN).grads
    const traced = traceCall('hessian', gradient, [params] as const, PARAMS)
    // The gradient has the params' structure: its leaf i is ∂f/∂(leaf i).
    const gradLeaves = flattenTree(traced.result as Params, { caller: 'hessian', name: 'grads' }).leaves
    const sources = traced.sources
    const blocks = gradLeaves.map((gi) => {
      const rows = Array.from({ length: gi.size }, (_, k) => pullBackSeeds(traced, [[gi, basisVector(gi, k)]]))
      return sources.map((xj, j) => {
        const shape = [...gi.shape, ...xj.shape]
        return rows.length === 0 ? zeros(shape, xj.dtype) : reshape(stack(rows.map((row) => row[j]!)), shape)
      })
    })
    // Outer and inner trees both have the structure of params, made from params itself.
    const treedef = traced.treedefs[0]! as TreeDef<P>
    return unflattenTree(
      treedef,
      blocks.map((row) => unflattenTree(treedef, row)),
    )
  }
}
