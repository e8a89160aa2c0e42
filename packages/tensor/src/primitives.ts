import type { DType } from './dtype'
import type { Padding } from './ops/windowGeometry'
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

/** TF's MirrorPad modes: REFLECT leaves the edge out of the mirror image, SYMMETRIC repeats it. */
export type MirrorPadMode = 'REFLECT' | 'SYMMETRIC'

export interface MirrorPadAttrs {
  readonly paddings: readonly (readonly [number, number])[]
  readonly mode: MirrorPadMode
}

/** A 2-D pooling window over NHWC input, as the op was called ([height, width] pairs). */
export interface PoolAttrs {
  readonly ksize: readonly [number, number]
  readonly strides: readonly [number, number]
  readonly padding: Padding
}

export interface CumulativeAttrs {
  readonly axis: number
  readonly exclusive: boolean
  readonly reverse: boolean
}

/** How a 2-D convolution slides its filter, as TF's Conv2D attributes (NHWC input, HWIO filter). */
export interface Conv2DAttrs {
  readonly strides: readonly [number, number]
  readonly padding: Padding
  readonly dilations: readonly [number, number]
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
  /** TF's FloorDiv: floor(a / b); no gradient, as in TF1. */
  floorDiv: Binary
  /** TF1's FloorMod (`tf.mod`): the remainder with b's sign; its gradient is TF's FloorModGrad. */
  mod: Binary
  reciprocal: Unary
  rsqrt: Unary
  expm1: Unary
  erf: Unary
  // rounding (no gradient, as in TF1)
  floor: Unary
  ceil: Unary
  round: Unary
  // trigonometric and hyperbolic
  sin: Unary
  cos: Unary
  tan: Unary
  asin: Unary
  acos: Unary
  atan: Unary
  /** TF's Atan2 with inputs [y, x]. */
  atan2: Binary
  sinh: Unary
  cosh: Unary
  // activations with TensorFlow's own gradient formulas
  sigmoid: Unary
  tanh: Unary
  elu: Unary
  /** elu's gradient from its output, TF's EluGrad kernel: inputs [dy, y]. */
  eluGrad: Binary
  /** TF's Relu in one pass: 0 where x <= 0, x elsewhere (NaN passes). */
  relu: Unary
  /** relu's gradient from its output, TF's ReluGrad kernel: inputs [dy, y]. */
  reluGrad: Binary
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
  // float predicates (bool results, not differentiable)
  isNaN: Unary
  isFinite: Unary
  isInf: Unary
  where: { readonly inputs: readonly [Tensor, Tensor, Tensor]; readonly attrs: NoAttrs }
  // reductions
  sum: Reduction
  prod: Reduction
  max: Reduction
  min: Reduction
  /** TF1's All and Any: logical folds of bool tensors (not differentiable). */
  all: Reduction
  any: Reduction
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
  // pooling over NHWC input
  /**
   * TF's MaxPool. `argmax` (int32, the output's shape) is the flat index in x
   * of each output's maximum: the forward scan finds it anyway, and keeping
   * it spares the gradient a second scan.
   */
  maxPool: { readonly inputs: readonly [Tensor]; readonly attrs: PoolAttrs & { readonly argmax: Tensor } }
  /** TF's MaxPoolGradWithArgmax, inputs [dy, argmax]: each dy added at its flat index into zeros of inputShape. */
  maxPoolGrad: {
    readonly inputs: readonly [Tensor, Tensor]
    readonly attrs: { readonly inputShape: readonly number[] }
  }
  avgPool: { readonly inputs: readonly [Tensor]; readonly attrs: PoolAttrs }
  /** TF's AvgPoolGrad, inputs [dy]: average pooling's gradient, whose own gradient is avgPool. */
  avgPoolGrad: {
    readonly inputs: readonly [Tensor]
    readonly attrs: PoolAttrs & { readonly inputShape: readonly number[] }
  }
  // convolutions (NHWC input, HWIO filter), closed under differentiation
  conv2d: { readonly inputs: readonly [Tensor, Tensor]; readonly attrs: Conv2DAttrs }
  /** TF's Conv2DBackpropInput: inputs [filter, dy]. */
  conv2dBackpropInput: {
    readonly inputs: readonly [Tensor, Tensor]
    readonly attrs: Conv2DAttrs & { readonly inputShape: readonly number[] }
  }
  /** TF's Conv2DBackpropFilter: inputs [x, dy]. */
  conv2dBackpropFilter: {
    readonly inputs: readonly [Tensor, Tensor]
    readonly attrs: Conv2DAttrs & { readonly filterShape: readonly number[] }
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
  /** TF's MirrorPad (REFLECT or SYMMETRIC), and its gradient MirrorPadGrad, which folds the padding back. */
  mirrorPad: { readonly inputs: readonly [Tensor]; readonly attrs: MirrorPadAttrs }
  mirrorPadGrad: { readonly inputs: readonly [Tensor]; readonly attrs: MirrorPadAttrs }
  /** Elements begin + k·stride on each axis of x, k < size: strided slicing with its masks resolved. */
  stridedSlice: {
    readonly inputs: readonly [Tensor]
    readonly attrs: {
      readonly begin: readonly number[]
      readonly strides: readonly number[]
      readonly size: readonly number[]
    }
  }
  reverse: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly axes: readonly number[] } }
  gather: { readonly inputs: readonly [Tensor, Tensor]; readonly attrs: { readonly axis: number } }
  unsortedSegmentSum: {
    readonly inputs: readonly [Tensor, Tensor]
    readonly attrs: { readonly axis: number; readonly numSegments: number }
  }
  gatherND: { readonly inputs: readonly [Tensor, Tensor]; readonly attrs: NoAttrs }
  /** TF's ScatterNd: inputs [indices, updates]. */
  scatterND: { readonly inputs: readonly [Tensor, Tensor]; readonly attrs: { readonly shape: readonly number[] } }
  cast: { readonly inputs: readonly [Tensor]; readonly attrs: { readonly dtype: DType } }
  stopGradient: Unary
}

export type Primitive = keyof PrimitiveSignatures
export type PrimitiveInputs<P extends Primitive> = PrimitiveSignatures[P]['inputs']
export type PrimitiveAttrs<P extends Primitive> = PrimitiveSignatures[P]['attrs']

export const NO_ATTRS: NoAttrs = Object.freeze({})
