import { checkFunction, describeNode, rootedPath } from '@gradstream/core'
import { DTypeError, flattenTree, reshape, Tensor, unflattenTree, withTracer, zeros } from '@gradstream/tensor'
import type { Params, TreeDef } from '@gradstream/tensor'
import { backprop } from './backprop'
import { Tape } from './tape'

/** A call of a function being differentiated, with what it takes to run its backward pass. */
export interface TracedCall<P> {
  readonly output: Tensor
  readonly tape: Tape
  /** The tensors `f` received as leaves, in leaf order. */
  readonly sources: readonly Tensor[]
  readonly treedef: TreeDef<P>
}

/**
 * Runs `f(params, ...args)` with a tape recording what depends on the
 * leaves of `params`. The tape is removed afterwards, also when `f` throws.
 */
export function traceCall<P extends Params, A extends readonly unknown[]>(
  caller: string,
  f: (params: P, ...args: A) => Tensor,
  params: P,
  args: A,
): TracedCall<P> {
  checkFunction(caller, 'f', f)
  const { leaves, treedef } = flattenTree(params, { caller, name: 'params' })
  leaves.forEach((leaf, i) => {
    if (leaf.dtype !== 'float32' && leaf.dtype !== 'float64') {
      throw new DTypeError(
        caller,
        `${rootedPath('params', treedef.paths[i]!)} has dtype ${leaf.dtype}; only float32 and float64 leaves can be differentiated (pass other values as extra arguments)`,
      )
    }
  })
  // A fresh tensor per leaf: a tensor passed twice gets a gradient per
  // place, the same tensor reached by closure stays a constant for this
  // tape, and tapes of enclosing gradients still see where each leaf came from.
  const sources = leaves.map((leaf) => reshape(leaf, leaf.shape))
  const tape = new Tape(sources)
  const output: unknown = withTracer(tape, () => f(unflattenTree(treedef, sources), ...args))
  if (!(output instanceof Tensor)) throw new DTypeError(caller, `f must return a Tensor, got ${describeNode(output)}`)
  if (output.dtype !== 'float32' && output.dtype !== 'float64') {
    throw new DTypeError(caller, `f must return a float32 or float64 tensor, got ${output.dtype}`)
  }
  return { output, tape, sources, treedef }
}

/**
 * The cotangents of the leaves of a traced call's params for the output
 * cotangent `cotangent`, in the params' structure. Leaves `f` did not use
 * get zeros of their shape.
 */
export function pullBack<P>(traced: TracedCall<P>, cotangent: Tensor): P {
  return unflattenTree(traced.treedef, pullBackLeaves(traced, cotangent))
}

/** {@link pullBack} as a list, in leaf order. */
export function pullBackLeaves(traced: TracedCall<unknown>, cotangent: Tensor): Tensor[] {
  const grads = backprop(traced.tape, traced.output, cotangent)
  return traced.sources.map((x) => grads.get(x) ?? zeros(x.shape, x.dtype))
}
