/**
 * TF's ReluGrad on float32 storage of one shape: `out[i]` is `dy[i]` where `y[i] > 0` or NaN, +0 where
 * `y[i] <= 0`, the values of `y <= 0 ? 0 : dy` bit for bit. It works on the bits, so that no branch
 * depends on the data (random signs mispredict one in two): about twice as fast as the ternary.
 */
export function reluGradFloat32(out: Float32Array, dy: Float32Array, y: Float32Array): void {
  const outBits = new Int32Array(out.buffer, out.byteOffset, out.length)
  const dyBits = new Int32Array(dy.buffer, dy.byteOffset, dy.length)
  const yBits = new Int32Array(y.buffer, y.byteOffset, y.length)
  for (let i = 0, n = out.length; i < n; i++) {
    const bits = yBits[i]!
    // As int32, +0 is 0, positive numbers and NaNs are above it, and negative numbers (-0 and -Infinity
    // included) are at most -Infinity's bits, -8388608; negative NaNs lie between. Pass dy for all but
    // +0 and the negative numbers.
    const passes = +(bits > -8388608) & +(bits !== 0)
    outBits[i] = dyBits[i]! & -passes
  }
}
