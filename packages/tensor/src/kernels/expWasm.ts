import { EXP_TABLE } from './expFloat32'
import { address, wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

/** `count` rounded up to whole f32x4 vectors. */
const toVectors = (count: number): number => (count + 3) & ~3

/**
 * e^(sign * x) of float32 storage in WebAssembly: the double evaluation of
 * expFloat32.ts, operation for operation, two values per f64x2 instruction,
 * so each result has that kernel's bits, which are
 * Math.fround(Math.exp(sign * x)). The values it leaves undecided, and
 * inputs out of its range or NaN, get Math.exp as there. Undefined where the
 * engine cannot run the WebAssembly kernels or the data does not fit their
 * heap.
 */
export function expWasm(x: Float32Array, sign: 1 | -1): Float32Array | undefined {
  return runWithTable(
    x,
    (heap, table, undecided) => heap.kernels.expFloat32(address(0), address(0), x.length, sign, table, undecided),
    (v) => Math.exp(sign * v),
  )
}

/**
 * TensorFlow's elu of float32 storage in WebAssembly, x above 0 and expm1(x) otherwise: eluFloat32's double
 * evaluation operation for operation, so its bits, which are Math.fround(x > 0 ? x : Math.expm1(x)).
 */
export function eluWasm(x: Float32Array): Float32Array | undefined {
  return runWithTable(
    x,
    (heap, table, undecided) => heap.kernels.eluFloat32(address(0), address(0), x.length, table, undecided),
    Math.expm1,
  )
}

/**
 * tanh of float32 storage in WebAssembly: -expm1(-2|x|) / (2 + expm1(-2|x|)) in double, expm1 by eluFloat32's
 * operations, with x's sign, kept where its error bound decides the float32 rounding; Math.tanh elsewhere (and
 * for NaN). So its bits are the TypeScript loop's, Math.fround(Math.tanh(x)).
 */
export function tanhWasm(x: Float32Array): Float32Array | undefined {
  return runWithTable(
    x,
    (heap, table, undecided) => heap.kernels.tanhFloat32(address(0), address(0), x.length, table, undecided),
    Math.tanh,
  )
}

/**
 * Copies `x` and EXP_TABLE into the heap, runs `pass` on them in place (given the byte addresses of the
 * table and of the undecided list) and returns the values, those left undecided computed by `fallback`.
 * Undefined where the heap cannot hold them.
 */
function runWithTable(
  x: Float32Array,
  pass: (heap: WasmHeap, table: number, undecided: number) => void,
  fallback: (v: number) => number,
): Float32Array | undefined {
  const size = toVectors(x.length)
  const tableAt = size
  const undecidedAt = tableAt + 2 * EXP_TABLE.length
  const heap = wasmHeap(4 * (undecidedAt + 1 + size))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  new Float64Array(heap.floats.buffer, address(tableAt), EXP_TABLE.length).set(EXP_TABLE)
  pass(heap, address(tableAt), address(undecidedAt))
  const out = heap.floats.slice(0, x.length)
  const { ints } = heap
  for (let at = undecidedAt + 1, end = at + ints[undecidedAt]!; at < end; at++) {
    const i = ints[at]!
    // The kernel runs whole vectors of four: an index past the end belongs to no value.
    if (i < x.length) out[i] = fallback(x[i]!)
  }
  return out
}

/** TF1's float32 sigmoid, 1 / (1 + e^-x) rounded after each step, from expWasm: sigmoidFloat32's bits. */
export function sigmoidWasm(x: Float32Array): Float32Array | undefined {
  const out = expWasm(x, -1)
  if (out === undefined) return undefined
  for (let i = 0, n = out.length; i < n; i++) out[i] = 1 / Math.fround(1 + out[i]!)
  return out
}
