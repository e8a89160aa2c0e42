import { checkFunction, describeNode } from '@gradstream/core'
import {
  DTypeError,
  formatShape,
  isTracing,
  recordCustom,
  reshape,
  shapesEqual,
  Tensor,
  withoutTracers,
} from '@gradstream/tensor'
import { VjpRuleError } from './vjpRuleError'

/**
 * The backward rule of a {@link customVjp} function: for the cotangent `g` of
 * the output, the cotangent of each input (its shape and dtype), or `null`
 * where none flows. It receives the inputs and the output the forward pass
 * saw and made; recompute any intermediate value from them with public ops.
 * @example const backward: CustomBackward<[Tensor]> = (g, [x]) => [mul(g, cos(x))]
 */
export type CustomBackward<A extends readonly Tensor[]> = (
  g: Tensor,
  inputs: A,
  output: Tensor,
) => { readonly [K in keyof A]: Tensor | null }

/**
 * A function with its own backward rule, as `jax.custom_vjp` and
 * `tf.custom_gradient`: gradients through a call of the result come from
 * `backward`, not from the ops of `forward`. Useful for numerically stable
 * gradients, straight-through estimators and gradient clipping.
 *
 * `forward` runs unseen by any gradient being taken, and each call enters the
 * tape as one custom node (not an entry of the primitive table, which stays
 * closed). Because `backward` is written with public ops, it is recorded in
 * turn, so `grad(grad(f))` differentiates the rule itself: a rule built from
 * `inputs` and `output` gives correct second derivatives, while values a rule
 * computes from closures are constants to it. jvp, jacobian and hessian go
 * through the rule too; they assume it is linear in `g`, as every true VJP is.
 *
 * Outside any gradient a call is just `forward(...inputs)`.
 *
 * @throws ConfigError when `forward` or `backward` is not a function; the
 * function made throws a DTypeError for an input that is not a Tensor or a
 * `forward` that returns none, and backprop throws a VjpRuleError when
 * `backward` returns other than one Tensor of its input's shape and dtype (or
 * null) per input.
 * @example
 * // log(1 + eˣ) whose gradient stays finite where eˣ overflows (JAX's custom_vjp example)
 * const log1pexp = customVjp(
 *   (x: Tensor) => log1p(exp(x)),
 *   (g, [x]) => [mul(g, sigmoid(x))],
 * )
 * grad((x: Tensor) => sum(log1pexp(x)))(tensor([0, 100])).toArray() // [0.5, 1]
 */
export function customVjp<A extends readonly Tensor[]>(
  forward: (...inputs: A) => Tensor,
  backward: CustomBackward<A>,
): (...inputs: A) => Tensor {
  checkFunction('customVjp', 'forward', forward)
  checkFunction('customVjp', 'backward', backward)
  return (...inputs) => {
    inputs.forEach((x: unknown, i) => {
      if (!(x instanceof Tensor))
        throw new DTypeError('customVjp', `input ${i} must be a Tensor, got ${describeNode(x)}`)
    })
    if (!isTracing()) return tensorOutput(forward(...inputs))
    // A fresh output tensor, so that a forward returning an input (an identity) still makes a node of its own.
    const output = withoutTracers(() => {
      const y = tensorOutput(forward(...inputs))
      return reshape(y, y.shape)
    })
    recordCustom({ inputs, output, vjp: (g) => checkedGradients(backward(g, inputs, output), inputs) })
    return output
  }
}

function tensorOutput(y: unknown): Tensor {
  if (!(y instanceof Tensor)) throw new DTypeError('customVjp', `forward must return a Tensor, got ${describeNode(y)}`)
  return y
}

function checkedGradients(grads: unknown, inputs: readonly Tensor[]): readonly (Tensor | null)[] {
  if (!Array.isArray(grads)) {
    throw new VjpRuleError(
      'customVjp',
      `backward must return an array with one gradient (or null) per input, got ${describeNode(grads)}`,
    )
  }
  const list: readonly unknown[] = grads
  if (list.length !== inputs.length) {
    throw new VjpRuleError(
      'customVjp',
      `backward returned ${list.length} gradients for ${inputs.length} inputs; it returns one gradient (or null) per input`,
    )
  }
  return list.map((gx, i) => checkedGradient(gx, inputs[i]!, i))
}

function checkedGradient(gx: unknown, x: Tensor, i: number): Tensor | null {
  if (gx === null) return null
  if (!(gx instanceof Tensor)) {
    throw new VjpRuleError('customVjp', `backward's gradient ${i} must be a Tensor or null, got ${describeNode(gx)}`)
  }
  if (!shapesEqual(gx.shape, x.shape)) {
    throw new VjpRuleError(
      'customVjp',
      `backward's gradient ${i} has shape ${formatShape(gx.shape)}, input ${i} has shape ${formatShape(x.shape)}`,
    )
  }
  if (gx.dtype !== x.dtype) {
    throw new VjpRuleError(
      'customVjp',
      `backward's gradient ${i} has dtype ${gx.dtype}, input ${i} has dtype ${x.dtype}`,
    )
  }
  return gx
}
