import { StructureError, describeNode } from '@gradstream/core'
import { formatShape, onesLike, ShapeError } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import type { ArgnumsGrads, ArgnumsPlan, ParamsArgnums } from './argnums'
import { gradientOptions } from './gradientOptions'
import type { GradientOptions } from './gradientOptions'
import { KnownStructures } from './knownStructures'
import { floatOutput, pullBack, traceCall } from './traceCall'

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
 * What a function made by `valueAndGrad(f, { hasAux: true })` returns: the
 * loss, its gradients, and the second value `f` returned, untouched.
 * @example const { value, grads, aux }: ValueAndGradWithAux<Tensor, string> = valueAndGrad((x: Tensor) => [sum(x), 'hi'] as const, { hasAux: true })(ones([2]))
 */
export interface ValueAndGradWithAux<P, X> extends ValueAndGrad<P> {
  /** What `f` returned beside the loss, as it returned it (the same object). */
  readonly aux: X
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
 * Options, as `jax.value_and_grad`:
 * - `hasAux: true`: `f` returns `[loss, aux]`; the result carries `aux`
 *   untouched (logits, a new model state), from the same single forward pass.
 * - `argnums`: which positional arguments to differentiate (default 0, the
 *   params). A number gives that argument's gradients; a list gives a tuple of
 *   gradients in the list's order. Arguments not listed are passed through.
 *
 * @throws ConfigError for an unknown option, a `hasAux` that is not a boolean,
 * an `argnums` that is not an integer >= 0 or a non-empty list of distinct
 * ones, or (when called) one past the arguments given.
 * @throws DTypeError when a leaf is not float32/float64 or `f` returns no float tensor.
 * @throws ShapeError when `f` returns a non-scalar (use {@link vjp} for those).
 * @throws StructureError when a differentiated argument holds something other
 * than tensors in plain objects and arrays, or with `hasAux` `f` returns no `[loss, aux]` pair.
 * @example
 * const loss = (p: { w: Tensor }, x: Tensor) => sum(square(mul(p.w, x)))
 * const { value, grads } = valueAndGrad(loss)({ w: tensor([1, 2]) }, tensor([3, 4]))
 * value.item()          // 73
 * grads.w.toArray()     // [18, 64]
 * const both = valueAndGrad(loss, { argnums: [0, 1] })({ w: tensor([1, 2]) }, tensor([3, 4]))
 * both.grads[1].toArray() // [6, 32]
 */
export function valueAndGrad<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
  options?: { readonly hasAux?: false; readonly argnums?: undefined },
): (params: P, ...args: A) => ValueAndGrad<P>
export function valueAndGrad<P extends Params, A extends readonly unknown[], X>(
  f: (params: P, ...args: A) => readonly [Tensor, X],
  options: { readonly hasAux: true; readonly argnums?: undefined },
): (params: P, ...args: A) => ValueAndGradWithAux<P, X>
export function valueAndGrad<A extends readonly unknown[], const N extends ParamsArgnums<A>>(
  f: (...args: A) => Tensor,
  options: { readonly hasAux?: false; readonly argnums: N },
): (...args: A) => ValueAndGrad<ArgnumsGrads<A, N>>
export function valueAndGrad<A extends readonly unknown[], const N extends ParamsArgnums<A>, X>(
  f: (...args: A) => readonly [Tensor, X],
  options: { readonly hasAux: true; readonly argnums: N },
): (...args: A) => ValueAndGradWithAux<ArgnumsGrads<A, N>, X>
export function valueAndGrad(
  f: (...args: readonly unknown[]) => unknown,
  options: GradientOptions = {},
): (...args: readonly unknown[]) => ValueAndGradWithAux<unknown, unknown> | ValueAndGrad<unknown> {
  const { hasAux, plan } = gradientOptions('valueAndGrad', options)
  const known = new KnownStructures()
  return (...args) => scalarGradient('valueAndGrad', f, args, hasAux, plan, known)
}

/**
 * Like {@link valueAndGrad}, returning only the gradients; with `hasAux`,
 * `[grads, aux]` as `jax.grad` does.
 * @example
 * grad((p: Tensor) => sum(square(p)))(tensor([1, 2])).toArray() // [2, 4]
 * const [g, aux] = grad((p: Tensor) => [sum(p), 'seen'] as const, { hasAux: true })(tensor([1]))
 * aux // 'seen'
 */
export function grad<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
  options?: { readonly hasAux?: false; readonly argnums?: undefined },
): (params: P, ...args: A) => P
export function grad<P extends Params, A extends readonly unknown[], X>(
  f: (params: P, ...args: A) => readonly [Tensor, X],
  options: { readonly hasAux: true; readonly argnums?: undefined },
): (params: P, ...args: A) => [P, X]
export function grad<A extends readonly unknown[], const N extends ParamsArgnums<A>>(
  f: (...args: A) => Tensor,
  options: { readonly hasAux?: false; readonly argnums: N },
): (...args: A) => ArgnumsGrads<A, N>
export function grad<A extends readonly unknown[], const N extends ParamsArgnums<A>, X>(
  f: (...args: A) => readonly [Tensor, X],
  options: { readonly hasAux: true; readonly argnums: N },
): (...args: A) => [ArgnumsGrads<A, N>, X]
export function grad(
  f: (...args: readonly unknown[]) => unknown,
  options: GradientOptions = {},
): (...args: readonly unknown[]) => unknown {
  const { hasAux, plan } = gradientOptions('grad', options)
  const known = new KnownStructures()
  return (...args) => {
    const result = scalarGradient('grad', f, args, hasAux, plan, known)
    return 'aux' in result ? [result.grads, result.aux] : result.grads
  }
}

/**
 * valueAndGrad for one call: the checked loss, its gradients (one tree or a tuple) and aux. `known` keeps
 * the differentiated arguments' structures between the calls of one gradient function.
 */
export function scalarGradient<A extends readonly unknown[]>(
  caller: string,
  f: (...args: A) => unknown,
  args: A,
  hasAux: boolean,
  plan: ArgnumsPlan,
  known?: KnownStructures,
): ValueAndGradWithAux<unknown, unknown> | ValueAndGrad<unknown> {
  const traced = traceCall(caller, f, args, plan.differentiated(caller, args.length), known)
  const [loss, aux] = hasAux ? lossAndAux(caller, traced.result) : [traced.result]
  const subject = hasAux ? "with hasAux, f's loss must be" : 'f must return'
  const value = floatOutput(caller, loss, subject)
  if (value.rank !== 0) {
    throw new ShapeError(
      caller,
      `${subject} a scalar (shape []), got shape ${formatShape(value.shape)}; use vjp for other outputs`,
    )
  }
  const trees = pullBack(traced, value, onesLike(value))
  const grads = plan.single ? trees[0] : trees
  return hasAux ? { value, grads, aux } : { value, grads }
}

function lossAndAux(caller: string, result: unknown): readonly [unknown, unknown] {
  if (!Array.isArray(result) || result.length !== 2) {
    const got = Array.isArray(result) ? `an array of length ${result.length}` : describeNode(result)
    throw new StructureError(caller, `with hasAux, f must return [loss, aux], got ${got}`)
  }
  return [result[0], result[1]]
}
