import { address, sliceOut, toVectors, wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

/**
 * Copies `x` and the float64 `table` into the heap, runs `pass` on them in place (given the byte addresses of
 * the table and of the list of values it left undecided) and returns the values, those left undecided computed
 * by `fallback`. Undefined where the engine cannot run the WebAssembly kernels or the heap cannot hold them.
 */
export function runTablePass(
  x: Float32Array,
  table: readonly number[] | Float64Array,
  pass: (heap: WasmHeap, table: number, undecided: number) => void,
  fallback: (v: number) => number,
): Float32Array | undefined {
  const size = toVectors(x.length)
  const tableAt = size
  const undecidedAt = tableAt + 2 * table.length
  const heap = wasmHeap(4 * (undecidedAt + 1 + size))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  new Float64Array(heap.floats.buffer, address(tableAt), table.length).set(table)
  pass(heap, address(tableAt), address(undecidedAt))
  const out = sliceOut(heap, 0, x.length)
  const { ints } = heap
  for (let at = undecidedAt + 1, end = at + ints[undecidedAt]!; at < end; at++) {
    const i = ints[at]!
    // The kernel runs whole vectors of four: an index past the end belongs to no value.
    if (i < x.length) out[i] = fallback(x[i]!)
  }
  return out
}
