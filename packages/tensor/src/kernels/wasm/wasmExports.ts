/**
 * The functions kernels.wat exports, as TypeScript sees them. Every argument
 * is an i32: pointers are byte offsets into the heap, the rest are counts.
 * Nothing checks these signatures when the module loads; `WASM_EXPORT_ARITY`
 * ties them to a number the compiler checks, and wasmExports.test.ts checks
 * those numbers against the module itself.
 */
export interface WasmKernels {
  /** `out[o]` = the sequential float32 sum of the o-th block of `size` floats at `values`. */
  readonly sumBlocks: (values: number, out: number, blocks: number, size: number) => void
  /** Rearranges `b` (k x n, row-major) into the column panels `matMul` reads front to back. */
  readonly packPanels: (b: number, panels: number, k: number, n: number) => void
  /**
   * `out` (m x n) = `a` (m x k) times the packed `b`, each output the
   * sequential float32 sum over k from +0, or from `out`'s value when
   * `accumulate` is 1 (a sum over k in consecutive blocks).
   */
  readonly matMul: (a: number, panels: number, out: number, m: number, k: number, n: number, accumulate: number) => void
  /**
   * Writes `panels` 16-column panels of `rows` rows at `out`: lane l of row i
   * of panel p is the float at byte address `across[16p + l] + down[i]`
   * (`across` and `down` are i32 arrays).
   */
  readonly gatherPanels: (across: number, down: number, out: number, panels: number, rows: number) => void
  /**
   * For each row r of `values` (`rows` rows, `width` floats apart) in order, adds its columns in order to
   * the floats from byte address `across[r] + offset`, run by run: `runs` holds `runCount` i32 pairs
   * (byte offset, length in floats) that take the columns one after another.
   */
  readonly scatterAddRuns: (
    values: number,
    width: number,
    across: number,
    runs: number,
    runCount: number,
    rows: number,
  ) => void
  /** `out` (cols x rows) = the transpose of `rows` x `cols` floats at `values`, rows `stride` floats apart. */
  readonly transpose: (values: number, out: number, rows: number, cols: number, stride: number) => void
  /** `out[i]` = `x[i]` where it is above 0 or NaN, else +0, over `count` rounded up to whole f32x4 vectors. */
  readonly relu: (x: number, out: number, count: number) => void
  /** `out[i]` = `dy[i]` where `y[i]` is above 0 or NaN, else +0, over `count` rounded up to whole vectors. */
  readonly reluGrad: (dy: number, y: number, out: number, count: number) => void
  /** `out[i]` = `a[i] + pattern[i mod period]`, `period` a multiple of 4, over `count` rounded up to whole vectors. */
  readonly addPattern: (a: number, pattern: number, out: number, count: number, period: number) => void
  /**
   * `out[j]` = the sequential float32 sum over the rows of column j of the `rows` x `cols` matrix at
   * `values`, eight columns at a time: reads up to 7 floats past the matrix and writes `cols` rounded up to 8.
   */
  readonly columnSums: (values: number, out: number, rows: number, cols: number) => void
  /**
   * For each max pooling window over NHWC `x`, its maximum (a NaN wins) and the flat index of the first
   * occurrence, four channels at a time; `rowSpans` and `colSpans` are i32 pairs, each window's first real
   * row or column and one past its last. Reads up to 3 floats past `x` and writes up to 3 past the outputs.
   */
  readonly maxPool: (
    x: number,
    values: number,
    argmax: number,
    rowSpans: number,
    colSpans: number,
    batch: number,
    inHeight: number,
    inWidth: number,
    channels: number,
    outHeight: number,
    outWidth: number,
  ) => void
  /** `out[argmax[i]] += dy[i]` for each of `count` elements in order: max pooling's gradient into zeroed `out`. */
  readonly scatterAdd: (dy: number, argmax: number, out: number, count: number) => void
  /**
   * Writes, as i32s at `out`, `first + b * imageBytes + i * rowBytes + j * colBytes` for every output
   * position (b, i, j) in row-major order: where each position's window starts in a padded image.
   */
  readonly windowAddresses: (
    out: number,
    first: number,
    batch: number,
    outHeight: number,
    outWidth: number,
    imageBytes: number,
    rowBytes: number,
    colBytes: number,
  ) => void
  /**
   * Five taps by eight channels of a filter gradient: `out[t, c]` (rows `outRowBytes` apart) = the sequential
   * sum over `rows` rows r of the float at `positions[r] + taps[t]` times `dy[r, c]` (rows `dyRowBytes`
   * apart), from +0. Reads up to 7 floats past dy's last row.
   */
  readonly filterGradientBlock: (
    positions: number,
    rows: number,
    taps: number,
    dy: number,
    dyRowBytes: number,
    out: number,
    outRowBytes: number,
  ) => void
  /**
   * Five positions by eight output channels of a convolution: `out[p, c]` (rows `outRowBytes` apart) = the
   * sequential sum from +0 over the `tapCount` taps t of the float at `positions[p] + taps[t]` times
   * `filter[t, c]` (rows `filterRowBytes` apart), for `rows` positions, a multiple of five. The lanes past the
   * last channel write into the next position's first: run channel blocks from the last to the first.
   */
  readonly convOutputBlock: (
    positions: number,
    rows: number,
    taps: number,
    tapCount: number,
    filter: number,
    filterRowBytes: number,
    out: number,
    outRowBytes: number,
  ) => void
  /**
   * `out[i]` = `a[i]` op `b[i]` rounded to float32, op 0 add, 1 sub, 2 mul, 3 div, over `count` (at least 1)
   * rounded up to whole f32x4 vectors.
   */
  readonly arithmetic: (a: number, b: number, out: number, count: number, op: number) => void
  /** `out[i]` = op(`x[i]`), op 0 neg, 1 abs, 2 sqrt, 3 square, over `count` (at least 1) rounded up to whole vectors. */
  readonly simpleUnary: (x: number, out: number, count: number, op: number) => void
  /** `out[i]` = max(min(`x[i]`, `bounds[1]`), `bounds[0]`) over `count` rounded up to whole f32x4 vectors. */
  readonly clip: (x: number, out: number, count: number, bounds: number) => void
  /**
   * `out[i]` = log(`x[i]`) rounded to float32 by logFloat32.ts's double evaluation from the f64 pairs in `tables`
   * (its `LOG_TABLES`), over `count` rounded up to whole f32x4 vectors; the indices it leaves to Math.log
   * (undecided roundings, and inputs that are not positive normal floats) follow the i32 count at `undecided`.
   */
  readonly logFloat32: (x: number, out: number, count: number, tables: number, undecided: number) => void
  /**
   * `out[i]` = e^(`sign` `x[i]`) rounded to float32 by expFloat32.ts's double evaluation from the f64
   * `table` (its `EXP_TABLE`), over `count` rounded up to whole f32x4 vectors; the indices it leaves to
   * Math.exp (undecided roundings, inputs out of range, NaN) follow the i32 count at `undecided`.
   */
  readonly expFloat32: (x: number, out: number, count: number, sign: number, table: number, undecided: number) => void
  /**
   * `out[i]` = elu(`x[i]`) rounded to float32: `x[i]` above 0, else expm1 by eluFloat32's double evaluation
   * from the f64 `table` (`EXP_TABLE`), over `count` rounded up to whole f32x4 vectors; the indices it leaves
   * to Math.expm1 follow the i32 count at `undecided`.
   */
  readonly eluFloat32: (x: number, out: number, count: number, table: number, undecided: number) => void
  /**
   * `out[i]` = tanh(`x[i]`) rounded to float32 from -expm1(-2|x|) / (2 + expm1(-2|x|)), expm1 as eluFloat32's,
   * over `count` rounded up to whole f32x4 vectors; the indices it leaves to Math.tanh follow the i32 count at
   * `undecided`.
   */
  readonly tanhFloat32: (x: number, out: number, count: number, table: number, undecided: number) => void
  /** The f32 at `total` plus the `count` floats at `values`, added in order with f32 rounding, stored at `total`. */
  readonly sumContinued: (values: number, count: number, total: number) => void
}

/** How many parameters each export takes: the length of its parameter list in {@link WasmKernels}. */
export const WASM_EXPORT_ARITY = {
  sumBlocks: 4,
  packPanels: 4,
  matMul: 7,
  gatherPanels: 5,
  scatterAddRuns: 6,
  transpose: 5,
  relu: 3,
  reluGrad: 4,
  addPattern: 5,
  columnSums: 4,
  maxPool: 11,
  scatterAdd: 4,
  windowAddresses: 8,
  filterGradientBlock: 7,
  convOutputBlock: 8,
  arithmetic: 5,
  clip: 4,
  simpleUnary: 4,
  logFloat32: 5,
  expFloat32: 6,
  eluFloat32: 5,
  tanhFloat32: 5,
  sumContinued: 3,
} as const satisfies { readonly [Name in keyof WasmKernels]: Parameters<WasmKernels[Name]>['length'] }
