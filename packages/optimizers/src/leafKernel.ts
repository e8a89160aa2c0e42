import { DTypeError, elementwiseKernel, isFloatDType } from '@gradstream/tensor'
import type { Tensor, TypedArray } from '@gradstream/tensor'

/** The storage of a floating-point leaf. */
export type FloatArray = Float32Array | Float64Array

/**
 * Rounds a double to a leaf's precision. Applied after every arithmetic step,
 * it makes a float32 kernel compute exactly what TF1's float32 Eigen kernels
 * compute: each of + - * / sqrt in double, rounded once, is the correctly
 * rounded float32 result.
 */
export type Round = (x: number) => number

/** Reads the named `inputs` (in place: never write to them) and fills the named `outputs`, element by element. */
export type LeafKernel<I extends string, O extends string> = (
  inputs: Readonly<Record<I, FloatArray>>,
  outputs: Readonly<Record<O, FloatArray>>,
  round: Round,
) => void

const exact: Round = (x) => x

/** The rounding of float32 or float64 arithmetic. */
export function roundFor(dtype: 'float32' | 'float64'): Round {
  return dtype === 'float32' ? Math.fround : exact
}

function floatDType(fn: string, leaf: Tensor): 'float32' | 'float64' {
  if (isFloatDType(leaf.dtype)) return leaf.dtype
  throw new DTypeError(fn, `parameters must be float32 or float64, got a leaf of dtype ${leaf.dtype}`)
}

// Float leaves are stored in Float32Array or Float64Array; the check narrows the type.
function floatValues(fn: string, values: TypedArray): FloatArray {
  if (values instanceof Float32Array || values instanceof Float64Array) return values
  throw new DTypeError(fn, `parameters must be float32 or float64, got storage ${values.constructor.name}`)
}

/**
 * Runs `kernel` over same-shaped, same-dtype float leaves, `leaves[k]` read
 * as input `names[k]`, and returns one new tensor of that shape and dtype per
 * name in `outputNames`, in that order. One pass per leaf instead of one op per formula
 * term, reading the leaves in place: an update step makes no intermediate
 * tensors and no copies. Callers check shapes and dtypes first, with the
 * leaf's path in the message.
 */
export function runLeafKernel<I extends string, O extends string>(
  fn: string,
  names: readonly I[],
  leaves: readonly Tensor[],
  outputNames: readonly O[],
  kernel: LeafKernel<I, O>,
): Tensor[] {
  const round = roundFor(floatDType(fn, leaves[0]!))
  return elementwiseKernel(leaves, outputNames.length, (inputs, outputs) =>
    kernel(
      recordOf(names, (_, k) => floatValues(fn, inputs[k]!)),
      recordOf(outputNames, (_, k) => floatValues(fn, outputs[k]!)),
      round,
    ),
  )
}

/** The keys of a record, typed as its key type (Object.keys widens them to string). */
export function keysOf<K extends string>(record: Readonly<Record<K, unknown>>): K[] {
  return Object.keys(record) as K[]
}

/** A record with one entry per key, `value(key, index)`. */
export function recordOf<K extends string, V>(keys: readonly K[], value: (key: K, index: number) => V): Record<K, V> {
  const out: Partial<Record<K, V>> = {}
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = value(keys[i]!, i)
  // Every key was just assigned, so the record is complete.
  return out as Record<K, V>
}
