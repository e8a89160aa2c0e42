import { EXP_TABLE } from './expFloat32'
import { runTablePass } from './tablePass'
import { address } from './wasmHeap'

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
  return runTablePass(
    x,
    EXP_TABLE,
    (heap, table, undecided) => heap.kernels.expFloat32(address(0), address(0), x.length, sign, table, undecided),
    (v) => Math.exp(sign * v),
  )
}

/**
 * TensorFlow's elu of float32 storage in WebAssembly, x above 0 and expm1(x) otherwise: eluFloat32's double
 * evaluation operation for operation, so its bits, which are Math.fround(x > 0 ? x : Math.expm1(x)).
 */
export function eluWasm(x: Float32Array): Float32Array | undefined {
  return runTablePass(
    x,
    EXP_TABLE,
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
  return runTablePass(
    x,
    EXP_TABLE,
    (heap, table, undecided) => heap.kernels.tanhFloat32(address(0), address(0), x.length, table, undecided),
    Math.tanh,
  )
}

/** TF1's float32 sigmoid, 1 / (1 + e^-x) rounded after each step, from expWasm: sigmoidFloat32's bits. */
export function sigmoidWasm(x: Float32Array): Float32Array | undefined {
  const out = expWasm(x, -1)
  if (out === undefined) return undefined
  for (let i = 0, n = out.length; i < n; i++) out[i] = 1 / Math.fround(1 + out[i]!)
  return out
}
