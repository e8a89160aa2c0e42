import { checkInRange, checkInteger, checkNonNegative, checkOptions } from '@gradstream/core'
import { distinctUntilChanged, scan, map, startWith } from 'rxjs'
import type { OperatorFunction } from 'rxjs'

export interface ReduceOnPlateauOptions {
  /** The rate to start with. */
  readonly initial: number
  /** Multiply the rate by this when the loss has not improved (default 0.1). */
  readonly factor?: number
  /** Steps without improvement to wait before reducing (default 10). */
  readonly patience?: number
  /** An improvement must beat the best loss by more than this (default 1e-4, relative to the best). */
  readonly minDelta?: number
  /** Steps to wait after a reduction before counting again (default 0). */
  readonly cooldown?: number
  /** Never go below this rate (default 0). */
  readonly minRate?: number
}

interface PlateauState {
  readonly rate: number
  readonly best: number
  readonly wait: number
  readonly cooldown: number
}

const KNOWN = ['initial', 'factor', 'patience', 'minDelta', 'cooldown', 'minRate']

/**
 * Turns a stream of losses into a stream of learning rates that drops by
 * `factor` whenever the loss stops improving for `patience` steps (Keras's
 * and PyTorch's ReduceLROnPlateau). Feed it back into training through a
 * subject: `step$.pipe(reduceOnPlateau({ initial: 0.1 })).subscribe(rate$)`,
 * with `train({ ..., learningRate: rate$ })`.
 * @example
 * const rate$ = new BehaviorSubject(0.1)
 * const run$ = fit({ params, loss, optimizer: sgd, learningRate: rate$, data, steps: 10000 })
 * run$.pipe(reduceOnPlateau({ initial: 0.1, factor: 0.5, patience: 20 })).subscribe(rate$)
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions): OperatorFunction<{ readonly loss: number }, number> {
  checkOptions('reduceOnPlateau', options, KNOWN)
  const { initial, factor = 0.1, patience = 10, minDelta = 1e-4, cooldown = 0, minRate = 0 } = options
  checkNonNegative('reduceOnPlateau', 'initial', initial)
  checkInRange('reduceOnPlateau', 'factor', factor, 0, 1, { lowOpen: true, highOpen: true })
  checkInteger('reduceOnPlateau', 'patience', patience, 0)
  checkNonNegative('reduceOnPlateau', 'minDelta', minDelta)
  checkInteger('reduceOnPlateau', 'cooldown', cooldown, 0)
  checkNonNegative('reduceOnPlateau', 'minRate', minRate)
  const start: PlateauState = { rate: initial, best: Infinity, wait: 0, cooldown: 0 }
  return (loss$) =>
    loss$.pipe(
      scan((state: PlateauState, { loss }) => {
        const threshold = Number.isFinite(state.best) ? state.best - Math.abs(state.best) * minDelta : state.best
        if (loss < threshold) return { ...state, best: loss, wait: 0, cooldown: Math.max(0, state.cooldown - 1) }
        if (state.cooldown > 0) return { ...state, cooldown: state.cooldown - 1 }
        if (state.wait + 1 < patience) return { ...state, wait: state.wait + 1 }
        return { rate: Math.max(minRate, state.rate * factor), best: state.best, wait: 0, cooldown }
      }, start),
      map((state) => state.rate),
      startWith(initial),
      distinctUntilChanged(),
    )
}
