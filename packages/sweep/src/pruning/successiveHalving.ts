import { checkInteger, checkOneOf, checkOptions, checkString } from '@gradstream/core'
import type { Pruner } from './pruner'

/**
 * Options of {@link successiveHalving}.
 * @example const options: SuccessiveHalvingOptions = { metric: 'eval/loss', mode: 'min', minSteps: 10, reductionFactor: 3 }
 */
export interface SuccessiveHalvingOptions {
  /** The logged number runs are compared by: `loss`, `eval/loss`, `eval/accuracy`, ... */
  readonly metric: string
  /** Whether lower (`'min'`, the default) or higher (`'max'`) is better. */
  readonly mode?: 'min' | 'max'
  /** The first rung, in steps (ASHA's minimum resource r). */
  readonly minSteps: number
  /** The reduction factor η, an integer >= 2 (default 3): rungs are η times apart and keep the best 1/η. */
  readonly reductionFactor?: number
}

/**
 * Asynchronous successive halving (ASHA, Li et al. 2018) as Optuna's
 * `SuccessiveHalvingPruner` decides it: rung k sits at `minSteps · η^k`
 * steps. The first time a run reports `metric` at or after a rung's step, its
 * value is recorded at that rung (at each rung passed, for a report past several), and the run goes on only if that value is
 * among the best ⌊n/η⌋ of the n values recorded at the rung so far, itself
 * included; while n < η, only if it is the best of them. Ties are kept. A
 * NaN value is worse than any other, and a run that never reports the
 * metric is never pruned. Each run is thus judged at most once per rung,
 * against the runs that reached the rung before it: with parallel runs the
 * decisions depend on the order runs reach the rungs, as in ASHA; with one
 * run at a time they depend on the configs' order alone.
 * @example
 * sweep({ configs, run: 'run.ts', logdir: 'runs', prune: successiveHalving({ metric: 'eval/loss', minSteps: 20 }) })
 */
export function successiveHalving(options: SuccessiveHalvingOptions): Pruner {
  checkOptions('successiveHalving', options, ['metric', 'mode', 'minSteps', 'reductionFactor'])
  const { metric, mode = 'min', minSteps, reductionFactor = 3 } = options
  checkString('successiveHalving', 'metric', metric)
  checkOneOf('successiveHalving', 'mode', mode, ['min', 'max'])
  checkInteger('successiveHalving', 'minSteps', minSteps, 1)
  checkInteger('successiveHalving', 'reductionFactor', reductionFactor, 2)
  const sign = mode === 'min' ? 1 : -1
  return {
    start: () => {
      const rungs: number[][] = [] // the values recorded at each rung, as costs: lower is better, NaN as Infinity
      const nextRung = new Map<string, number>()
      return (runId, step, scalars) => {
        const value = scalars[metric]
        if (value === undefined) return undefined
        const cost = Number.isNaN(value) ? Infinity : sign * value
        // As Optuna: a report past several rungs is recorded at each of them in turn.
        for (let rung = nextRung.get(runId) ?? 0; step >= minSteps * reductionFactor ** rung; rung++) {
          nextRung.set(runId, rung + 1)
          const recorded = (rungs[rung] ??= [])
          recorded.push(cost)
          const kept = Math.max(1, Math.floor(recorded.length / reductionFactor))
          const threshold = [...recorded].sort((a, b) => a - b)[kept - 1]!
          if (cost > threshold) {
            return (
              `${metric} ${value} at step ${step} is not among the best ${kept} of the ${recorded.length} runs ` +
              `at rung ${rung} (${minSteps * reductionFactor ** rung} steps), which need ` +
              `${mode === 'min' ? '<=' : '>='} ${sign * threshold}`
            )
          }
        }
        return undefined
      }
    },
  }
}
