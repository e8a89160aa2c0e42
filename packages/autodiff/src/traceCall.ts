import { checkFunction, describeNode, rootedPath } from '@gradstream/core'
import { DTypeError, flattenTree, reshape, Tensor, unflattenTree, withTracer, zeros } from '@gradstream/tensor'
import type { Params, TreeDef } from '@gradstream/tensor'
import { backprop } from './backprop'
import type { KnownStructures } from './knownStructures'
import { Tape } from './tape'

/** A positional argument of a traced call that is differentiated, and its name in messages. */
export interface DifferentiatedArgument {
  readonly index: number
  /** `params`, or `args[1]` when the argument was chosen by argnums. */
  readonly name: string
}

/** The first argument differentiated, named `params`: what valueAndGrad, grad and vjp do by default. */
export const PARAMS: readonly DifferentiatedArgument[] = [{ index: 0, name: 'params' }]

/** A call of a function being differentiated, with what it takes to run its backward pass. */
export interface TracedCall<R> {
  /** What `f` returned, unchecked. */
  readonly result: R
  readonly tape: Tape
  /** The tensors `f` received as the differentiated leaves, in leaf order. */
  readonly sources: readonly Tensor[]
  /** The structure of each differentiated argument, in the order they were asked for. */
  readonly treedefs: readonly TreeDef[]
}

/**
 * Runs `f(...args)` with a tape recording what depends on the leaves of the
 * `differentiated` arguments (pytrees of float tensors). The tape is
 * removed afterwards, also when `f` throws. `known` keeps the arguments'
 * structures from one call of a gradient function to the next.
 */
export function traceCall<A extends readonly unknown[], R>(
  caller: string,
  f: (...args: A) => R,
  args: A,
  differentiated: readonly DifferentiatedArgument[],
  known?: KnownStructures,
): TracedCall<R> {
  checkFunction(caller, 'f', f)
  const flattened = differentiated.map(({ index, name }) =>
    floatLeaves(caller, args[index] as Params, index, name, known),
  )
  // A fresh tensor per leaf: a tensor passed twice gets a gradient per
  // place, the same tensor reached by closure stays a constant for this
  // tape, and tapes of enclosing gradients still see where each leaf came from.
  const sources: Tensor[] = []
  const treedefs: TreeDef[] = []
  const callArgs: unknown[] = args.slice()
  for (let k = 0; k < flattened.length; k++) {
    const { leaves, treedef } = flattened[k]!
    const fresh = new Array<Tensor>(leaves.length)
    for (let i = 0; i < leaves.length; i++) {
      const leaf = leaves[i]!
      fresh[i] = reshape(leaf, leaf.shape)
      sources.push(fresh[i]!)
    }
    callArgs[differentiated[k]!.index] = unflattenTree(treedef, fresh)
    treedefs.push(treedef)
  }
  const tape = new Tape(sources)
  // Each differentiated argument was replaced by a tree of its own structure and type.
  const result = withTracer(tape, () => f(...(callArgs as [...A])))
  return { result, tape, sources, treedefs }
}

function floatLeaves(
  caller: string,
  tree: Params,
  index: number,
  name: string,
  known: KnownStructures | undefined,
): { leaves: Tensor[]; treedef: TreeDef } {
  const { leaves, treedef } = known?.flatten(caller, tree, index, name) ?? flattenTree(tree, { caller, name })
  for (let i = 0; i < leaves.length; i++) {
    const { dtype } = leaves[i]!
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new DTypeError(
        caller,
        `${rootedPath(name, treedef.paths[i]!)} has dtype ${dtype}; only float32 and float64 leaves can be differentiated (pass other values as extra arguments)`,
      )
    }
  }
  return { leaves, treedef }
}

/**
 * Checks that `value`, what a traced `f` returned as its output, is a float
 * tensor. `subject` opens the message: `f must return` or, for the loss of
 * `hasAux`, `with hasAux, f's loss must be`.
 */
export function floatOutput(caller: string, value: unknown, subject = 'f must return'): Tensor {
  if (!(value instanceof Tensor)) throw new DTypeError(caller, `${subject} a Tensor, got ${describeNode(value)}`)
  if (value.dtype !== 'float32' && value.dtype !== 'float64') {
    throw new DTypeError(caller, `${subject} a float32 or float64 tensor, got ${value.dtype}`)
  }
  return value
}

/**
 * The cotangents of the differentiated arguments of a traced call for the
 * cotangent `cotangent` of `output`, one tree per argument in its structure.
 * Leaves `f` did not use get zeros of their shape.
 */
export function pullBack(traced: TracedCall<unknown>, output: Tensor, cotangent: Tensor): Params[] {
  const leaves = pullBackLeaves(traced, output, cotangent)
  const { treedefs } = traced
  if (treedefs.length === 1) return [unflattenTree(treedefs[0]!, leaves)]
  let next = 0
  return treedefs.map((treedef) => unflattenTree(treedef, leaves.slice(next, (next += treedef.numLeaves))))
}

/** {@link pullBack} as one list of leaves, in leaf order. */
export function pullBackLeaves(traced: TracedCall<unknown>, output: Tensor, cotangent: Tensor): Tensor[] {
  return pullBackSeeds(traced, [[output, cotangent]])
}

/** {@link pullBackLeaves} from several outputs of the traced call at once, each with its cotangent. */
export function pullBackSeeds(traced: TracedCall<unknown>, seeds: readonly (readonly [Tensor, Tensor])[]): Tensor[] {
  const grads = backprop(traced.tape, seeds)
  const { sources } = traced
  const leaves = new Array<Tensor>(sources.length)
  for (let i = 0; i < sources.length; i++) {
    const x = sources[i]!
    leaves[i] = grads.get(x) ?? zeros(x.shape, x.dtype)
  }
  return leaves
}
