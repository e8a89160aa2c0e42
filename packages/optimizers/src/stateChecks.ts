import { describe, StructureError } from '@gradstream/core'

// A state that is not the one init built is a StructureError naming the field:
// a count or beta power that is not a number would otherwise turn into NaN updates.

/**
 * Throws unless `state` is a record whose `count` is a non-negative safe integer.
 * @example checkCount('adam', { count: -1 }) // StructureError: adam: state.count must be an integer >= 0, got -1; pass the state init returned
 */
export function checkCount(fn: string, state: unknown): asserts state is { readonly count: number } {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw new StructureError(fn, `state must be the record init returned, got ${describe(state)}`)
  }
  const count: unknown = 'count' in state ? state.count : undefined
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new StructureError(
      fn,
      `state.count must be an integer >= 0, got ${describe(count)}; pass the state init returned`,
    )
  }
}

/**
 * Throws unless `state[key]` is a power of a decay rate: a number in [0, 1).
 * @example checkPower('adam', { beta1Power: NaN }, 'beta1Power') // StructureError: adam: state.beta1Power must be in [0, 1), got NaN; ...
 */
export function checkPower(fn: string, state: object, key: string): void {
  const power: unknown = Reflect.get(state, key)
  if (typeof power !== 'number' || !(power >= 0 && power < 1)) {
    throw new StructureError(fn, `state.${key} must be in [0, 1), got ${describe(power)}; pass the state init returned`)
  }
}
