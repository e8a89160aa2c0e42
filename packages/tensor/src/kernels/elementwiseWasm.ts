import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import { isTrailingRow } from './binary'
import { eluWasm, expWasm, sigmoidWasm, tanhWasm } from './expWasm'
import type { BinaryKernelOp } from './binaryLoops'
import type { BinaryLayout } from './layouts'
import { logWasm } from './logWasm'
import type { UnaryKernelOp } from './unary'
import { address, sliceOut, toVectors, wasmHeap } from './wasmHeap'

// The elementwise passes a convolutional network runs on its largest tensors,
// in WebAssembly SIMD: relu, its gradient, the bias add, same-shaped
// arithmetic, clipping, log (logWasm.ts), exp, sigmoid, elu and tanh (expWasm.ts). Copying the
// operands into the heap and the result out runs at memory speed, and the
// passes themselves go four floats per instruction, where the JavaScript
// loops convert every float to a double and back. Each gives the TypeScript
// loop's bits: the relus pass values through by masks, and f32 add rounds as
// the store into a Float32Array does.

// Below this many elements the copies and the call cost more than they save.
const WASM_MIN_ELEMENTS = 1024

/**
 * `relu`, `neg`, `abs`, `sqrt`, `square`, `log`, `exp`, `elu`, `tanh` and the float32 `sigmoid` on float32 storage of
 * 1024 elements or more; undefined for what the TypeScript loops compute.
 */
export function unaryWasm(op: UnaryKernelOp, x: TypedArray, outDType: DType): TypedArray | undefined {
  if (outDType !== 'float32' || !(x instanceof Float32Array) || x.length < WASM_MIN_ELEMENTS) return undefined
  if (op === 'log') return logWasm(x)
  if (op === 'exp') return expWasm(x, 1)
  if (op === 'sigmoidFloat32') return sigmoidWasm(x)
  if (op === 'elu') return eluWasm(x)
  if (op === 'tanh') return tanhWasm(x)
  const simple = SIMPLE_UNARY_CODES[op]
  if (simple !== undefined) return simpleUnaryWasm(simple, x)
  if (op !== 'relu') return undefined
  const heap = wasmHeap(4 * toVectors(x.length))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  heap.kernels.relu(address(0), address(0), x.length)
  return sliceOut(heap, 0, x.length)
}

// The op numbers kernels.wat's `simpleUnary` takes.
const SIMPLE_UNARY_CODES: Partial<Record<UnaryKernelOp, number>> = { neg: 0, abs: 1, sqrt: 2, square: 3 }

function simpleUnaryWasm(code: number, x: Float32Array): Float32Array | undefined {
  const heap = wasmHeap(4 * toVectors(x.length))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  heap.kernels.simpleUnary(address(0), address(0), x.length, code)
  return sliceOut(heap, 0, x.length)
}

/**
 * `reluGrad` and `add`, `sub`, `mul`, `div` of same-shaped float32 operands, and the bias-add layout of `add` (float32 `a` as large as the
 * output, `b` one row repeating along it), from 1024 elements; undefined for what the TypeScript loops compute.
 */
export function binaryWasm(
  op: BinaryKernelOp,
  a: TypedArray,
  b: TypedArray,
  layout: BinaryLayout,
  outDType: DType,
): TypedArray | undefined {
  const n = a.length
  if (outDType !== 'float32' || !(a instanceof Float32Array) || !(b instanceof Float32Array)) return undefined
  if (n < WASM_MIN_ELEMENTS || n !== sizeOf(layout.outShape)) return undefined
  if (op === 'reluGrad' && b.length === n) return reluGradWasm(a, b)
  const arithmetic = ARITHMETIC_CODES[op]
  if (arithmetic !== undefined && a.length === n && b.length === n) return arithmeticWasm(arithmetic, a, b)
  if (op === 'add' && b.length < n && isTrailingRow(layout.bShape, layout.outShape)) return addRowWasm(a, b)
  return undefined
}

// The op numbers kernels.wat's `arithmetic` takes.
const ARITHMETIC_CODES: Partial<Record<BinaryKernelOp, number>> = { add: 0, sub: 1, mul: 2, div: 3 }

/** Same-shaped float32 `a` op `b`; `x * x` copies x in once. */
function arithmeticWasm(code: number, a: Float32Array, b: Float32Array): Float32Array | undefined {
  const size = toVectors(a.length)
  const heap = wasmHeap(4 * (a === b ? size : 2 * size))
  if (heap === undefined) return undefined
  heap.floats.set(a, 0)
  if (a !== b) heap.floats.set(b, size)
  heap.kernels.arithmetic(address(0), address(a === b ? 0 : size), address(0), a.length, code)
  return sliceOut(heap, 0, a.length)
}

/**
 * `clip` of float32 storage from 1024 elements: clipKernel's max(min(x, high), low) four lanes at a time, the
 * bounds rounded to float32 as there; undefined for what the TypeScript loop computes.
 */
export function clipWasm(x: TypedArray, lo: number, hi: number, dtype: DType): TypedArray | undefined {
  if (dtype !== 'float32' || !(x instanceof Float32Array) || x.length < WASM_MIN_ELEMENTS) return undefined
  const size = toVectors(x.length)
  const heap = wasmHeap(4 * (size + 2))
  if (heap === undefined) return undefined
  heap.floats.set(x, 0)
  heap.floats[size] = lo
  heap.floats[size + 1] = hi
  heap.kernels.clip(address(0), address(0), x.length, address(size))
  return sliceOut(heap, 0, x.length)
}

function reluGradWasm(dy: Float32Array, y: Float32Array): Float32Array | undefined {
  const size = toVectors(dy.length)
  const heap = wasmHeap(4 * 2 * size)
  if (heap === undefined) return undefined
  heap.floats.set(dy, 0)
  heap.floats.set(y, size)
  heap.kernels.reluGrad(address(0), address(size), address(0), dy.length)
  return sliceOut(heap, 0, dy.length)
}

/** `a` plus `row` repeating along it, the row laid out in the heap as often as it takes to fill whole vectors. */
function addRowWasm(a: Float32Array, row: Float32Array): Float32Array | undefined {
  const size = toVectors(a.length)
  const period = row.length * (4 / greatestCommonDivisor(row.length, 4))
  const heap = wasmHeap(4 * (size + period))
  if (heap === undefined) return undefined
  heap.floats.set(a, 0)
  for (let at = size; at < size + period; at += row.length) heap.floats.set(row, at)
  heap.kernels.addPattern(address(0), address(size), address(0), a.length, period)
  return sliceOut(heap, 0, a.length)
}

const greatestCommonDivisor = (x: number, y: number): number => (y === 0 ? x : greatestCommonDivisor(y, x % y))
