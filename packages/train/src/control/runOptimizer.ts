import { isPlainObject } from '@gradstream/core'
import { injectHyperparams, withHyperparams } from '@gradstream/optimizers'
import type { GradientTransformation } from '@gradstream/optimizers'
import type { Params } from '@gradstream/tensor'
import { readLearningRate } from '../learningRate'
import type { LearningRateInput } from '../learningRate'
import type { Optimizer } from '../trainOptions'
import type { LearningRateState } from './learningRateState'

/**
 * `optimizer` (a function of the learning rate) as the transformation a run
 * updates with: `injectHyperparams` over it, starting at `learningRate`.
 * `train` and `resume` build the same one, so a checkpoint's state is the
 * state a run builds.
 */
export function injectLearningRate<S>(
  optimizer: (learningRate: number) => GradientTransformation<S>,
  learningRate: number,
): GradientTransformation<LearningRateState<S>> {
  return injectHyperparams((values) => optimizer(values.learningRate), { learningRate })
}

/** How one run updates: its transformation, the state each step starts from, and the rate the step used. */
export interface RunOptimizer<S> {
  /** The run's transformation, built when first asked for (at the first step, or for an edit before it). */
  readonly transformation: () => GradientTransformation<S>
  /**
   * The rate a schedule or a stream gives the step after `step`, to write into the state (undefined when
   * there is nothing to write); it builds the transformation too. Errors of the source are its own.
   */
  readonly rateBefore: (step: number) => number | undefined
  /** The state a step updates from: `state` (or a fresh one for `params`), with `rate` written in if given. */
  readonly stateWith: (state: S | undefined, params: Params, rate: number | undefined) => S
  /** The rate an update used, read from the state it made (NaN for a finished transformation). */
  readonly learningRateOf: (state: S) => number
  /** Releases a learning-rate stream. */
  readonly close: () => void
}

/**
 * The optimizer of one run. A finished transformation is used as it is. A
 * function of the learning rate becomes `injectLearningRate(optimizer, rate)`,
 * and the rate source decides what is written into the state before a step:
 * a number nothing (it is the starting value; the state's value is used, so
 * an edit lasts and a checkpoint carries it); a schedule its value at the
 * step, every step (it overrides an edit, as in optax); a stream its latest
 * value whenever it emitted since the last step (an edit lasts until the
 * stream emits again). The transformation is built at the first step, as
 * the optimizer for a rate was before, so a factory or a schedule that
 * fails does so there, not when the run is subscribed.
 */
export function runOptimizer<S>(
  optimizer: Optimizer<S>,
  learningRate: LearningRateInput | undefined,
  startStep: number,
): RunOptimizer<S> {
  if (typeof optimizer !== 'function') {
    return {
      transformation: () => optimizer,
      rateBefore: () => undefined,
      stateWith: (state, params) => state ?? optimizer.init(params),
      learningRateOf: () => NaN,
      close: () => undefined,
    }
  }
  // The one cast of the wrapping: for a function of the rate, the run's state S is the LearningRateState
  // of what its transformations keep (trainOptions' Optimizer<S> and the overloads of train and fit say so).
  const factory = optimizer as (rate: number) => GradientTransformation<unknown>
  return rateRun(factory, learningRate!, startStep) as unknown as RunOptimizer<S>
}

function rateRun(
  optimizer: (learningRate: number) => GradientTransformation<unknown>,
  learningRate: LearningRateInput,
  startStep: number,
): RunOptimizer<LearningRateState<unknown>> {
  const rate = typeof learningRate === 'number' ? undefined : readLearningRate(learningRate)
  let built: GradientTransformation<LearningRateState<unknown>> | undefined
  const transformation = () =>
    (built ??= injectLearningRate(optimizer, rate === undefined ? (learningRate as number) : rate.start(startStep)))
  return {
    transformation,
    rateBefore: (step) => {
      transformation()
      return rate?.fresh(step)
    },
    stateWith: (state, params, value) => {
      const current = state ?? transformation().init(params)
      return value === undefined ? current : withLearningRate(current, value)
    },
    learningRateOf: (state) => state.hyperparams.learningRate,
    close: () => rate?.close(),
  }
}

/**
 * `state` with its learning rate set to `rate`, as `withHyperparams(state, { learningRate: rate })` makes it but
 * without its checks, made every step a schedule decays the rate: the reader checked `rate`, edits are checked
 * when they are applied, and injectHyperparams' update checks the record it is given. A state without a
 * learning rate to set (a malformed `initial`) goes through `withHyperparams`, which names what is wrong.
 */
function withLearningRate(state: LearningRateState<unknown>, rate: number): LearningRateState<unknown> {
  const stored: unknown = isPlainObject(state) ? state.hyperparams : undefined
  if (!isPlainObject(stored) || !Object.hasOwn(stored, 'learningRate')) {
    return withHyperparams(state, { learningRate: rate })
  }
  if (Object.is(stored.learningRate, rate)) return state
  return Object.freeze({ ...state, hyperparams: Object.freeze({ ...stored, learningRate: rate }) })
}
