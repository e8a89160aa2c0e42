import { clipByValue as clipTensor } from '@gradstream/tensor'
import type { CountState, GradientTransformation } from './transformation'
import { countInit } from './transformation'
import { ConfigError, describe } from '@gradstream/core'
import { mapUpdates } from './mapUpdates'
import { checkCount } from './stateChecks'

/**
 * Limits every element of every update to `[min, max]` (TF's
 * `clip_by_value`, optax's `clip`).
 *
 * @example
 * const grads = { w: tensor([-3, 0.5, 2]) }
 * const clip = clipByValue(-1, 1)
 * clip.update(grads, clip.init(grads)).updates // { w: [-1, 0.5, 1] }
 */
export function clipByValue(min: number, max: number): GradientTransformation<CountState> {
  // Infinite bounds are allowed: clipByValue(-Infinity, 1) clips one side only.
  if (typeof min !== 'number' || typeof max !== 'number' || !(min <= max)) {
    throw new ConfigError('clipByValue', `needs numbers min <= max, got min ${describe(min)}, max ${describe(max)}`)
  }
  return {
    init: countInit('clipByValue'),
    update(updates, state) {
      checkCount('clipByValue', state)
      return {
        updates: mapUpdates('clipByValue', updates, (u) => clipTensor(u, min, max)),
        state: Object.freeze({ count: state.count + 1 }),
      }
    },
  }
}
