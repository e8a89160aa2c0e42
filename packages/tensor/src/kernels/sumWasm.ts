import { allocate } from '../dtype'
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
 * adds in double and rounds. Sums of leading axes only (a bias gradient)
 * run down the columns eight at a time, each column's sum in row order as
 * the TypeScript column fold. Undefined for other ops and dtypes, smaller
 * sums, data past the 2 GB heap and engines without WebAssembly, which the
 * TypeScript kernel computes.
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
  const blockSize = blockSizeOf(shape, axes)
  const out = allocate('float32', x.length / blockSize)
  if (layout === 'columns') return columnSumsWasm(x, blockSize, out)
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

// columnSums reads up to this many floats past the matrix and writes its sums in groups of this many.
const COLUMN_GROUP = 8

/** `out[j]` = the sequential float32 sum over the `rows` rows of column j of `x`, in WebAssembly. */
function columnSumsWasm(x: Float32Array, rows: number, out: Float32Array): Float32Array | undefined {
  const cols = out.length
  const sumsAt = x.length + COLUMN_GROUP
  const heap = wasmHeap(4 * (sumsAt + cols + COLUMN_GROUP))
  if (heap === undefined) return undefined
  copyIn(heap, 0, x)
  heap.kernels.columnSums(address(0), address(sumsAt), rows, cols)
  copyOut(heap, sumsAt, cols, out)
  return out
}
