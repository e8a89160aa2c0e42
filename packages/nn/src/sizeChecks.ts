import { describe, ShapeError } from '@gradstream/core'
import { formatShape, MAX_ELEMENTS } from '@gradstream/tensor'

/**
 * Throws a ShapeError unless `shape` (called `name` in messages) is an array of
 * integer dimensions >= 0 with at most `MAX_ELEMENTS` elements in all, so a
 * layer or initializer refuses a size that cannot be allocated before it
 * allocates anything.
 *
 * @example checkShape('dense', 'kernel', [2, 1e9]) // ShapeError: dense: kernel [2, 1000000000] has 2000000000 elements, ...
 */
export function checkShape(fn: string, name: string, shape: unknown): asserts shape is readonly number[] {
  if (!Array.isArray(shape)) throw new ShapeError(fn, `${name} must be an array of dimensions, got ${describe(shape)}`)
  let size = 1
  shape.forEach((d: unknown, i) => {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
      throw new ShapeError(fn, `${name}[${i}] must be an integer >= 0, got ${describe(d)}`)
    }
    size *= d
  })
  if (size > MAX_ELEMENTS) {
    throw new ShapeError(
      fn,
      `${name} ${formatShape(shape)} has ${size} elements, more than a tensor can hold (${MAX_ELEMENTS})`,
    )
  }
}

/**
 * Throws a ShapeError when a model's `count` parameters in all exceed
 * `MAX_ELEMENTS`, before any of them is allocated: refusing `dense` with 1e9
 * units up front beats running out of memory halfway through `init`.
 *
 * @example checkParameterCount('dense', 3e9) // ShapeError: dense: the layer has 3000000000 parameters, ...
 */
export function checkParameterCount(fn: string, what: string, count: number): void {
  if (count > MAX_ELEMENTS) {
    throw new ShapeError(fn, `${what} has ${count} parameters, more than can be allocated (${MAX_ELEMENTS})`)
  }
}
