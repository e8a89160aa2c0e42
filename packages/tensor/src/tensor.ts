import { ShapeError } from '@gradstream/core'
import type { DType, TypedArray } from './dtype'
import { tensorText } from './format/tensorText'
import { encodeTensorJSON } from './tensorJSON'
import type { TensorJSON } from './tensorJSON'
import { formatShape, sizeOf } from './shape'
import { frozenShape } from './frozenShape'

/** Nested arrays of numbers (or booleans), as `toArray()` returns them. */
export type NestedArray = number | boolean | readonly NestedArray[]

// Set inside the class body: the only ways to reach a tensor's storage, kept
// internal to this package so no one outside can mutate a tensor.
let construct: (values: TypedArray, shape: readonly number[], dtype: DType) => Tensor
let constructDeferred: (values: DeferredValues, shape: readonly number[], dtype: DType) => Tensor
let read: (tensor: Tensor) => TypedArray
let deferred: (tensor: Tensor) => DeferredValues | undefined

/**
 * Values not computed yet: an elementwise expression over other tensors'
 * storage (kernels/fusion), computed on the tensor's first read or consumed
 * by a reduction without ever being stored. Internal.
 */
export interface DeferredValues {
  /** Computes the values; called at most once per tensor, which keeps them. */
  readonly compute: () => TypedArray
}

// Every tensor carries this brand on its prototype, one symbol across copies of
// this package (Symbol.for): the ESM and CommonJS builds, or two installed
// versions, each have their own Tensor class. Internal.
export const TENSOR_BRAND = Symbol.for('@gradstream/tensor')

// instanceof's own prototype-chain test, tried first: it is what V8 makes fastest.
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance]

// A tensor of another copy: its prototype carries the brand and the public
// dataSync this copy reads it through. Plain records and arrays, which pytree
// walks ask about most, are turned away by their prototype before any lookup.
function isForeignTensor(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === Array.prototype || proto === null) return false
  const foreign = value as { readonly [TENSOR_BRAND]?: unknown; readonly dataSync?: unknown }
  return foreign[TENSOR_BRAND] === true && typeof foreign.dataSync === 'function'
}

// A tensor of another copy keeps its storage private to that copy: it is read
// once through the public dataSync (a copy, so it stays immutable) and the
// copy is kept for the tensor's later reads.
const foreignStorage = new WeakMap<Tensor, TypedArray>()

function foreignValues(tensor: Tensor): TypedArray {
  let values = foreignStorage.get(tensor)
  if (values === undefined) {
    values = tensor.dataSync()
    foreignStorage.set(tensor, values)
  }
  return values
}

/**
 * An immutable n-dimensional array. Every op returns a new tensor; a tensor's
 * shape, dtype and values never change after it is made, and a tensor is
 * frozen: assigning or defining a property on it (`t.dataSync = ...`,
 * `Object.defineProperty(t, 'shape', ...)`) throws a TypeError, as does
 * patching `Tensor.prototype`.
 *
 * @example
 * const t = tensor([[1, 2], [3, 4]])
 * t.shape     // [2, 2]
 * t.toArray() // [[1, 2], [3, 4]]
 */
export class Tensor {
  // Private fields behind getters: nothing can reassign them, and freezing the
  // instance stops anyone shadowing a getter with an own property.
  // Exactly one of the two is set: the storage, or how to compute it on the first read (which then drops
  // the expression and what it holds of other tensors).
  #values: TypedArray | undefined
  #deferred: DeferredValues | undefined
  readonly #shape: readonly number[]
  readonly #dtype: DType

  private constructor(
    values: TypedArray | undefined,
    shape: readonly number[],
    dtype: DType,
    deferredValues: DeferredValues | undefined,
  ) {
    this.#values = values
    this.#deferred = deferredValues
    this.#shape = frozenShape(shape)
    this.#dtype = dtype
    // Not frozen here: that costs about 50 ns a tensor (51 -> 102 ns), 4-13% of
    // a small model's training step. The training stream freezes the tensors it
    // hands to subscribers instead (Object.preventExtensions and Object.seal
    // cost the same as Object.freeze).
  }

  static {
    construct = (values, shape, dtype) => new Tensor(values, shape, dtype, undefined)
    constructDeferred = (values, shape, dtype) => new Tensor(undefined, shape, dtype, values)
    read = (tensor) => (#values in tensor ? tensor.#storage() : foreignValues(tensor))
    deferred = (tensor) => (#values in tensor ? tensor.#deferred : undefined)
    Object.defineProperty(Tensor.prototype, TENSOR_BRAND, { value: true })
    Object.freeze(Tensor.prototype)
    Object.freeze(Tensor)
  }

  /**
   * `x instanceof Tensor` also holds for a tensor made by another loaded copy
   * of this package (its ESM and CommonJS builds, or two versions), known by
   * the brand they share and the public `dataSync` they read through, so every
   * op accepts it.
   * @example tensorFromCommonJsBuild instanceof Tensor // true
   */
  static [Symbol.hasInstance](value: unknown): value is Tensor {
    return ordinaryHasInstance.call(Tensor, value) || isForeignTensor(value)
  }

  /** The storage, computed now if it was deferred; the same values whenever it is computed. */
  #storage(): TypedArray {
    if (this.#values === undefined) {
      this.#values = this.#deferred!.compute()
      this.#deferred = undefined
    }
    return this.#values
  }

  /** Length of each axis; `[]` for a scalar. */
  get shape(): readonly number[] {
    return this.#shape
  }

  get dtype(): DType {
    return this.#dtype
  }

  /** Number of elements. */
  get size(): number {
    return this.#values?.length ?? sizeOf(this.#shape)
  }

  /** Number of axes. */
  get rank(): number {
    return this.#shape.length
  }

  /** The values as nested plain arrays (booleans for `bool`), a fresh copy each call. */
  toArray(): NestedArray {
    const values = this.#storage()
    const asValue = this.dtype === 'bool' ? (i: number) => values[i] === 1 : (i: number) => values[i]!
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === this.shape.length) return asValue(offset)
      const dim = this.shape[axis]!
      const inner = sizeOf(this.shape.slice(axis + 1))
      return Array.from({ length: dim }, (_, i) => build(axis + 1, offset + i * inner))
    }
    return build(0, 0)
  }

  /** A copy of the flat row-major values, in this tensor's typed-array type. */
  dataSync(): TypedArray {
    return this.#storage().slice()
  }

  /** The flat row-major values as a plain number array (bools as 0/1). */
  toFlatArray(): number[] {
    return Array.from(this.#storage())
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) {
      throw new ShapeError('item', `the tensor must have exactly one element, got shape ${formatShape(this.shape)}`)
    }
    return this.#storage()[0]!
  }

  /**
   * The tensor as plain JSON values, `{ dtype, shape, data }`, so
   * `JSON.stringify(t)` writes it whole; `tensorFromJSON` reads it back with
   * the same bits. `data` is row-major, bools as 0 and 1, and NaN, ±Infinity
   * and -0 (which JSON numbers cannot carry) as the strings 'NaN',
   * 'Infinity', '-Infinity' and '-0'.
   * @example JSON.stringify(tensor([1, NaN])) // '{"dtype":"float32","shape":[2],"data":[1,"NaN"]}'
   */
  toJSON(): TensorJSON {
    return encodeTensorJSON(this.#storage(), this.#shape, this.#dtype)
  }

  /** numpy's repr: `array([[2.5, 2.5, 3. ], [4. , 4.5, 4.5]], dtype=float32)`. */
  toString(): string {
    return tensorText(this.#storage(), this.#shape, this.#dtype, { style: 'repr', legacy: false, precision: 8 })
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString()
  }
}

/** Wraps storage a kernel has just filled; the tensor takes ownership. Internal. */
export function fromKernel(values: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  return construct(values, shape, dtype)
}

/**
 * A tensor whose values `values.compute()` gives on its first read; shape and dtype are known now. Internal:
 * the deferring ops have checked their arguments already, so a read never throws what the op would have.
 */
export function fromDeferred(values: DeferredValues, shape: readonly number[], dtype: DType): Tensor {
  return constructDeferred(values, shape, dtype)
}

/** The deferred values of `tensor` while they are not computed yet, else undefined. Internal. */
export function deferredOf(tensor: Tensor): DeferredValues | undefined {
  return deferred(tensor)
}

/** The storage of `tensor` (computed now if deferred), read-only by contract. Internal: never hand it out. */
export function valuesOf(tensor: Tensor): TypedArray {
  return read(tensor)
}
