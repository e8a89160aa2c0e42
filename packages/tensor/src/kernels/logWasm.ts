import { LOG_TABLES } from './logFloat32'
import { address, wasmHeap } from './wasmHeap'

/** `count` rounded up to whole f32x4 vectors. */
const toVectors = (count: number): number => (count + 3) & ~3

/**
 * `log` of float32 storage in WebAssembly: the double evaluation of
 * logFloat32.ts, operation for operation, two values per f64x2 instruction,
 * so each result has that kernel's bits, which are Math.fround(Math.log(x)).
 * The values it leaves undecided, and zeros, subnormals, negatives,
 * infinities and NaN, get Math.log as there. Undefined where the engine
 * cannot run the WebAssembly kernels or the data does not fit their heap.
 */
export function logWasm(x: Float32Array): Float32Array | undefined {
  const size = toVectors(x.length)
  const tablesAt = size
  const undecidedAt = tablesAt + 2 * LOG_TABLES.length
  const heap = wasmHeap(4 * (undecidedAt + 1 + size))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  new Float64Array(heap.floats.buffer, address(tablesAt), LOG_TABLES.length).set(LOG_TABLES)
  heap.kernels.logFloat32(address(0), address(0), x.length, address(tablesAt), address(undecidedAt))
  const out = heap.floats.slice(0, x.length)
  const { ints } = heap
  for (let at = undecidedAt + 1, end = at + ints[undecidedAt]!; at < end; at++) {
    const i = ints[at]!
    // The kernel runs whole vectors of four: an index past the end belongs to no value.
    if (i < x.length) out[i] = Math.log(x[i]!)
  }
  return out
}
