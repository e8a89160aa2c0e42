import type { TypedArray } from '../dtype'
import type { BinaryKernelOp } from './binaryLoops'
import { reluGradFloat32 } from './reluGradFloat32'

/** Fills all of `out` from `a` and `b`, both as long as `out`. */
type SameShapeLoop = (out: TypedArray, a: TypedArray, b: TypedArray) => void

/** Fills all of `out` from `a`, as long as `out`, and `row`, which repeats along it (a bias). */
type RowLoop = (out: TypedArray, a: TypedArray, row: TypedArray) => void

/** Fills all of `out` from `a`, as long as `out`, and the number `y`. */
type ScalarLoop = (out: TypedArray, a: TypedArray, y: number) => void

// Whole-array passes for the ops that run most on large tensors: a loop over
// 0 .. out.length with one index runs about a quarter faster than the
// strided row loops (one induction variable, and the engine can drop the
// bounds check on `out`). Same arithmetic as BINARY_LOOPS, so results are
// identical; ops missing here use the row loops.
export const SAME_SHAPE_LOOPS: Partial<Record<BinaryKernelOp, SameShapeLoop>> = {
  add: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! + b[i]!
  },
  sub: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! - b[i]!
  },
  mul: (out, a, b) => {
    if (a === b) {
      // x * x: one read per element.
      for (let i = 0, n = out.length; i < n; i++) {
        const v = a[i]!
        out[i] = v * v
      }
    } else {
      for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! * b[i]!
    }
  },
  div: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! / b[i]!
  },
  maximum: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = Math.max(a[i]!, b[i]!)
  },
  minimum: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = Math.min(a[i]!, b[i]!)
  },
  greater: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! > b[i]! ? 1 : 0
  },
  lessEqual: (out, a, b) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! <= b[i]! ? 1 : 0
  },
  reluGrad: (out, dy, y) => {
    if (out instanceof Float32Array && dy instanceof Float32Array && y instanceof Float32Array) {
      return reluGradFloat32(out, dy, y)
    }
    for (let i = 0, n = out.length; i < n; i++) out[i] = y[i]! <= 0 ? 0 : dy[i]!
  },
}

export const SCALAR_LOOPS: Partial<Record<BinaryKernelOp, ScalarLoop>> = {
  add: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! + y
  },
  sub: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! - y
  },
  mul: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! * y
  },
  div: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! / y
  },
  maximum: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = Math.max(a[i]!, y)
  },
  minimum: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = Math.min(a[i]!, y)
  },
  greater: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! > y ? 1 : 0
  },
  lessEqual: (out, a, y) => {
    for (let i = 0, n = out.length; i < n; i++) out[i] = a[i]! <= y ? 1 : 0
  },
}

// The bias-add layout, [rows, inner] with [inner], in one call rather than one per row. One pass with a
// wrapping row index: LeNet's rows are 6 and 16 long, and a nested loop pays its setup every few elements
// (about a quarter slower there).
export const ROW_LOOPS: Partial<Record<BinaryKernelOp, RowLoop>> = {
  add: (out, a, row) => {
    for (let i = 0, j = 0, m = row.length, n = out.length; i < n; i++) {
      out[i] = a[i]! + row[j]!
      if (++j === m) j = 0
    }
  },
  sub: (out, a, row) => {
    for (let i = 0, j = 0, m = row.length, n = out.length; i < n; i++) {
      out[i] = a[i]! - row[j]!
      if (++j === m) j = 0
    }
  },
  mul: (out, a, row) => {
    for (let i = 0, j = 0, m = row.length, n = out.length; i < n; i++) {
      out[i] = a[i]! * row[j]!
      if (++j === m) j = 0
    }
  },
  div: (out, a, row) => {
    for (let i = 0, j = 0, m = row.length, n = out.length; i < n; i++) {
      out[i] = a[i]! / row[j]!
      if (++j === m) j = 0
    }
  },
}
