// Test helper: the convolution and its two gradients written plainly in
// float64 from their definitions, independent of the kernels, for the
// tests to compare the ops with. Arrays are flat, NHWC and HWIO.

/** One convolution: shapes, and where each output window starts. */
export interface ReferenceGeometry {
  readonly input: readonly [number, number, number, number]
  readonly filter: readonly [number, number, number, number]
  readonly strides: readonly [number, number]
  readonly dilations: readonly [number, number]
  readonly padding: 'SAME' | 'VALID'
}

/** Output size and padding before, TF's rule written out for one axis. */
function axis(size: number, window: number, stride: number, dilation: number, padding: 'SAME' | 'VALID') {
  const span = (window - 1) * dilation + 1
  if (padding === 'VALID') return { out: Math.floor((size - span) / stride) + 1, before: 0 }
  const out = Math.ceil(size / stride)
  return { out, before: Math.floor(Math.max((out - 1) * stride + span - size, 0) / 2) }
}

/** The output shape and, for every (output, filter tap) pair that reads the input, the three flat indices. */
function pairs(g: ReferenceGeometry) {
  const [batch, height, width, inChannels] = g.input
  const [fh, fw, , outChannels] = g.filter
  const rows = axis(height, fh, g.strides[0], g.dilations[0], g.padding)
  const cols = axis(width, fw, g.strides[1], g.dilations[1], g.padding)
  const out: { x: number; f: number; y: number }[] = []
  for (let b = 0; b < batch; b++)
    for (let i = 0; i < rows.out; i++)
      for (let j = 0; j < cols.out; j++)
        for (let kh = 0; kh < fh; kh++)
          for (let kw = 0; kw < fw; kw++) {
            const h = i * g.strides[0] + kh * g.dilations[0] - rows.before
            const w = j * g.strides[1] + kw * g.dilations[1] - cols.before
            if (h < 0 || h >= height || w < 0 || w >= width) continue
            for (let c = 0; c < inChannels; c++)
              for (let o = 0; o < outChannels; o++) {
                out.push({
                  x: ((b * height + h) * width + w) * inChannels + c,
                  f: ((kh * fw + kw) * inChannels + c) * outChannels + o,
                  y: ((b * rows.out + i) * cols.out + j) * outChannels + o,
                })
              }
          }
  return { outShape: [batch, rows.out, cols.out, outChannels], pairs: out }
}

/** y = conv2d(x, filter), its shape, and the two gradients of Σ y · dy. */
export function referenceConv2d(g: ReferenceGeometry, x: readonly number[], filter: readonly number[]) {
  const { outShape, pairs: all } = pairs(g)
  const y = new Array<number>(outShape.reduce((a, d) => a * d, 1)).fill(0)
  for (const p of all) y[p.y] = y[p.y]! + x[p.x]! * filter[p.f]!
  return { shape: outShape, y }
}

/** The gradients of Σ conv2d(x, filter) · dy with respect to x and to the filter. */
export function referenceConv2dGradients(
  g: ReferenceGeometry,
  x: readonly number[],
  filter: readonly number[],
  dy: readonly number[],
) {
  const dx = new Array<number>(x.length).fill(0)
  const dFilter = new Array<number>(filter.length).fill(0)
  for (const p of pairs(g).pairs) {
    dx[p.x] = dx[p.x]! + dy[p.y]! * filter[p.f]!
    dFilter[p.f] = dFilter[p.f]! + dy[p.y]! * x[p.x]!
  }
  return { dx, dFilter }
}
