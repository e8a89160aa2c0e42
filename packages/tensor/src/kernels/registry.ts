import { binaryKernel } from './binary'
import { clipKernel } from './clip'
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from './conv2d'
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm, conv2dWasm } from './conv2dWasm'
import { binaryWasm, clipWasm, unaryWasm } from './elementwiseWasm'
import type { Kernels } from './Kernels'
import { l2LossKernel } from './l2Loss'
import { matMulKernel } from './matMul'
import { matMulWasm } from './matMulWasm'
import { avgPoolGradKernel, avgPoolKernel } from './poolAverage'
import { maxPoolGradKernel, maxPoolKernel } from './poolMax'
import { maxPoolGradWasm, maxPoolWasm } from './poolMaxWasm'
import { argReduceKernel, reduceKernel } from './reduce'
import { selectKernel } from './select'
import { sumWasm } from './sumWasm'
import { transposeKernel } from './transpose'
import { unaryKernel } from './unary'

// Kernels return storage, or a record of storage (max pooling's values with their indices).
type AnyKernel = (...args: never[]) => object

/**
 * A WebAssembly implementation of a kernel: the kernel's result, bit for bit
 * the TypeScript reference's, or undefined for arguments it leaves to the
 * reference (another dtype, too small to repay copying into the heap, past
 * the heap's 2 GB, an engine without WebAssembly SIMD).
 */
export type WasmImplementation<F extends AnyKernel> = (...args: Parameters<F>) => ReturnType<F> | undefined

/** The implementations of one kernel. */
export interface KernelImplementations<F extends AnyKernel> {
  /** The reference: plain loops on typed arrays, for every dtype and engine. */
  readonly typescript: F
  /** Tried first where present. */
  readonly wasm?: WasmImplementation<F>
}

/**
 * Every kernel with its TypeScript reference and, where one exists, its
 * WebAssembly implementation. A kernel added to {@link Kernels} fails to
 * compile until it has a row here.
 */
export const KERNEL_IMPLEMENTATIONS = {
  unary: { typescript: unaryKernel, wasm: unaryWasm },
  binary: { typescript: binaryKernel, wasm: binaryWasm },
  select: { typescript: selectKernel },
  matMul: { typescript: matMulKernel, wasm: matMulWasm },
  reduce: { typescript: reduceKernel, wasm: sumWasm },
  argReduce: { typescript: argReduceKernel },
  transpose: { typescript: transposeKernel },
  clip: { typescript: clipKernel, wasm: clipWasm },
  l2Loss: { typescript: l2LossKernel },
  maxPool: { typescript: maxPoolKernel, wasm: maxPoolWasm },
  maxPoolGrad: { typescript: maxPoolGradKernel, wasm: maxPoolGradWasm },
  avgPool: { typescript: avgPoolKernel },
  avgPoolGrad: { typescript: avgPoolGradKernel },
  conv2d: { typescript: conv2dKernel, wasm: conv2dWasm },
  conv2dBackpropInput: { typescript: conv2dBackpropInputKernel, wasm: conv2dBackpropInputWasm },
  conv2dBackpropFilter: { typescript: conv2dBackpropFilterKernel, wasm: conv2dBackpropFilterWasm },
} as const satisfies { readonly [Name in keyof Kernels]: KernelImplementations<Kernels[Name]> }

/**
 * The one place that picks an implementation: the WebAssembly one when the
 * kernel has it and it takes the arguments, else the TypeScript reference. A
 * kernel without WebAssembly is its reference itself, with no wrapper.
 */
function dispatch<F extends AnyKernel>({ typescript, wasm }: KernelImplementations<F>): F {
  if (wasm === undefined) return typescript
  const run = (...args: Parameters<F>) => wasm(...args) ?? typescript(...args)
  // The wrapper has F's parameters and result; TypeScript cannot see that a generic F is that function type.
  return run as unknown as F
}

/** The kernels the ops call, each dispatched through {@link KERNEL_IMPLEMENTATIONS}. */
export const kernels: Kernels = {
  unary: dispatch(KERNEL_IMPLEMENTATIONS.unary),
  binary: dispatch(KERNEL_IMPLEMENTATIONS.binary),
  select: dispatch(KERNEL_IMPLEMENTATIONS.select),
  matMul: dispatch(KERNEL_IMPLEMENTATIONS.matMul),
  reduce: dispatch(KERNEL_IMPLEMENTATIONS.reduce),
  argReduce: dispatch(KERNEL_IMPLEMENTATIONS.argReduce),
  transpose: dispatch(KERNEL_IMPLEMENTATIONS.transpose),
  clip: dispatch(KERNEL_IMPLEMENTATIONS.clip),
  l2Loss: dispatch(KERNEL_IMPLEMENTATIONS.l2Loss),
  maxPool: dispatch(KERNEL_IMPLEMENTATIONS.maxPool),
  maxPoolGrad: dispatch(KERNEL_IMPLEMENTATIONS.maxPoolGrad),
  avgPool: dispatch(KERNEL_IMPLEMENTATIONS.avgPool),
  avgPoolGrad: dispatch(KERNEL_IMPLEMENTATIONS.avgPoolGrad),
  conv2d: dispatch(KERNEL_IMPLEMENTATIONS.conv2d),
  conv2dBackpropInput: dispatch(KERNEL_IMPLEMENTATIONS.conv2dBackpropInput),
  conv2dBackpropFilter: dispatch(KERNEL_IMPLEMENTATIONS.conv2dBackpropFilter),
}
