import { LOG_TABLES } from './logFloat32'
import { runTablePass } from './tablePass'
import { address } from './wasmHeap'

/**
 * `log` of float32 storage in WebAssembly: the double evaluation of
 * logFloat32.ts, operation for operation, two values per f64x2 instruction,
 * so each result has that kernel's bits, which are Math.fround(Math.log(x)).
 * The values it leaves undecided, and zeros, subnormals, negatives,
 * infinities and NaN, get Math.log as there. Undefined where the engine
 * cannot run the WebAssembly kernels or the data does not fit their heap.
 */
export function logWasm(x: Float32Array): Float32Array | undefined {
  return runTablePass(
    x,
    LOG_TABLES,
    (heap, tables, undecided) => heap.kernels.logFloat32(address(0), address(0), x.length, tables, undecided),
    Math.log,
  )
}
