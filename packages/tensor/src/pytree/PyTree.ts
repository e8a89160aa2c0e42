import type { Tensor } from '../tensor'
import { StructureError, describeNode, rootedPath } from '@gradstream/core'

/**
 * A nested structure of plain objects and arrays whose leaves are `L`
 * (tensors by default), as JAX's pytrees: `{ w1, layers: [{ w, b }, ...] }`.
 * Object keys keep their insertion order.
 * @example const shapes: PyTree<number[]> = { w: [2, 3], layers: [[3]] }
 */
export type PyTree<L = Tensor> = L | readonly PyTree<L>[] | { readonly [key: string]: PyTree<L> }

/**
 * Model parameters, gradients and optimizer state: pytrees of tensors.
 * @example const params: Params = { w: zeros([2, 1]), layers: [{ b: zeros([1]) }] }
 */
export type Params = PyTree<Tensor>

/**
 * The type of tree `T` with every Tensor leaf replaced by `R`, keeping the
 * structure (and readonly modifiers). The general `Params` maps to `PyTree<R>`.
 * @example type Shapes = MapTree<{ w: Tensor; b: Tensor[] }, number[]> // { w: number[]; b: number[][] }
 */
export type MapTree<T, R> = Params extends T ? PyTree<R> : T extends Tensor ? R : { [K in keyof T]: MapTree<T[K], R> }

// Tensors are leaves; arrays and plain objects (prototype `Object.prototype`
// or `null`) are nodes; anything else (numbers, strings, null, undefined,
// Maps, class instances) is an error, so a slip in a tree fails loudly
// instead of being carried along silently.

/** The error for a value a pytree may not hold. */
export function invalidNodeError(fn: string, root: string, path: string, value: unknown): StructureError {
  return new StructureError(
    fn,
    `${rootedPath(root, path)} is ${describeNode(value)}; pytrees hold Tensor leaves in plain objects and arrays`,
  )
}
