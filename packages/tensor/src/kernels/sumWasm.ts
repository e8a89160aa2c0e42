import type { DType, TypedArray } from '../dtype'
import type { Shape } from '../shape'
import { blockSizeOf, groupReducedLast, reduceLayout } from './reduce'
import type { ReduceKernelOp } from './reduceLoops'
import { address, copyIn, copyOut, wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

// Float32 sums of this many values or more run in WebAssembly, where copying
// the values in costs less than the faster adds save.
const WASM_MIN_SUM_VALUES = 256

/**
 * The reduction in WebAssembly for float32 sums of 256 values or more, about
 * 4x the TypeScript loop, since each step is one f32 add where JavaScript
 * adds in double and rounds; undefined for other ops and dtypes, smaller
 * sums, sums of leading axes only (the TypeScript kernel folds those column
 * by column in place), data past the 2 GB heap and engines without
 * WebAssembly, which the TypeScript kernel computes.
 */
export function sumWasm(
  op: ReduceKernelOp,
  x: TypedArray,
  shape: Shape,
  axes: readonly number[],
  outDType: DType,
): TypedArray | undefined {
  if (op !== 'sum' || outDType !== 'float32' || !(x instanceof Float32Array) || x.length < WASM_MIN_SUM_VALUES) {
    return undefined
  }
  const layout = reduceLayout(shape, axes)
  if (layout === 'columns') return undefined
  const blockSize = blockSizeOf(shape, axes)
  const out = new Float32Array(x.length / blockSize)
  const heap = wasmHeap(4 * (x.length + out.length))
  if (heap === undefined) return undefined
  const values = layout === 'blocks' ? x : groupReducedLast(x, shape, axes).values
  sumBlocksWasmFloat32(heap, out, values, blockSize)
  return out
}

/**
 * `out[o]` = the sequential float32 sum, from 0, of the o-th block of `size`
 * float32 `values`, in WebAssembly: the TypeScript loop's bits. `heap` holds
 * at least `4 * (values.length + out.length)` bytes.
 */
export function sumBlocksWasmFloat32(heap: WasmHeap, out: Float32Array, values: TypedArray, size: number): void {
  copyIn(heap, 0, values)
  heap.kernels.sumBlocks(address(0), address(values.length), out.length, size)
  copyOut(heap, values.length, out.length, out)
}
