import { DTypeError, describeNode } from '@gradstream/core'
import { Tensor } from '@gradstream/tensor'
import { PARAMS_PLAN } from './argnums'
import { jacobianOf } from './jacobian'
import { scalarGradient } from './valueAndGrad'

/**
 * The Hessian of a scalar `f(x, ...args)` with respect to the tensor `x`,
 * as `jax.hessian`: shape `[...x.shape, ...x.shape]`, element `[i..., j...]`
 * being ∂²f/∂x[i...]∂x[j...]. `args` are passed through.
 *
 * The {@link jacobian} of the gradient (reverse over reverse): one
 * Hessian-vector product per element of `x`, each a backward pass through the
 * backward pass of `f`. For a pytree of params, flatten them into one tensor
 * first, or take Hessian-vector products with `grad` directly.
 *
 * @throws DTypeError when `x` is not a Tensor, is not float32/float64, or `f` returns no float tensor.
 * @throws ShapeError when `f` does not return a scalar.
 * @example
 * // f = Σ x³ + x₀·x₁: H = [[6x₀, 1], [1, 6x₁]]
 * const f = (x: Tensor) => add(sum(pow(x, 3)), prod(x))
 * hessian(f)(tensor([1, 2])).toArray() // [[6, 1], [1, 12]]
 */
export function hessian<A extends readonly unknown[]>(
  f: (x: Tensor, ...args: A) => Tensor,
): (x: Tensor, ...args: A) => Tensor {
  const gradient = (x: Tensor, ...args: A): Tensor => {
    // The gradient of a lone tensor x is one tensor.
    return scalarGradient('hessian', f, [x, ...args] as const, false, PARAMS_PLAN).grads as Tensor
  }
  return (x, ...args) => {
    if (!(x instanceof Tensor)) throw new DTypeError('hessian', `x must be a Tensor, got ${describeNode(x)}`)
    return jacobianOf('hessian', gradient, x, args)
  }
}
