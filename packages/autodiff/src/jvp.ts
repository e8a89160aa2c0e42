import { ConfigError, describe, rootedPath } from '@gradstream/core'
import {
  assertSameStructure,
  DTypeError,
  flattenTree,
  formatShape,
  ShapeError,
  shapesEqual,
  withTracer,
  zeros,
} from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { backprop } from './backprop'
import { Tape } from './tape'
import { floatOutput, pullBackLeaves, traceCall } from './traceCall'

/**
 * What {@link jvp} returns.
 * @example const { value, tangent }: JvpResult = jvp((x: Tensor) => square(x), [tensor([3])], [tensor([1])])
 */
export interface JvpResult {
  /** `f(...primals)`. */
  readonly value: Tensor
  /** The Jacobian-vector product: the directional derivative of `f` at `primals` along `tangents`. */
  readonly tangent: Tensor
}

/**
 * Forward-mode derivative, as `jax.jvp`: runs `f(...primals)` and returns its
 * value with the Jacobian of `f` applied to `tangents` (one tree per
 * argument, each leaf of its primal's shape and dtype), the derivative of
 * `f(primals + ε·tangents)` in ε at 0. Every argument is differentiated;
 * close over values that are not (a batch, integer labels).
 *
 * Built on reverse mode with the double-VJP trick: the VJP `u ↦ Jᵀu` is
 * linear in the cotangent `u`, so its own VJP, applied to the tangents, is
 * `J·tangents`. That needs no forward rule per primitive and works for every
 * op whose VJP rule is differentiable (all of gradstream's; a `customVjp`
 * rule too, if linear in its cotangent, as a true VJP is). It costs about
 * three passes (forward, backward, backward of the backward) and is itself
 * differentiable.
 *
 * @throws ConfigError when `primals` or `tangents` is not an array of arguments.
 * @throws StructureError when `tangents` differs from `primals` in structure,
 * or a primal is not a pytree of tensors.
 * @throws ShapeError / DTypeError when a tangent's shape or dtype is not its
 * primal's, a primal leaf is not float32/float64, or `f` returns no float tensor.
 * @example
 * const f = (x: Tensor, y: Tensor) => mul(square(x), y)
 * const { value, tangent } = jvp(f, [tensor([1, 2]), tensor([3, 4])], [tensor([1, 0]), tensor([0, 1])])
 * value.toArray()   // [3, 16]
 * tangent.toArray() // [6, 4]: 2xy·1 + x²·0 and 2xy·0 + x²·1
 */
export function jvp<A extends readonly Params[]>(f: (...primals: A) => Tensor, primals: A, tangents: A): JvpResult {
  checkArguments('primals', primals)
  checkArguments('tangents', tangents)
  assertSameStructure(primals, tangents, { caller: 'jvp', names: ['primals', 'tangents'] })
  const { leaves: primalLeaves, treedef } = flattenTree(primals, { caller: 'jvp', name: 'primals' })
  const tangentLeaves = flattenTree(tangents, { caller: 'jvp', name: 'tangents' }).leaves
  tangentLeaves.forEach((tangent, i) => checkTangent(tangent, primalLeaves[i]!, treedef.paths[i]!))
  const traced = traceCall(
    'jvp',
    f,
    primals,
    primals.map((_, index) => ({ index, name: `primals[${index}]` })),
  )
  const value = floatOutput('jvp', traced.result)
  // The cotangent u is the only source of this tape: it records the backward pass u ↦ Jᵀu as a function of u.
  const u = zeros(value.shape, value.dtype)
  const dual = new Tape([u])
  const leafCotangents = withTracer(dual, () => pullBackLeaves(traced, value, u))
  const grads = backprop(
    dual,
    leafCotangents.map((cotangent, i) => [cotangent, tangentLeaves[i]!] as const),
  )
  return { value, tangent: grads.get(u) ?? zeros(value.shape, value.dtype) }
}

function checkArguments(name: string, args: unknown): void {
  if (!Array.isArray(args)) {
    throw new ConfigError('jvp', `${name} must be an array with one entry per argument of f, got ${describe(args)}`)
  }
}

function checkTangent(tangent: Tensor, primal: Tensor, path: string): void {
  const [t, p] = [rootedPath('tangents', path), rootedPath('primals', path)]
  if (!shapesEqual(tangent.shape, primal.shape)) {
    throw new ShapeError(
      'jvp',
      `${t} has shape ${formatShape(tangent.shape)}, ${p} has shape ${formatShape(primal.shape)}`,
    )
  }
  if (tangent.dtype !== primal.dtype) {
    throw new DTypeError('jvp', `${t} has dtype ${tangent.dtype}, ${p} has dtype ${primal.dtype}`)
  }
}
