import { allocate } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { erf } from './erf'
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
  // The values of relu's composite where(x <= 0, 0, x): -0 becomes +0, NaN stays NaN. Math.max compiles
  // without a branch, which random signs would mispredict: about twice as fast as the ternary.
  relu: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.max(x[i]!, 0)
  },
  // TensorFlow's elu: x for x > 0, exp(x) - 1 otherwise.
  elu: (out, x) => {
    if (out instanceof Float32Array && x instanceof Float32Array) return eluFloat32(out, x)
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i]!
      out[i] = v > 0 ? v : Math.expm1(v)
    }
  },
  // TF1's Round (Eigen's scalar_round_op_google): half to even by its own steps, so -0.4 gives +0, as TF1.
  round: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) {
      const v = x[i]!
      const below = Math.floor(v)
      const fraction = v - below
      if (fraction > 0.5) out[i] = below + 1
      else if (fraction === 0.5) out[i] = below - 2 * Math.floor(0.5 * v) === 1 ? below + 1 : below
      else out[i] = below
    }
  },
  floor: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.floor(x[i]!)
  },
  ceil: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.ceil(x[i]!)
  },
  sin: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.sin(x[i]!)
  },
  cos: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.cos(x[i]!)
  },
  tan: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.tan(x[i]!)
  },
  asin: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.asin(x[i]!)
  },
  acos: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.acos(x[i]!)
  },
  atan: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.atan(x[i]!)
  },
  sinh: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.sinh(x[i]!)
  },
  cosh: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.cosh(x[i]!)
  },
  // Two double roundings before the store's: within an ulp of a double, so the float32 store rounds correctly
  // but where that ulp straddles a float32 midpoint.
  rsqrt: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / Math.sqrt(x[i]!)
  },
  reciprocal: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = 1 / x[i]!
  },
  expm1: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.expm1(x[i]!)
  },
  erf: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = erf(x[i]!)
  },
  // Predicates write 1 or 0 into bool storage.
  isNaN: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = x[i]! !== x[i]! ? 1 : 0
  },
  isFinite: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Number.isFinite(x[i]!) ? 1 : 0
  },
  isInf: (out, x) => {
    for (let i = 0, n = x.length; i < n; i++) out[i] = Math.abs(x[i]!) === Infinity ? 1 : 0
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
