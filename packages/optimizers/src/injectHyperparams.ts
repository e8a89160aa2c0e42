import {
  ConfigError,
  StructureError,
  checkFinite,
  checkFunction,
  childPath,
  describe,
  isPlainObject,
  rootedPath,
} from '@gradstream/core'
import type { Schedule } from '@gradstream/schedules'
import type { GradientTransformation } from './transformation'
import { keysOf, recordOf } from './leafKernel'
import { checkCount } from './stateChecks'

/** Numeric hyper-parameters by name, as they are kept in the state. */
export type Hyperparams<K extends string> = { readonly [P in K]: number }

/** Where each hyper-parameter comes from: a number (kept in the state, editable) or a schedule of the step. */
export type HyperparamSources<K extends string> = { readonly [P in K]: number | Schedule }

/** The state of {@link injectHyperparams}: the update count, the hyper-parameters, the inner state. */
export interface InjectHyperparamsState<K extends string, S> {
  readonly count: number
  /** The values the last update used (at init: the first update's); a number edited here is used from the next update on. */
  readonly hyperparams: Hyperparams<K>
  /** The state of the transformation that `factory` builds. */
  readonly inner: S
}

/**
 * Makes numeric hyper-parameters part of the optimizer state (optax's
 * `inject_hyperparams`), so they can be read and edited between steps, with
 * an immer recipe (`draft.optimizer.hyperparams.learningRate = 0.005`) or
 * any other way of building a new state. `factory` builds the optimizer from
 * the values; each update rebuilds it when a value changed (one build per
 * change, cached), so an update after an edit is bit for bit the update of
 * the optimizer built with the new value, continuing the same inner state.
 *
 * A hyper-parameter given as a number starts at that number and keeps
 * whatever value the state holds. One given as a schedule is read at
 * `state.count` (the number of updates already made, as every learning rate
 * in this package) and written to the state each update, so an edit of it is
 * overwritten (as in optax). Non-numeric options (`form`, `amsgrad`, masks)
 * stay fixed in `factory`.
 *
 * @example
 * const opt = injectHyperparams(({ learningRate, beta1 }) => adam(learningRate, { beta1 }), {
 *   learningRate: 0.01,
 *   beta1: 0.9,
 * })
 * const params = { w: tensor([1]) }
 * const state = opt.init(params) // { count: 0, hyperparams: { learningRate: 0.01, beta1: 0.9 }, inner: [...] }
 * const halved = produce(state, (draft) => { draft.hyperparams.learningRate = 0.005 })
 * opt.update({ w: tensor([1]) }, halved).updates // { w: [≈ -0.005] }, as adam(0.005) would step
 */
export function injectHyperparams<const K extends string, S>(
  factory: (hyperparams: Hyperparams<K>) => GradientTransformation<S>,
  hyperparams: HyperparamSources<K>,
): GradientTransformation<InjectHyperparamsState<K, S>> {
  checkFunction('injectHyperparams', 'factory', factory)
  checkSources(hyperparams)
  const names = keysOf(hyperparams)
  const scheduledNames = names.filter((name) => typeof hyperparams[name] === 'function')
  const build = cachedFactory(factory, names)
  const checked = checkedOnce(names)
  const initial = Object.freeze(
    recordOf(names, (name) => {
      const source: number | Schedule = hyperparams[name]
      return typeof source === 'function' ? scheduled(name, source, 0) : source
    }),
  )
  build(initial) // the factory validates the starting values now, not at the first update
  return {
    init(params) {
      const values = scheduledNames.length === 0 ? initial : valuesAt(hyperparams, scheduledNames, 0, initial)
      return Object.freeze({ count: 0, hyperparams: values, inner: build(values).init(params) })
    },
    update(updates, state, params) {
      checkCount('injectHyperparams', state)
      const stored = checked(state.hyperparams)
      // With no schedule the stored values are the values (an edit lasts): nothing to build but the new state.
      const values = scheduledNames.length === 0 ? stored : valuesAt(hyperparams, scheduledNames, state.count, stored)
      const result = build(values).update(updates, state.inner, params)
      return {
        updates: result.updates,
        state: Object.freeze({ count: state.count + 1, hyperparams: values, inner: result.state }),
      }
    },
  }
}

/** `stored` with the scheduled values at `count` written in: `stored` itself when none differs (Object.is). */
function valuesAt<K extends string>(
  sources: HyperparamSources<K>,
  scheduledNames: readonly K[],
  count: number,
  stored: Hyperparams<K>,
): Hyperparams<K> {
  let values: Record<K, number> | undefined
  for (const name of scheduledNames) {
    const value = scheduled(name, sources[name] as Schedule, count)
    if (!Object.is(value, stored[name])) (values ??= recordOf(keysOf(sources), (key) => stored[key]))[name] = value
  }
  return values === undefined ? stored : Object.freeze(values)
}

/**
 * `checkStoredValues` for update's state, paid once per distinct frozen record: a frozen record of numbers
 * cannot change, and a run passes the same one on from update to update until a value changes. A record that
 * is not frozen is checked every time.
 */
function checkedOnce<K extends string>(names: readonly K[]): (stored: unknown) => Hyperparams<K> {
  let last: unknown
  return (stored) => {
    if (stored !== last) {
      checkStoredValues('injectHyperparams', stored, names)
      if (Object.isFrozen(stored)) last = stored
    }
    return stored as Hyperparams<K>
  }
}

function checkSources(hyperparams: unknown): void {
  if (!isPlainObject(hyperparams)) {
    throw new ConfigError(
      'injectHyperparams',
      `hyperparams must be an object of numbers and schedules by name, got ${describe(hyperparams)}`,
    )
  }
  const names = Object.keys(hyperparams)
  for (const name of names) {
    const source = hyperparams[name]
    if (typeof source === 'function' || (typeof source === 'number' && Number.isFinite(source))) continue
    throw new ConfigError(
      'injectHyperparams',
      `${rootedPath('hyperparams', childPath('', name))} must be a finite number or a schedule, got ${describe(source)}`,
    )
  }
}

function checkStoredValues(fn: string, stored: unknown, names: readonly string[]): void {
  if (!isPlainObject(stored)) {
    throw new StructureError(fn, `state.hyperparams must be the record init returned, got ${describe(stored)}`)
  }
  for (const name of names) {
    const value = stored[name]
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new StructureError(
        fn,
        `${rootedPath('state.hyperparams', childPath('', name))} must be a finite number, got ${describe(value)}`,
      )
    }
  }
  // Every name is there, so a record with as many keys has no other (the common case, found without a search).
  const keys = Object.keys(stored)
  const extra = keys.length === names.length ? undefined : keys.find((name) => !names.includes(name))
  if (extra !== undefined) {
    throw new StructureError(
      fn,
      `${rootedPath('state.hyperparams', childPath('', extra))} is not a hyper-parameter of this optimizer; expected ${names.join(', ')}`,
    )
  }
}

/** A schedule's value at `count`, which must be a finite number. */
function scheduled(name: string, schedule: Schedule, count: number): number {
  const value: unknown = schedule(count)
  if (typeof value === 'number' && Number.isFinite(value)) return value
  throw new ConfigError(
    'injectHyperparams',
    `the ${name} schedule returned ${describe(value)} at step ${count}; expected a finite number`,
  )
}

/** `factory`, called again only when some value differs (Object.is: -0 and 0 differ) from the last call's. */
function cachedFactory<K extends string, S>(
  factory: (hyperparams: Hyperparams<K>) => GradientTransformation<S>,
  names: readonly K[],
): (values: Hyperparams<K>) => GradientTransformation<S> {
  let last: { readonly values: Hyperparams<K>; readonly transform: GradientTransformation<S> } | undefined
  const sameAsLast = (values: Hyperparams<K>): boolean => {
    if (last === undefined) return false
    if (last.values === values) return true
    for (const name of names) if (!Object.is(last.values[name], values[name])) return false
    return true
  }
  return (values) => {
    if (!sameAsLast(values)) last = { values, transform: factory(values) }
    return last!.transform
  }
}

/**
 * `state` with some hyper-parameters set: a new frozen state sharing
 * everything else, or `state` itself when every value is already set, so a
 * loop can feed a value each step (a learning rate from a stream) and pay
 * for a new state only when it changes. Same effect as the immer recipe
 * `(draft) => { draft.hyperparams.learningRate = value }`.
 *
 * @throws ConfigError for a name the state does not hold or a value that is not a finite number.
 * @example
 * const opt = injectHyperparams(({ learningRate }) => sgd(learningRate), { learningRate: 0.1 })
 * const state = withHyperparams(opt.init({ w: tensor([1]) }), { learningRate: 0.05 })
 * state.hyperparams // { learningRate: 0.05 }
 */
export function withHyperparams<K extends string, S>(
  state: InjectHyperparamsState<K, S>,
  values: Partial<Hyperparams<K>>,
): InjectHyperparamsState<K, S> {
  const stored: unknown = isPlainObject(state) ? state.hyperparams : undefined
  checkStoredValues('withHyperparams', stored, isPlainObject(stored) ? Object.keys(stored) : [])
  const names = Object.keys(values)
  for (const name of names) {
    const at = rootedPath('values', childPath('', name))
    if (!Object.hasOwn(state.hyperparams, name)) {
      throw new ConfigError(
        'withHyperparams',
        `${at} is not a hyper-parameter of this state; expected one of ${Object.keys(state.hyperparams).join(', ')}`,
      )
    }
    checkFinite('withHyperparams', at, Reflect.get(values, name))
  }
  if (names.every((name) => Object.is(Reflect.get(values, name), Reflect.get(state.hyperparams, name)))) return state
  return Object.freeze({ ...state, hyperparams: Object.freeze({ ...state.hyperparams, ...values }) })
}
