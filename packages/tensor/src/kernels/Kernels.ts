import type { DType, TypedArray } from '../dtype'
import type { Shape } from '../shape'
import type { BinaryKernelOp } from './binaryLoops'
import type { BinaryLayout, Conv2DLayout, MatMulLayout, PoolLayout, SelectLayout } from './layouts'
import type { MaxPoolResult } from './poolMax'
import type { ArgReduceKernelOp } from './reduce'
import type { ReduceKernelOp } from './reduceLoops'
import type { UnaryKernelOp } from './unary'

/**
 * What each kernel computes, whichever implementation runs it. Kernels take
 * storage, shapes and an op code (never a callback), allocate their output
 * and never write to their inputs.
 */
export interface Kernels {
  /** `op` applied to every element of `x`. */
  readonly unary: (op: UnaryKernelOp, x: TypedArray, outDType: DType) => TypedArray
  /** `op` elementwise over `a` and `b` broadcast to `layout.outShape`. */
  readonly binary: (
    op: BinaryKernelOp,
    a: TypedArray,
    b: TypedArray,
    layout: BinaryLayout,
    outDType: DType,
  ) => TypedArray
  /** `condition ? a : b` elementwise, all broadcast to `layout.outShape`. */
  readonly select: (
    condition: TypedArray,
    a: TypedArray,
    b: TypedArray,
    layout: SelectLayout,
    outDType: DType,
  ) => TypedArray
  /** Batched matrix product; each output is the sequential sum over k, from 0, rounded to the dtype. */
  readonly matMul: (a: TypedArray, b: TypedArray, layout: MatMulLayout) => TypedArray
  /** Sequential fold of `axes` with `op`, rounding to `outDType` after every step. */
  readonly reduce: (
    op: ReduceKernelOp,
    x: TypedArray,
    shape: Shape,
    axes: readonly number[],
    outDType: DType,
  ) => TypedArray
  /** Index of the first largest or smallest value along `axis`. */
  readonly argReduce: (op: ArgReduceKernelOp, x: TypedArray, shape: Shape, axis: number) => Int32Array
  /** Axes permuted: output axis i is input axis `perm[i]`. */
  readonly transpose: (x: TypedArray, shape: Shape, perm: readonly number[], dtype: DType) => TypedArray
  /** `x` limited to [lo, hi], bounds rounded to `dtype`; NaN stays NaN. */
  readonly clip: (x: TypedArray, lo: number, hi: number, dtype: DType) => TypedArray
  /** `Σ x² / 2` over all of float `x`, one element: the sequential fold `sum(mul(square(x), 0.5))` performs. */
  readonly l2Loss: (x: TypedArray, dtype: DType) => TypedArray
  /** Each max pooling window's maximum (a NaN wins) and the flat index into `x` of its first occurrence. */
  readonly maxPool: (x: TypedArray, layout: PoolLayout) => MaxPoolResult
  /** Zeros of `inputSize` with each `dy[i]` added at `argmax[i]` (int32 storage), in order: max pooling's gradient. */
  readonly maxPoolGrad: (dy: TypedArray, argmax: TypedArray, inputSize: number, dtype: DType) => TypedArray
  /** Each window's mean over its real elements: a sequential sum in row-major order, then divided by the count. */
  readonly avgPool: (x: TypedArray, layout: PoolLayout, dtype: DType) => TypedArray
  /** TF1's AvgPoolGrad: `dy · (1 / count)` added to each real element of its window, windows in output order. */
  readonly avgPoolGrad: (dy: TypedArray, layout: PoolLayout, dtype: DType) => TypedArray
  /** TF's Conv2D, NHWC by HWIO: each output the sequential sum over its patch in (kh, kw, ic) order. */
  readonly conv2d: (x: TypedArray, filter: TypedArray, layout: Conv2DLayout) => TypedArray
  /** TF's Conv2DBackpropInput: col2im of dy · filterᵀ, each input element summing its output positions in order. */
  readonly conv2dBackpropInput: (filter: TypedArray, dy: TypedArray, layout: Conv2DLayout) => TypedArray
  /** TF's Conv2DBackpropFilter: im2colᵀ · dy, each filter element the sequential sum over output positions. */
  readonly conv2dBackpropFilter: (x: TypedArray, dy: TypedArray, layout: Conv2DLayout) => TypedArray
}
