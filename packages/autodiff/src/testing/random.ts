// Test inputs from a small seeded generator (mulberry32), so every run
// checks the same numbers.
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/** A deterministic stream of numbers in [0, 1) for `seed`. */
export function seededStream(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface UniformOptions {
  readonly seed: number
  readonly low?: number
  readonly high?: number
  readonly dtype?: 'float32' | 'float64'
}

/** Uniform values in [low, high) of `shape`, the same for the same seed. */
export function uniform(
  shape: readonly number[],
  { seed, low = -1, high = 1, dtype = 'float64' }: UniformOptions,
): Tensor {
  const next = seededStream(seed)
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, () => low + (high - low) * next())
  return tensor(dtype === 'float64' ? new Float64Array(values) : new Float32Array(values), shape)
}

/** Integers in [0, limit) of `shape`, as int32. */
export function randomIndices(shape: readonly number[], limit: number, seed: number): Tensor {
  const next = seededStream(seed)
  const size = shape.reduce((n, d) => n * d, 1)
  return tensor(
    Array.from({ length: size }, () => Math.floor(next() * limit)),
    shape,
    'int32',
  )
}
