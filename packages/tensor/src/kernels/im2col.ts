import type { Conv2DLayout } from './layouts'

// The patch matrix of a convolution, by its size: im2colWasm.ts builds it
// and adds its gradient back (col2im) in WebAssembly. Row r of the patch
// matrix is output position (b, oh, ow) = r in row-major order; column k is
// filter tap (kh, kw, ic) = k in row-major order, the order of the HWIO
// filter's first three axes, so the patch matrix times the filter viewed as
// [patch, outChannels] is the convolution. Taps in the padding are zeros.

/** Number of rows of the patch matrix: one per output position. */
export const patchRows = (layout: Conv2DLayout): number => layout.batch * layout.outHeight * layout.outWidth

/** Number of columns of the patch matrix: one per filter tap. */
export const patchSize = (layout: Conv2DLayout): number => layout.filterHeight * layout.filterWidth * layout.inChannels
