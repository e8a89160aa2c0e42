import { checkOneOf, checkOptions, checkSeed, ConfigError, describe } from '@gradstream/core'
import type { ExponentialMovingAverage } from '@gradstream/ema'
import type { GradientTransformation } from '@gradstream/optimizers'
import { flattenTree } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { injectLearningRate } from '../control/runOptimizer'
import type { LearningRateInput } from '../learningRate'
import type { Optimizer } from '../trainOptions'

/**
 * A part of a checkpoint a resumed run may drop, to start it afresh: the
 * optimizer state, the moving average or the model state.
 * @example fit({ ...options, resumeFrom: text, reset: ['optimizer'] satisfies ResettablePart[] })
 */
export type ResettablePart = 'optimizer' | 'ema' | 'modelState'

/**
 * The run a checkpoint is to continue, as `train` and `fit` are given it:
 * the checkpoint's parameters, optimizer state and moving average must be
 * what this run's own would be.
 * @example resume(text, { params, optimizer: adam, learningRate: 0.01, ema: exponentialMovingAverage({ decay: 0.99 }) })
 */
export interface ResumeOptions<P extends Params, S, M extends Params | undefined = Params | undefined> {
  /** The run's initial parameters: the stored ones must have the same tree, dtypes and shapes. */
  readonly params: P
  /** The run's optimizer: the stored state must have the tree, dtypes and shapes its `init(params)` builds. */
  readonly optimizer: Optimizer<S>
  /** The run's learning rate, when `optimizer` is a function of it. */
  readonly learningRate?: LearningRateInput
  /** The run's moving average, if it keeps one: the stored `ema` must be what its `init(params)` averages. */
  readonly ema?: ExponentialMovingAverage
  /** The run's initial model state, if it has one: the stored one must have the same tree, dtypes and shapes. */
  readonly modelState?: M
  /** The run's seed, if it has one: a stored run key must be `randomKey(seed)`. */
  readonly seed?: number
  /** Parts to drop and start afresh, instead of refusing a checkpoint without them or with other ones. */
  readonly reset?: readonly ResettablePart[]
}

const RESUME_OPTIONS = ['params', 'optimizer', 'learningRate', 'ema', 'modelState', 'seed', 'reset']
const RESETTABLE: readonly ResettablePart[] = ['optimizer', 'ema', 'modelState']

/** Throws a ConfigError unless `run` has the shape of {@link ResumeOptions} (the trees are checked against the checkpoint). */
export function checkResumeOptions(fn: string, run: unknown): asserts run is ResumeOptions<Params, unknown> {
  checkOptions(fn, run, RESUME_OPTIONS)
  const { params, optimizer, ema, modelState, seed, reset } = run as Partial<ResumeOptions<Params, unknown>>
  if (params === undefined) throw new ConfigError(fn, "params must be the run's initial parameters, got undefined")
  if (typeof optimizer !== 'function' && !hasInit(optimizer)) {
    throw new ConfigError(
      fn,
      `optimizer must be a GradientTransformation or a function of the learning rate, got ${describe(optimizer)}`,
    )
  }
  if (ema !== undefined && !hasInit(ema)) {
    throw new ConfigError(fn, `ema must be an ExponentialMovingAverage, got ${describe(ema)}`)
  }
  if (modelState !== undefined) flattenTree(modelState, { caller: fn, name: 'modelState' })
  if (seed !== undefined) checkSeed(fn, seed)
  if (reset !== undefined) checkReset(fn, reset)
}

/** Throws a ConfigError unless `reset` is a list of parts a resumed run may drop. */
export function checkReset(fn: string, reset: unknown): asserts reset is readonly ResettablePart[] {
  if (!Array.isArray(reset)) {
    throw new ConfigError(fn, `reset must be an array of 'optimizer', 'ema' and 'modelState', got ${describe(reset)}`)
  }
  reset.forEach((part, i) => checkOneOf(fn, `reset[${i}]`, part, RESETTABLE))
}

function hasInit(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { init?: unknown }).init === 'function'
}

/**
 * The run's learning rate at `step` where it is known now (a number, a
 * schedule), else 0: a stream's value is written into the state before the
 * run's first step, and the structure of a state does not depend on it.
 */
export function learningRateAt(learningRate: LearningRateInput | undefined, step: number): number {
  if (typeof learningRate === 'number') return learningRate
  return typeof learningRate === 'function' ? learningRate(step) : 0
}

/**
 * The transformation whose `init` says what the optimizer state looks like,
 * as `train` builds it: a function of the learning rate with the rate
 * injected (`injectLearningRate`), starting at the rate at `step`.
 */
export function transformationAt<S>(
  optimizer: Optimizer<S>,
  learningRate: LearningRateInput | undefined,
  step: number,
): GradientTransformation<S> {
  if (typeof optimizer !== 'function') return optimizer
  const factory = optimizer as (rate: number) => GradientTransformation<unknown>
  // As in runOptimizer: the state of a run with a function of the rate is the LearningRateState around it.
  return injectLearningRate(factory, learningRateAt(learningRate, step)) as unknown as GradientTransformation<S>
}
