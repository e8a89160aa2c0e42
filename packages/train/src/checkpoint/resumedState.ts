import { CheckpointError } from '@gradstream/core'
import type { GradientTransformation } from '@gradstream/optimizers'
import { randomKey } from '@gradstream/tensor'
import type { Params, RandomKey } from '@gradstream/tensor'
import type { TrainState } from '../snapshot'
import { trainStateOf } from '../trainStateOf'
import { checkStateFits } from './checkStateFits'
import type { ResumeOptions } from './resumeOptions'

/**
 * Throws a CheckpointError unless the stored state, still encoded, is what
 * the run builds: its parameters' tree, its optimizer's `init(params)` and
 * its moving average's `init(params)`, but for the parts named in `reset`.
 */
export function checkStoredFits<P extends Params, S, M extends Params | undefined>(
  fn: string,
  state: {
    readonly params: unknown
    readonly optimizer?: unknown
    readonly ema?: unknown
    readonly modelState?: unknown
    readonly runKey?: RandomKey
  },
  run: ResumeOptions<P, S, M>,
  transformation: GradientTransformation<S>,
): void {
  const reset = run.reset ?? []
  checkStateFits(fn, 'params', state.params, run.params)
  if (!reset.includes('optimizer')) {
    if (state.optimizer === undefined) {
      throw new CheckpointError(
        fn,
        "the checkpoint holds no optimizer state; pass reset: ['optimizer'] to start the optimizer afresh",
      )
    }
    checkStateFits(fn, 'optimizer', state.optimizer, transformation.init(run.params))
  }
  if (!reset.includes('modelState')) checkModelStateFits(fn, state.modelState, run.modelState)
  checkRunKey(fn, state.runKey, run.seed)
  if (reset.includes('ema')) return
  if (run.ema !== undefined && state.ema === undefined) {
    throw new CheckpointError(
      fn,
      "the checkpoint holds no moving average (ema), but the run keeps one; pass reset: ['ema'] to start it afresh",
    )
  }
  if (run.ema === undefined && state.ema !== undefined) {
    throw new CheckpointError(
      fn,
      "the checkpoint holds a moving average (ema), but the run keeps none; pass reset: ['ema'] to drop it",
    )
  }
  if (run.ema !== undefined) checkStateFits(fn, 'ema', state.ema, run.ema.init(run.params).average)
}

function checkModelStateFits(fn: string, stored: unknown, expected: Params | undefined): void {
  if (expected !== undefined && stored === undefined) {
    throw new CheckpointError(
      fn,
      "the checkpoint holds no modelState, but the run has one; pass reset: ['modelState'] to start from the run's",
    )
  }
  if (expected === undefined && stored !== undefined) {
    throw new CheckpointError(
      fn,
      "the checkpoint holds a modelState, but the run has none; pass reset: ['modelState'] to drop it",
    )
  }
  if (expected !== undefined) checkStateFits(fn, 'modelState', stored, expected)
}

/**
 * A stored run key must be the run's own: another seed would draw other
 * dropout masks from the resumed step on. A checkpoint without one (written
 * before runs had keys, or by a run without a seed) takes the run's.
 */
function checkRunKey(fn: string, stored: RandomKey | undefined, seed: number | undefined): void {
  if (stored === undefined) return
  if (seed === undefined) {
    throw new CheckpointError(
      fn,
      `the checkpoint holds a runKey [${stored.join(', ')}], but the run has no seed; pass the seed the run was started with`,
    )
  }
  const own = randomKey(seed)
  if (own[0] !== stored[0] || own[1] !== stored[1]) {
    throw new CheckpointError(
      fn,
      `the checkpoint's runKey [${stored.join(', ')}] is not the run's: seed ${seed} gives [${own.join(', ')}]`,
    )
  }
}

/** The decoded parts of a checkpoint; those the run resets are left out. */
export interface StoredParts<P extends Params, S, M extends Params | undefined> {
  readonly step: number
  readonly params: P
  readonly optimizer: S | undefined
  readonly ema: P | undefined
  readonly modelState: M | undefined
  readonly runKey: RandomKey | undefined
}

/**
 * The state a resumed run starts from: the parts it resets afresh (the
 * optimizer from `init(params)`; the average is started by the run itself),
 * and the parts it keeps once the run's own optimizer and moving average
 * have accepted them in a trial update. Values of the right tree and shape
 * can still be out of their range (a β power of 2); the trial lets the
 * optimizer's own checks refuse them now rather than at the next step.
 */
export function resumedState<P extends Params, S, M extends Params | undefined>(
  fn: string,
  stored: StoredParts<P, S, M>,
  run: ResumeOptions<P, S, M>,
  transformation: GradientTransformation<S>,
): TrainState<P, S, M> {
  const { step, params, ema, modelState, runKey } = stored
  const optimizer = stored.optimizer ?? transformation.init(params)
  // The parameters stand in for gradients: the trial needs their tree, and its result is dropped.
  accepts(fn, 'optimizer', () => transformation.update(params, optimizer, params))
  if (run.ema !== undefined && ema !== undefined) {
    const average = run.ema
    accepts(fn, 'moving average', () => average.update({ count: step, average: ema }, params, step + 1))
  }
  return trainStateOf({ step, params, optimizer, ema, modelState, runKey })
}

function accepts(fn: string, part: string, trial: () => unknown): void {
  try {
    trial()
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const refused = new CheckpointError(fn, `the run's ${part} refuses the stored state: ${reason}`)
    refused.cause = error
    throw refused
  }
}
