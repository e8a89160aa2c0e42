import { reshape, stack, tensor, unflattenTree, zeros } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { floatOutput, PARAMS, pullBackLeaves, traceCall } from './traceCall'

/**
 * The Jacobian of `f(params, ...args)` with respect to every leaf of
 * `params`, as `jax.jacrev`: for a leaf of shape `s` and an output of shape
 * `o`, a tensor of shape `[...o, ...s]` whose element `[i..., j...]` is
 * ∂output[i...]/∂leaf[j...]. The result has the structure and type of
 * `params`; `args` are passed through.
 *
 * Reverse mode, one VJP per output element (jacrev-style): cheap for few
 * outputs and many inputs. `f` runs once; the backward pass runs once per
 * output element. Built with public ops, so it is differentiable again.
 *
 * @throws DTypeError / StructureError for bad params or an output that is no float tensor, as {@link vjp}.
 * @example
 * const J = jacobian((x: Tensor) => mul(x, x))(tensor([1, 2, 3]))
 * J.toArray() // [[2, 0, 0], [0, 4, 0], [0, 0, 6]]
 */
export function jacobian<P extends Params, A extends readonly unknown[]>(
  f: (params: P, ...args: A) => Tensor,
): (params: P, ...args: A) => P {
  return (params, ...args) => {
    const traced = traceCall('jacobian', f, [params, ...args] as const, PARAMS)
    const output = floatOutput('jacobian', traced.result)
    const rows = Array.from({ length: output.size }, (_, i) => pullBackLeaves(traced, output, basisVector(output, i)))
    const leaves = traced.sources.map((leaf, k) => {
      const shape = [...output.shape, ...leaf.shape]
      return rows.length === 0 ? zeros(shape, leaf.dtype) : reshape(stack(rows.map((row) => row[k]!)), shape)
    })
    // The one tree has the structure of params, made from params itself.
    return unflattenTree(traced.treedefs[0]!, leaves) as P
  }
}

/** The tensor of `like`'s shape and dtype with a 1 at flat position `i`, zeros elsewhere: a one-hot cotangent. */
export function basisVector(like: Tensor, i: number): Tensor {
  const values = new Array<number>(like.size).fill(0)
  values[i] = 1
  return tensor(values, like.shape, like.dtype)
}
