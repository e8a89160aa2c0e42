import { formatShape, onesLike, ShapeError } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { pullBack, traceCall } from './traceCall'

/**
 * What a function made by `valueAndGrad` returns.
 * @example const { value, grads }: ValueAndGrad<Tensor> = valueAndGrad((x: Tensor) => sum(x))(ones([2]))
 */
export interface ValueAndGrad<P> {
  /** `f`'s scalar output. */
  readonly value: Tensor
  /** The gradient of `value` with respect to each leaf of the params, in the params' structure. */
  readonly grads: P
}

/**
 * Turns `f(params, ...args)`, which returns a scalar tensor, into a function
 * returning its value and its gradient with respect to every leaf of `params`
 * (a pytree of float tensors), JAX-style. `args` (a batch, labels) are passed
 * through and not differentiated. Gradients come back with exactly the
 * structure and type of `params`; a leaf `f` does not use gets zeros of its
 * shape. Nesting works: `f` may itself take gradients, and the result is
 * differentiable again.
 *
 * @throws DTypeError when a leaf is not float32/float64 or `f` returns no float tensor.
 * @throws ShapeError when `f` returns a non-scalar (use {@link vjp} for those).
 * @throws StructureError when `params` holds something other than tensors in plain objects and arrays.
 * @example
 * const loss = (p: { w: Tensor }, x: Tensor) => sum(square(mul(p.w, x)))
 * const { value, grads } = valueAndGrad(loss)({ w: tensor([1, 2]) }, tensor([3, 4]))
 * value.item()          // 73
 * grads.w.toArray()     // [18, 64]
 */
export function valueAndGrad<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
): (params: P, ...args: A) => ValueAndGrad<P> {
  return scalarGradient('valueAndGrad', f)
}

/**
 * Like {@link valueAndGrad}, returning only the gradients.
 * @example grad((p: Tensor) => sum(square(p)))(tensor([1, 2])).toArray() // [2, 4]
 */
export function grad<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
): (params: P, ...args: A) => P {
  const withValue = scalarGradient('grad', f)
  return (params, ...args) => withValue(params, ...args).grads
}

function scalarGradient<P extends Params, A extends readonly unknown[]>(
  caller: string,
  f: (params: P, ...args: A) => Tensor,
): (params: P, ...args: A) => ValueAndGrad<P> {
  return (params, ...args) => {
    const traced = traceCall(caller, f, params, args)
    const { output } = traced
    if (output.rank !== 0) {
      throw new ShapeError(
        caller,
        `f must return a scalar (shape []), got shape ${formatShape(output.shape)}; use vjp for other outputs`,
      )
    }
    return { value: output, grads: pullBack(traced, onesLike(output)) }
  }
}
