import { Tensor } from '@gradstream/tensor'
import { StructureError } from '../errors'

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

/**
 * True for a plain object (prototype `Object.prototype` or `null`): an object
 * node of a pytree. Arrays, tensors and other class instances are not.
 * @example isPlainObject({ w: ones([2]) }) // true
 */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto: unknown = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** A short description of a value for error messages: `a Tensor`, `an array`, `a number`, `null`. */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value)
  if (value instanceof Tensor) return 'a Tensor'
  if (Array.isArray(value)) return 'an array'
  if (isPlainObject(value)) return 'an object'
  const name: unknown = typeof value === 'object' ? value.constructor.name : undefined
  return typeof name === 'string' && name !== '' ? `a ${name}` : `a ${typeof value}`
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/

/** The path of `key` under `path`: `layers[2]`, `layers[2].b`, `["my key"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`
  return path === '' ? key : `${path}.${key}`
}

/** A path as it appears in messages, under the tree's name: `params.layers[2].b`, or `params` for the root. */
export function rootedPath(root: string, path: string): string {
  if (path === '') return root
  return path.startsWith('[') ? `${root}${path}` : `${root}.${path}`
}

/** The error for a value a pytree may not hold. */
export function invalidNodeError(fn: string, root: string, path: string, value: unknown): StructureError {
  return new StructureError(
    fn,
    `${rootedPath(root, path)} is ${describe(value)}; pytrees hold Tensor leaves in plain objects and arrays`,
  )
}
