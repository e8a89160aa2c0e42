/**
 * Where each window position of one spatial axis starts and ends inside the
 * input, padding clipped off: entry `2k` is the first real element of
 * position `k`, entry `2k + 1` one past its last. The pooling kernels read
 * these instead of clipping every window again for every image.
 */
export function windowSpans(
  outSize: number,
  stride: number,
  padBefore: number,
  windowSize: number,
  inSize: number,
): Int32Array {
  const spans = new Int32Array(2 * outSize)
  for (let k = 0; k < outSize; k++) {
    const start = k * stride - padBefore
    spans[2 * k] = Math.max(start, 0)
    spans[2 * k + 1] = Math.min(start + windowSize, inSize)
  }
  return spans
}
