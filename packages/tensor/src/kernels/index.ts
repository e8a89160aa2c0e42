import type { DType, TypedArray } from '../dtype'
import type { Shape } from '../shape'
import { binaryKernel } from './binary'
import { clipKernel } from './clip'
import { l2LossKernel } from './l2Loss'
import type { BinaryKernelOp } from './binaryLoops'
import { matMulKernel } from './matMul'
import type { MatMulLayout } from './matMul'
import { argReduceKernel, reduceKernel } from './reduce'
import type { ArgReduceKernelOp } from './reduce'
import type { ReduceKernelOp } from './reduceLoops'
import { selectKernel } from './select'
import { transposeKernel } from './transpose'
import { unaryKernel } from './unary'
import type { UnaryKernelOp } from './unary'

export type { ArgReduceKernelOp, BinaryKernelOp, MatMulLayout, ReduceKernelOp, UnaryKernelOp }

/**
 * The compute layer under the ops: every hot loop over tensor storage. Ops
 * validate their arguments, then call `kernels.<name>` with storage, shapes
 * and an op code (never a callback), and wrap the new storage in a tensor.
 * Kernels allocate their output and never write to their inputs. Another
 * implementation (WebAssembly SIMD, say) can take over any entry here without
 * an op or the public API changing.
 */
export interface Kernels {
  /** `op` applied to every element of `x`. */
  readonly unary: (op: UnaryKernelOp, x: TypedArray, outDType: DType) => TypedArray
  /** `op` elementwise over `a` and `b` broadcast to `outShape`. */
  readonly binary: (
    op: BinaryKernelOp,
    a: TypedArray,
    aShape: Shape,
    b: TypedArray,
    bShape: Shape,
    outShape: Shape,
    outDType: DType,
  ) => TypedArray
  /** `condition ? a : b` elementwise, all broadcast to `outShape`. */
  readonly select: (
    condition: TypedArray,
    conditionShape: Shape,
    a: TypedArray,
    aShape: Shape,
    b: TypedArray,
    bShape: Shape,
    outShape: Shape,
    outDType: DType,
  ) => TypedArray
  /** Batched matrix product; each output is the sequential sum over k, from 0, rounded to the dtype. */
  readonly matMul: (
    a: TypedArray,
    b: TypedArray,
    transposeA: boolean,
    transposeB: boolean,
    layout: MatMulLayout,
  ) => TypedArray
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
}

/** The kernels the ops use: loops on typed arrays, with matMul in WebAssembly SIMD where the engine has it. */
export const kernels: Kernels = {
  unary: unaryKernel,
  binary: binaryKernel,
  select: selectKernel,
  matMul: matMulKernel,
  reduce: reduceKernel,
  argReduce: argReduceKernel,
  transpose: transposeKernel,
  clip: clipKernel,
  l2Loss: l2LossKernel,
}
