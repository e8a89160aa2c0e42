import type { Params } from '@gradstream/autodiff'

/** What `update` returns: the transformed updates and the next state. */
export interface UpdateResult<S> {
  readonly updates: Params
  readonly state: S
}

/**
 * A gradient transformation (optax's shape): a pair of pure functions. `init`
 * makes the state for some params; `update` maps incoming updates (gradients,
 * or the output of an earlier transformation) and the state to new updates
 * and the next state. Neither changes its inputs.
 *
 * @example
 * const opt: GradientTransformation<SgdState> = sgd(0.1)
 * let params = { w: tensor([1, 2]) }
 * const state = opt.init(params) // [{ count: 0 }]
 * const { updates, state: next } = opt.update({ w: tensor([10, -10]) }, state, params)
 * params = applyUpdates(params, updates) // w: [0, 3]; next is [{ count: 1 }]
 */
export interface GradientTransformation<S> {
  init(params: Params): S
  update(updates: Params, state: S, params?: Params): UpdateResult<S>
}

/** The state of a transformation that keeps nothing but the number of updates it has made. */
export interface CountState {
  readonly count: number
}

/** The state type of a transformation. */
export type StateOf<T> = T extends GradientTransformation<infer S> ? S : never

/** Makes a frozen `{ count: 0 }`. */
export function initialCount(): CountState {
  return Object.freeze({ count: 0 })
}

/**
 * The transformation that passes updates through unchanged, counting them.
 *
 * @example
 * const grads = { w: tensor([1, 2]) }
 * const { updates } = identity().update(grads, identity().init(grads))
 * updates === grads // true
 */
export function identity(): GradientTransformation<CountState> {
  return {
    init: initialCount,
    update: (updates, state) => ({ updates, state: Object.freeze({ count: state.count + 1 }) }),
  }
}
