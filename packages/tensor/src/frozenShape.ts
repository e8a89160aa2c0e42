// Every tensor holds a frozen shape, and Object.freeze costs more than the
// rest of constructing a small tensor. Nearly all shapes in a training loop
// are a handful of vectors and matrices, so those are frozen once and shared.

const SCALAR_SHAPE: readonly number[] = Object.freeze([])
// Dimensions below 2^16 give a rank-2 key below 2^32; rank-1 keys are negative.
const DIM_LIMIT = 65536
// Bounds the cache when a program makes many distinct shapes.
const CACHE_LIMIT = 4096
const cache = new Map<number, readonly number[]>()

function cacheKey(shape: readonly number[]): number | undefined {
  const d0 = shape[0]!
  if (shape.length === 1) return d0 < DIM_LIMIT ? -1 - d0 : undefined
  if (shape.length !== 2) return undefined
  const d1 = shape[1]!
  return d0 < DIM_LIMIT && d1 < DIM_LIMIT ? d0 * DIM_LIMIT + d1 : undefined
}

/** A frozen array equal to `shape`: `shape` itself when frozen, else a shared or fresh frozen copy. */
export function frozenShape(shape: readonly number[]): readonly number[] {
  // Most shapes are the shared ones already; knowing them by identity first skips Object.isFrozen,
  // a call into the engine's runtime that cost more than the cache lookup (about 40 against 15 ns).
  if (shape === SCALAR_SHAPE) return shape
  const key = shape.length === 0 ? undefined : cacheKey(shape)
  let frozen = key === undefined ? undefined : cache.get(key)
  if (frozen === shape || Object.isFrozen(shape)) return shape
  if (shape.length === 0) return SCALAR_SHAPE
  if (key === undefined) return Object.freeze(shape.slice())
  if (frozen === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    frozen = Object.freeze(shape.slice())
    cache.set(key, frozen)
  }
  return frozen
}
