/** `count` float32 values uniform in [low, high) from a fixed seed (mulberry32), the same on every run. */
export function uniformFloats(count: number, seed: number, low = -1, high = 1): Float32Array {
  const values = new Float32Array(count)
  let state = seed >>> 0
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), state | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    const unit = ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
    values[i] = low + (high - low) * unit
  }
  return values
}

/** The largest |x - y| / (1 + |y|) over two equally long arrays. */
export function maxRelativeDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let worst = 0
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / (1 + Math.abs(y[i]!)))
  return worst
}
