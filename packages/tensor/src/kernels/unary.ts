import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { eluFloat32, expFloat32 } from './expFloat32'
import { logFloat32 } from './logFloat32'

/** Fills `out[i]` from `x[i]` for every element. */
type UnaryLoop = (out: TypedArray, x: TypedArray) => void

// One loop per op with the arithmetic inline (see binaryLoops.ts). Values are
// computed in double and rounded once by the store into the output's typed
// array; Math.fround(Math.exp/log/...) is the correctly rounded float32 result
// on the inputs the golden data checks. On float32 storage exp, log, elu and
// sigmoid use table-driven kernels that return exactly those bits, faster.
const UNARY_LOOPS = {
  neg: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = -x[i]!
  },
  square: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i]!
      out[i] = v * v
    }
  },
  squareInt32: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.imul(x[i]!, x[i]!)
  },
  sqrt: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.sqrt(x[i]!)
  },
  exp: (out, x) => {
    if (out instanceof Float32Array && x instanceof Float32Array) return expFloat32(out, x, 1)
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.exp(x[i]!)
  },
  log: (out, x) => {
    if (out instanceof Float32Array && x instanceof Float32Array) return logFloat32(out, x)
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.log(x[i]!)
  },
  log1p: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.log1p(x[i]!)
  },
  abs: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.abs(x[i]!)
  },
  // NaN stays NaN; both zeros give 0.
  sign: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i]!
      out[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN
    }
  },
  sigmoid: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / (1 + Math.exp(-x[i]!))
  },
  // TF1's float32 kernel rounds after each step: 1 / (1 + exp(-x)), exp(-x) computed into `out` first.
  sigmoidFloat32: (out, x) => {
    if (out instanceof Float32Array && x instanceof Float32Array) {
      expFloat32(out, x, -1)
      for (let i = 0, n = out.length; i < n; i++) out[i] = 1 / Math.fround(1 + out[i]!)
    } else {
      for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / Math.fround(1 + Math.fround(Math.exp(-x[i]!)))
    }
  },
  tanh: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.tanh(x[i]!)
  },
  // TensorFlow's elu: x for x > 0, exp(x) - 1 otherwise.
  elu: (out, x) => {
    if (out instanceof Float32Array && x instanceof Float32Array) return eluFloat32(out, x)
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i]!
      out[i] = v > 0 ? v : Math.expm1(v)
    }
  },
  logicalNot: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = 1 - x[i]!
  },
} satisfies Record<string, UnaryLoop>

/** The unary operations the kernels implement; dtype-specific variants carry the dtype in their name. */
export type UnaryKernelOp = keyof typeof UNARY_LOOPS

/** Applies `op` to every element of `x` into new storage of `outDType`. */
export function unaryKernel(op: UnaryKernelOp, x: TypedArray, outDType: DType): TypedArray {
  const out = allocate(outDType, x.length)
  UNARY_LOOPS[op](out, x)
  return out
}
