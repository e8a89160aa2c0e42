import {
  ConfigError,
  checkInRange,
  checkInteger,
  checkNonNegative,
  checkOptions,
  isPlainObject,
} from '@gradstream/core'
import { filter, map, scan } from 'rxjs'
import type { OperatorFunction } from 'rxjs'

export interface ReduceOnPlateauOptions {
  /** Multiply the rate by this when the loss has not improved (default 0.1). */
  readonly factor?: number
  /** Steps without improvement to wait before reducing (default 10). */
  readonly patience?: number
  /** An improvement must beat the best loss by more than this (default 1e-4, relative to the best). */
  readonly minDelta?: number
  /** Steps to wait after a reduction before counting again (default 0). */
  readonly cooldown?: number
  /** Never go below this rate (default 0); a rate at or below it is left as it is. */
  readonly minRate?: number
}

/**
 * The edit {@link reduceOnPlateau} sends: a recipe over the part of a run's
 * state it changes, the learning rate in the optimizer state of a run whose
 * optimizer is a function of the rate. Any `StateEdit` stream takes it.
 * @example const edit: LearningRateEdit = (draft) => { draft.optimizer.hyperparams.learningRate *= 0.5 }
 */
export type LearningRateEdit = (draft: {
  readonly optimizer: { readonly hyperparams: { learningRate: number } }
}) => void

interface PlateauState {
  readonly best: number
  readonly wait: number
  readonly cooldown: number
  /** Whether this loss ended a plateau: the rate is to be reduced now. */
  readonly reduce: boolean
}

const KNOWN = ['factor', 'patience', 'minDelta', 'cooldown', 'minRate']

/**
 * Watches the losses of a run and, whenever the loss has not improved for
 * `patience` steps, sends a state edit that multiplies the run's learning
 * rate by `factor`, not below `minRate` (Keras's and PyTorch's
 * ReduceLROnPlateau). Its output goes to the run's `control` stream, which
 * applies it before the next step: the rate lives in the optimizer state, so
 * it is in every snapshot and every checkpoint, and a resumed run continues
 * at the reduced rate. The run's optimizer must be a function of the rate
 * (`optimizer: adam, learningRate: 0.1`); otherwise the edit fails the run
 * with a StateEditError saying so.
 * @example
 * const control$ = new Subject<StateEdit>()
 * const run$ = fit({ params, loss, optimizer: sgd, learningRate: 0.1, data, steps: 10000, control: control$ })
 * run$.pipe(reduceOnPlateau({ factor: 0.5, patience: 20 })).subscribe(control$)
 */
export function reduceOnPlateau(
  options: ReduceOnPlateauOptions = {},
): OperatorFunction<{ readonly loss: number }, LearningRateEdit> {
  checkOptions('reduceOnPlateau', options, KNOWN)
  const { factor = 0.1, patience = 10, minDelta = 1e-4, cooldown = 0, minRate = 0 } = options
  checkInRange('reduceOnPlateau', 'factor', factor, 0, 1, { lowOpen: true, highOpen: true })
  checkInteger('reduceOnPlateau', 'patience', patience, 0)
  checkNonNegative('reduceOnPlateau', 'minDelta', minDelta)
  checkInteger('reduceOnPlateau', 'cooldown', cooldown, 0)
  checkNonNegative('reduceOnPlateau', 'minRate', minRate)
  const reduceRate = reduction(factor, minRate)
  const start: PlateauState = { best: Infinity, wait: 0, cooldown: 0, reduce: false }
  return (loss$) =>
    loss$.pipe(
      scan((state: PlateauState, { loss }) => {
        const threshold = Number.isFinite(state.best) ? state.best - Math.abs(state.best) * minDelta : state.best
        if (loss < threshold) return { best: loss, wait: 0, cooldown: Math.max(0, state.cooldown - 1), reduce: false }
        if (state.cooldown > 0) return { ...state, cooldown: state.cooldown - 1, reduce: false }
        if (state.wait + 1 < patience) return { ...state, wait: state.wait + 1, reduce: false }
        return { best: state.best, wait: 0, cooldown, reduce: true }
      }, start),
      filter((state) => state.reduce),
      map(() => reduceRate),
    )
}

/** The recipe of one reduction (Keras's rule: a rate above `minRate` becomes `max(rate · factor, minRate)`). */
function reduction(factor: number, minRate: number): LearningRateEdit {
  return (draft) => {
    // The draft is whatever state the run keeps: a run with a finished transformation has no hyperparams.
    const hyperparams: unknown = isPlainObject(draft.optimizer) ? draft.optimizer.hyperparams : undefined
    if (!isPlainObject(hyperparams) || typeof hyperparams.learningRate !== 'number') {
      throw new ConfigError(
        'reduceOnPlateau',
        "the run's optimizer state holds no learning rate; give the optimizer as a function of the rate " +
          '(optimizer: adam, learningRate: 0.1), whose state keeps it in hyperparams.learningRate',
      )
    }
    const rate = hyperparams.learningRate
    if (rate > minRate) draft.optimizer.hyperparams.learningRate = Math.max(minRate, rate * factor)
  }
}
