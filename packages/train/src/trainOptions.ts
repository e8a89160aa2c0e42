import { flattenTree } from '@gradstream/tensor'
import type { Params, RandomKey, Tensor } from '@gradstream/tensor'
import type { GradientTransformation } from '@gradstream/optimizers'
import type { ExponentialMovingAverage } from '@gradstream/ema'
import { isObservable } from 'rxjs'
import type { Observable } from 'rxjs'
import type { Draft } from 'immer'
import {
  ConfigError,
  checkBoolean,
  checkFunction,
  checkInteger,
  checkOptions,
  checkSeed,
  describe,
} from '@gradstream/core'
import type { Batch } from './batch'
import { checkLearningRateInput } from './learningRate'
import type { LearningRateInput } from './learningRate'
import { checkEma } from './movingAverage'
import type { TrainState } from './snapshot'
import type { LearningRateState } from './control/learningRateState'
import type { StateEdit } from './control/stateEdit'

/** What a loss function returns: the loss, or named terms that are summed (in key order) for the gradient. */
export type LossOutput = Tensor | Readonly<Record<string, Tensor>>

/**
 * What a loss function of a run with `modelState` returns: the loss (or named
 * terms), the model's next state, and anything else to report from the same
 * forward pass (logits for an accuracy). `state` left out means unchanged.
 * @example const result: LossResult<BatchNormState, Tensor> = { loss: crossEntropy, state: next, aux: logits }
 */
export interface LossResult<M, X = unknown> {
  readonly loss: LossOutput
  readonly state?: M
  readonly aux?: X
}

/**
 * The third argument of the loss function: the nn layers' `apply` options for
 * a training step, so `model.apply(params, x, context)` works as it is.
 * `state` is the model state before this step (undefined without
 * `modelState`), `key` is `foldIn(runKey, step)` for the step being computed
 * (undefined without `seed`).
 * @example const context: StepContext<SequentialState<L>> = { state, key: foldIn(randomKey(0), 1), training: true }
 */
export interface StepContext<M> {
  readonly state: M
  readonly key: RandomKey | undefined
  readonly training: true
}

/**
 * An optimizer, or a function making one for a learning rate (`adam` itself is one: `(lr) => adam(lr)`).
 * `S` is the state a run keeps: the transformation's own, or for a function of the rate
 * {@link LearningRateState} around the state of the transformations it makes.
 * @example const optimizer: Optimizer<LearningRateState<AdamState>> = adam
 */
export type Optimizer<S> =
  | GradientTransformation<S>
  | ((learningRate: number) => GradientTransformation<StateInsideLearningRate<S>>)

/**
 * The state of the transformations a function of the rate makes, inside the run's {@link LearningRateState}.
 * @example type Inner = StateInsideLearningRate<LearningRateState<AdamState>> // AdamState
 */
export type StateInsideLearningRate<S> = S extends LearningRateState<infer Inner> ? Inner : unknown

/**
 * Options of {@link train}: the model, its loss, the optimizer and what each snapshot keeps.
 * @example
 * const options: TrainOptions<{ w: Tensor }, LearningRateState<AdamState>> = { params: { w }, loss, optimizer: adam, learningRate: 0.01 }
 */
export interface TrainOptions<P extends Params, S, B = Batch, M extends Params | undefined = undefined, X = undefined> {
  /** Initial parameters (a pytree of float tensors). */
  readonly params: P
  /**
   * Loss of the parameters on a batch: a scalar tensor or named terms. With `modelState`, it may return
   * `{ loss, state, aux }` instead (see {@link LossResult}); `context` carries the state and the step's key.
   */
  readonly loss: (params: P, batch: B, context: StepContext<M>) => LossOutput | LossResult<M, X>
  readonly optimizer: Optimizer<S>
  /**
   * Needed when `optimizer` is a function of the learning rate, and refused with a finished transformation
   * (it has its own rate); reported in every snapshot.
   */
  readonly learningRate?: LearningRateInput
  /** Keep a moving average of the parameters, started at `params` and updated after each step with the step count. */
  readonly ema?: ExponentialMovingAverage
  /** Put each step's gradients in the snapshot. */
  readonly keepGrads?: boolean
  /** Continue from a saved state (see `resume`) instead of starting at step 0. */
  readonly initial?: TrainState<P, S, M>
  /** The model's non-trainable state before the first step (`model.initState()`): a pytree of tensors. */
  readonly modelState?: M
  /**
   * Seed of the run's random key, `randomKey(seed)`: step n gets `foldIn(runKey, n)` as `context.key`
   * (`fit`'s shuffle has its own seed, `batching.seed`).
   */
  readonly seed?: number
  /**
   * Edits of the run's state: immer recipes applied with `produce` between two steps, each to the state
   * after the last step emitted before it arrived (see the README's "State edits"). A recipe may be typed
   * as a {@link StateEdit} (tensors in the draft typed as tensors) or over immer's own `Draft`.
   */
  readonly control?: Observable<StateEdit<P, S, M> | ((draft: Draft<TrainState<P, S, M>>) => void)>
}

/** The keys of {@link TrainOptions}, in the order the unknown-option error lists them. */
export const TRAIN_OPTIONS = [
  'params',
  'loss',
  'optimizer',
  'learningRate',
  'ema',
  'keepGrads',
  'initial',
  'modelState',
  'seed',
  'control',
] as const

/**
 * Checks `options` once, when `fn` is called, so that no run starts from a
 * bad configuration and a step costs nothing more. `known` lists the keys
 * `fn` accepts (`fit` adds its own).
 */
export function checkTrainOptions(fn: string, options: unknown, known: readonly string[] = TRAIN_OPTIONS): void {
  checkOptions(fn, options, known)
  const { params, loss, optimizer, learningRate, ema, keepGrads, initial, modelState, seed, control } =
    options as Partial<TrainOptions<Params, unknown, unknown, Params>>
  if (initial !== undefined) checkInitial(fn, initial)
  // the structure of the parameters, so that a bad tree fails here rather than at the first step
  flattenTree((initial?.params ?? params) as Params, { caller: fn, name: 'params' })
  checkFunction(fn, 'loss', loss)
  checkOptimizer(fn, optimizer, learningRate)
  if (keepGrads !== undefined) checkBoolean(fn, 'keepGrads', keepGrads)
  if (ema !== undefined) checkEma(fn, ema, initial?.params ?? params)
  if (modelState !== undefined) flattenTree(modelState, { caller: fn, name: 'modelState' })
  if (seed !== undefined) checkSeed(fn, seed)
  if (control !== undefined && !isObservable(control)) {
    throw new ConfigError(fn, `control must be an Observable of recipes (draft) => void, got ${describe(control)}`)
  }
}

function checkOptimizer(fn: string, optimizer: unknown, learningRate: unknown): void {
  const isTransformation =
    typeof optimizer === 'object' &&
    optimizer !== null &&
    typeof (optimizer as Partial<GradientTransformation<unknown>>).init === 'function' &&
    typeof (optimizer as Partial<GradientTransformation<unknown>>).update === 'function'
  if (typeof optimizer !== 'function' && !isTransformation) {
    throw new ConfigError(
      fn,
      `optimizer must be a GradientTransformation or a function of the learning rate, got ${describe(optimizer)}`,
    )
  }
  if (typeof optimizer === 'function' && learningRate === undefined) {
    throw new ConfigError(fn, 'optimizer is a function of the learning rate, so learningRate is required')
  }
  if (isTransformation && learningRate !== undefined) {
    throw new ConfigError(
      fn,
      'learningRate is given, but optimizer is a finished transformation with its own rate; ' +
        'pass the optimizer as a function of the rate (sgd, adam, (lr) => adam(lr, options)) or leave learningRate out',
    )
  }
  if (learningRate !== undefined) checkLearningRateInput(fn, learningRate)
}

function checkInitial(fn: string, initial: unknown): void {
  if (typeof initial !== 'object' || initial === null || !('params' in initial) || !('step' in initial)) {
    throw new ConfigError(
      fn,
      `initial must be a saved state { step, params, optimizer, ema }, got ${describe(initial)}`,
    )
  }
  checkInteger(fn, 'initial.step', initial.step, 0)
}
