import type { TypedArray } from '../dtype'
import { patchRows, patchSize } from './im2col'
import type { Conv2DLayout } from './layouts'

// Sizes shared by the convolutions' WebAssembly paths: the matMul kernel's
// panel width and the chunks the patch matrix is built in.

// Below this many multiply-adds the copies in and out cost more than they save.
const WASM_MIN_MULTIPLY_ADDS = 512
/** Columns of the WebAssembly matMul's wide panels: four f32x4 sums per row of `a`, two rows at a time. */
export const PANEL = 16
// Floats of patch matrix per chunk: the chunk and its packed copy stay in L2.
const CHUNK_FLOATS = 1 << 15

/** `columns` rounded up to whole panels. */
export const toPanels = (columns: number): number => Math.ceil(columns / PANEL) * PANEL

/** Rows of the patch matrix per chunk, a multiple of PANEL. */
export const chunkRows = (rows: number, columns: number): number =>
  Math.min(toPanels(rows), Math.max(PANEL, Math.floor(CHUNK_FLOATS / Math.max(columns, 1) / PANEL) * PANEL))

/** True for convolutions too small to repay the copies into the WebAssembly heap. */
export const tooSmall = (layout: Conv2DLayout): boolean =>
  patchRows(layout) * patchSize(layout) * layout.outChannels < WASM_MIN_MULTIPLY_ADDS

/** `matrix` [rows, cols] transposed into [cols, width] (width >= rows), the columns past rows zero. */
export function transposed(matrix: TypedArray, rows: number, cols: number, width = rows): Float32Array {
  const out = new Float32Array(cols * width)
  for (let i = 0; i < rows; i++) {
    for (let j = 0, from = i * cols, to = i; j < cols; j++, from++, to += width) out[to] = matrix[from]!
  }
  return out
}
