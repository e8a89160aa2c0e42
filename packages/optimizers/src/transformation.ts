import { flattenTree } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { ConfigError, describe } from '@gradstream/core'
import { checkCount } from './stateChecks'

/**
 * The sign of a transformation's output: 1 for a direction (the scaleBy*
 * transformations), -1 for a descent update (the named optimizers). Negation
 * is exact, so folding it into a kernel rounds exactly like `scale(-1)` after.
 */
export type Sign = 1 | -1

/** What `update` returns: the transformed updates and the next state. */
export interface UpdateResult<S> {
  readonly updates: Params
  readonly state: S
}

// Implementations write `init` and `update` as methods (`update(updates, state) { ... }`), not arrow
// properties: run from source by tsx (esbuild's keepNames), each arrow property gets its name set with
// Object.defineProperty every time the factory runs, about 0.5 µs a function, and injectHyperparams runs the
// factory at every step whose rate changed (a decaying schedule: every step). Neither uses `this`.
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

/** The `init` of a transformation that keeps only a count: checks that `params` is a pytree, then makes `{ count: 0 }`. */
export function countInit(fn: string): (params: Params) => CountState {
  return (params) => {
    flattenTree(params, { caller: fn, name: 'params' })
    return Object.freeze({ count: 0 })
  }
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
    init: countInit('identity'),
    update(updates, state) {
      checkCount('identity', state)
      flattenTree(updates, { caller: 'identity', name: 'updates' })
      return { updates, state: Object.freeze({ count: state.count + 1 }) }
    },
  }
}

/**
 * Throws a ConfigError unless `value` (named `name` in the message) is a `{ init, update }` pair.
 * @example checkTransformation('multiSteps', null, 'inner') // ConfigError: multiSteps: inner must be a gradient transformation { init, update }, got null
 */
export function checkTransformation(fn: string, value: unknown, name: string): void {
  const fields = typeof value === 'object' && value !== null ? value : {}
  if (typeof Reflect.get(fields, 'init') !== 'function' || typeof Reflect.get(fields, 'update') !== 'function') {
    throw new ConfigError(fn, `${name} must be a gradient transformation { init, update }, got ${describe(value)}`)
  }
}
