import type { DType } from './dtype'
import type { Tensor } from './tensor'

type NoAttrs = Readonly<Record<string, never>>
type Unary = { readonly inputs: readonly [Tensor]; readonly attrs: NoAttrs }
type Binary = { readonly inputs: readonly [Tensor, Tensor]; readonly attrs: NoAttrs }
type Reduction = { readonly inputs: readonly [Tensor]; readonly attrs: ReduceAttrs }

export interface ReduceAttrs {
  /** Sorted, non-negative axes that were reduced. */
  readonly axes: readonly number[]
  readonly keepDims: boolean
}

export interface CumulativeAttrs {
  readonly axis: number
  readonly exclusive: boolean
  readonly reverse: boolean
}

/**
 * The closed set of primitive ops, with the inputs and attributes each one
 * reports to the tracer. Every other op is composed from these, so autodiff
 * needs one gradient rule per entry and nothing else.
 */
export interface PrimitiveSignatures {
  // elementwise arithmetic
  add: Binary
  sub: Binary
  mul: Binary
  div: Binary
  pow: Binary
  maximum: Binary
  minimum: Binary
  /** TF1's ClipByValue: one pass, and a gradient that passes where clipMin <= x <= clipMax. */
  clipByValue: {
    readonly inputs: readonly [Tensor]
    readonly attrs: { readonly clipMin: number; readonly clipMax: number }
  }
  neg: Unary
  square: Unary
  sqrt: Unary
  exp: Unary
  log: Unary
  log1p: Unary
  abs: Unary
  sign: Unary
  // activations with TensorFlow's own gradient formulas
  sigmoid: Unary
  tanh: Unary
  elu: Unary
  /** elu's gradient from its output, TF's EluGrad kernel: inputs [dy, y]. */
  eluGrad: Binary
  // comparison and logic (not differentiable)
  greater: Binary
  greaterEqual: Binary
  less: Binary
  lessEqual: Binary
  equal: Binary
  notEqual: Binary
  logicalAnd: Binary
  logicalOr: Binary
  logicalNot: Unary
  where: { readonly inputs: readonly [Tensor, Tensor, Tensor]; readonly attrs: NoAttrs }
  // reductions
  sum: Reduction
  prod: Reduction
  max: Reduction
  min: Reduction
  /** TF1's L2Loss: `Σ x² / 2` over all of x, a scalar, in one pass; its gradient is `x · g`. */
  l2Loss: Unary
  argMax: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly axis: number } }
  argMin: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly axis: number } }
  cumsum: { readonly inputs: readonly [Tensor]; readonly attrs: CumulativeAttrs }
  cumprod: { readonly inputs: readonly [Tensor]; readonly attrs: CumulativeAttrs }
  // linear algebra
  matMul: {
    readonly inputs: readonly [Tensor, Tensor]
    readonly attrs: { readonly transposeA: boolean; readonly transposeB: boolean }
  }
  // shape and layout
  reshape: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly shape: readonly number[] } }
  transpose: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly perm: readonly number[] } }
  broadcastTo: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly shape: readonly number[] } }
  concat: { readonly inputs: readonly Tensor[]; readonly attrs: { readonly axis: number } }
  slice: {
    readonly inputs: readonly [Tensor]
    readonly attrs: { readonly begin: readonly number[]; readonly size: readonly number[] }
  }
  pad: {
    readonly inputs: readonly [Tensor]
    readonly attrs: { readonly paddings: readonly (readonly [number, number])[]; readonly constantValue: number }
  }
  tile: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly reps: readonly number[] } }
  gather: { readonly inputs: readonly [Tensor, Tensor]; readonly attrs: { readonly axis: number } }
  unsortedSegmentSum: {
    readonly inputs: readonly [Tensor, Tensor]
    readonly attrs: { readonly axis: number; readonly numSegments: number }
  }
  cast: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly dtype: DType } }
  stopGradient: Unary
}

export type Primitive = keyof PrimitiveSignatures
export type PrimitiveInputs<P extends Primitive> = PrimitiveSignatures[P]['inputs']
export type PrimitiveAttrs<P extends Primitive> = PrimitiveSignatures[P]['attrs']

export const NO_ATTRS: NoAttrs = Object.freeze({})
