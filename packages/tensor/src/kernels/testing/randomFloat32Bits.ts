/**
 * Float32 storage from random 32-bit patterns (a fixed LCG from `seed`): every sign, NaNs with payloads of both
 * signs, subnormals, both zeros, infinities. The first values are the boundaries of a bit test: both zeros,
 * ±Infinity, the NaNs next to them, the smallest subnormals.
 */
export function randomFloat32Bits(size: number, seed: number): Float32Array {
  const bits = new Int32Array(size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    bits[i] = state
  }
  bits.set([0, -2147483648, 0x7f800000, -8388608, 0x7f800001, -8388607, -1, 1, -2147483647])
  return new Float32Array(bits.buffer)
}
