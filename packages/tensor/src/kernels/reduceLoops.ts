import type { DType, TypedArray } from '../dtype'

/** The reductions the kernels implement; `all` and `any` fold bool storage (0/1 bytes). */
export type ReduceKernelOp = 'sum' | 'prod' | 'max' | 'min' | 'all' | 'any'

/** Folds each of the `out.length` contiguous blocks of `blockSize` values into `out`. */
type BlockLoop = (out: TypedArray, values: TypedArray, blockSize: number) => void

/** Folds `rows` rows of `out.length` values column by column into `out`. */
type ColumnLoop = (out: TypedArray, values: TypedArray, rows: number) => void

// Every fold is sequential in row-major order and rounds the accumulator to
// the dtype after each step, as TF1's CPU kernels accumulate. Block loops keep
// the accumulator in a local; column loops keep one per column in `out`, whose
// typed storage does the rounding. NaN wins max and min, as in numpy: once the
// accumulator is NaN, no comparison replaces it.
const BLOCK_LOOPS = {
  sumFloat32: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = 0
      for (const end = i + size; i < end; i++) acc = Math.fround(acc + values[i]!)
      out[o] = acc
    }
  },
  sumFloat64: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = 0
      for (const end = i + size; i < end; i++) acc += values[i]!
      out[o] = acc
    }
  },
  sumInt32: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = 0
      for (const end = i + size; i < end; i++) acc = (acc + values[i]!) | 0
      out[o] = acc
    }
  },
  prodFloat32: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = 1
      for (const end = i + size; i < end; i++) acc = Math.fround(acc * values[i]!)
      out[o] = acc
    }
  },
  prodFloat64: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = 1
      for (const end = i + size; i < end; i++) acc *= values[i]!
      out[o] = acc
    }
  },
  // 32-bit products wrap as in TensorFlow; a double product loses the low bits past 2 ** 53.
  prodInt32: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = 1
      for (const end = i + size; i < end; i++) acc = Math.imul(acc, values[i]!)
      out[o] = acc
    }
  },
  max: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = -Infinity
      for (const end = i + size; i < end; i++) acc = values[i]! > acc || values[i]! !== values[i]! ? values[i]! : acc
      out[o] = acc
    }
  },
  min: (out, values, size) => {
    for (let o = 0, i = 0, blocks = out.length; o < blocks; o++) {
      let acc = Infinity
      for (const end = i + size; i < end; i++) acc = values[i]! < acc || values[i]! !== values[i]! ? values[i]! : acc
      out[o] = acc
    }
  },
  // Logical folds stop reading a block at the first value that decides it.
  all: (out, values, size) => {
    for (let o = 0, start = 0, blocks = out.length; o < blocks; o++, start += size) {
      let acc = 1
      for (let i = start, end = start + size; i < end && acc === 1; i++) if (values[i] === 0) acc = 0
      out[o] = acc
    }
  },
  any: (out, values, size) => {
    for (let o = 0, start = 0, blocks = out.length; o < blocks; o++, start += size) {
      let acc = 0
      for (let i = start, end = start + size; i < end && acc === 0; i++) if (values[i] !== 0) acc = 1
      out[o] = acc
    }
  },
} satisfies Record<string, BlockLoop>

const COLUMN_LOOPS = {
  sum: (out, values, rows) => {
    const cols = out.length
    out.fill(0)
    for (let r = 0, i = 0; r < rows; r++) for (let o = 0; o < cols; o++, i++) out[o] = out[o]! + values[i]!
  },
  prod: (out, values, rows) => {
    const cols = out.length
    out.fill(1)
    for (let r = 0, i = 0; r < rows; r++) for (let o = 0; o < cols; o++, i++) out[o] = out[o]! * values[i]!
  },
  prodInt32: (out, values, rows) => {
    const cols = out.length
    out.fill(1)
    for (let r = 0, i = 0; r < rows; r++) for (let o = 0; o < cols; o++, i++) out[o] = Math.imul(out[o]!, values[i]!)
  },
  max: (out, values, rows) => {
    const cols = out.length
    out.set(values.subarray(0, cols))
    for (let r = 1, i = cols; r < rows; r++) {
      for (let o = 0; o < cols; o++, i++) if (values[i]! > out[o]! || values[i]! !== values[i]!) out[o] = values[i]!
    }
  },
  min: (out, values, rows) => {
    const cols = out.length
    out.set(values.subarray(0, cols))
    for (let r = 1, i = cols; r < rows; r++) {
      for (let o = 0; o < cols; o++, i++) if (values[i]! < out[o]! || values[i]! !== values[i]!) out[o] = values[i]!
    }
  },
  all: (out, values, rows) => {
    const cols = out.length
    out.fill(1)
    for (let r = 0, i = 0; r < rows; r++) for (let o = 0; o < cols; o++, i++) if (values[i] === 0) out[o] = 0
  },
  any: (out, values, rows) => {
    const cols = out.length
    out.fill(0)
    for (let r = 0, i = 0; r < rows; r++) for (let o = 0; o < cols; o++, i++) if (values[i] !== 0) out[o] = 1
  },
} satisfies Record<string, ColumnLoop>

// Keyed by op then dtype, so picking a loop builds no string.
const BLOCK_LOOP_BY_DTYPE = {
  sum: { float32: BLOCK_LOOPS.sumFloat32, int32: BLOCK_LOOPS.sumInt32, float64: BLOCK_LOOPS.sumFloat64 },
  prod: { float32: BLOCK_LOOPS.prodFloat32, int32: BLOCK_LOOPS.prodInt32, float64: BLOCK_LOOPS.prodFloat64 },
  max: { float32: BLOCK_LOOPS.max, int32: BLOCK_LOOPS.max, float64: BLOCK_LOOPS.max },
  min: { float32: BLOCK_LOOPS.min, int32: BLOCK_LOOPS.min, float64: BLOCK_LOOPS.min },
} satisfies Record<Exclude<ReduceKernelOp, 'all' | 'any'>, Record<Exclude<DType, 'bool'>, BlockLoop>>

/** The loop folding contiguous blocks with `op` in `dtype`. */
export function blockLoop(op: ReduceKernelOp, dtype: DType): BlockLoop {
  if (op === 'all' || op === 'any') return BLOCK_LOOPS[op]
  return BLOCK_LOOP_BY_DTYPE[op][dtype === 'bool' ? 'float64' : dtype]
}

/** The loop folding the rows of a matrix column by column with `op` in `dtype`. */
export function columnLoop(op: ReduceKernelOp, dtype: DType): ColumnLoop {
  return op === 'prod' && dtype === 'int32' ? COLUMN_LOOPS.prodInt32 : COLUMN_LOOPS[op]
}
