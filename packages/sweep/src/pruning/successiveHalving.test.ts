import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { successiveHalving } from './successiveHalving'

/** Feeds `reports` ([runId, step, value]) to a fresh decision function; returns each report's decision. */
function decisions(
  options: Parameters<typeof successiveHalving>[0],
  reports: readonly (readonly [string, number, number])[],
): (string | undefined)[] {
  const decide = successiveHalving(options).start()
  return reports.map(([runId, step, value]) => decide(runId, step, { [options.metric]: value }))
}

const pruned = (reasons: readonly (string | undefined)[]) => reasons.map((reason) => reason !== undefined)

describe('successiveHalving', () => {
  it('keeps the best floor(n / η) at a rung, and the best alone while n < η', () => {
    // η = 3, rung 0 at step 1. n = 1: a is best. n = 2: b (0.5) is not better than a (0.4): pruned.
    // n = 3: keep 1; c (0.3) is the best: kept. n = 4: keep 1; d (0.35) is not the best (0.3): pruned.
    // n = 6: keep 2, the two best of {0.4, 0.5, 0.3, 0.35, 0.2, 0.32} are 0.2 and 0.3: f (0.32) pruned.
    const reports = [
      ['a', 1, 0.4],
      ['b', 1, 0.5],
      ['c', 1, 0.3],
      ['d', 1, 0.35],
      ['e', 1, 0.2],
      ['f', 1, 0.32],
    ] as const
    expect(pruned(decisions({ metric: 'loss', minSteps: 1 }, reports))).toEqual([false, true, false, true, false, true])
  })

  it('judges a run once per rung, at its first report at or past the rung step, rungs η times apart', () => {
    // η = 2: rungs at 2, 4, 8, ... steps.
    const decide = successiveHalving({ metric: 'loss', minSteps: 2, reductionFactor: 2 }).start()
    expect(decide('a', 1, { loss: 9 })).toBeUndefined() // before rung 0: nothing recorded
    expect(decide('a', 2, { loss: 0.5 })).toBeUndefined() // rung 0: a alone, the best
    expect(decide('a', 3, { loss: 100 })).toBeUndefined() // between rungs: not judged
    expect(decide('b', 3, { loss: 0.4 })).toBeUndefined() // rung 0 at its first report past step 2: 0.4 the best of 2
    expect(decide('a', 4, { loss: 0.3 })).toBeUndefined() // rung 1: a alone
    expect(decide('b', 5, { loss: 0.35 })).toBe(
      'loss 0.35 at step 5 is not among the best 1 of the 2 runs at rung 1 (4 steps), which need <= 0.3',
    )
  })

  it('records a report past several rungs at each of them in turn, as Optuna', () => {
    const decide = successiveHalving({ metric: 'loss', minSteps: 1, reductionFactor: 2 }).start()
    expect(decide('a', 1, { loss: 0.2 })).toBeUndefined() // rung 0
    expect(decide('a', 2, { loss: 0.1 })).toBeUndefined() // rung 1
    // b's first report at step 2 is recorded at rung 0 (0.3 > 0.2 of a: pruned there, rung 1 never reached).
    expect(decide('b', 2, { loss: 0.3 })).toBe(
      'loss 0.3 at step 2 is not among the best 1 of the 2 runs at rung 0 (1 steps), which need <= 0.2',
    )
    // c's first report at step 2 passes rung 0 (0.15 best of 3) then rung 1 (0.15 > 0.1 of a: pruned).
    expect(decide('c', 2, { loss: 0.15 })).toMatch(/at rung 1 \(2 steps\), which need <= 0\.1$/)
  })

  it("with mode 'max' keeps the highest, ties are kept, NaN is the worst and a missing metric is never judged", () => {
    const decide = successiveHalving({ metric: 'eval/accuracy', mode: 'max', minSteps: 1, reductionFactor: 2 }).start()
    const run = (runId: string, value: number) => decide(runId, 1, { 'eval/accuracy': value })
    expect(run('a', 0.8)).toBeUndefined()
    expect(run('b', 0.8)).toBeUndefined() // a tie with the best
    expect(run('c', 0.9)).toBeUndefined()
    expect(run('d', 0.7)).toBe(
      'eval/accuracy 0.7 at step 1 is not among the best 2 of the 4 runs at rung 0 (1 steps), which need >= 0.8',
    )
    expect(run('e', NaN)).toMatch(/^eval\/accuracy NaN at step 1 is not among the best 2 of the 5 runs/)
    expect(decide('f', 1, { loss: 0.1 })).toBeUndefined()
  })

  it('starts afresh for every subscription', () => {
    const pruner = successiveHalving({ metric: 'loss', minSteps: 1, reductionFactor: 2 })
    const first = pruner.start()
    expect(first('a', 1, { loss: 0.1 })).toBeUndefined()
    expect(first('b', 1, { loss: 0.2 })).toBeDefined()
    expect(pruner.start()('b', 1, { loss: 0.2 })).toBeUndefined()
  })

  it('refuses bad options', () => {
    expect(() => successiveHalving({ metric: 'loss', minSteps: 0 })).toThrow(
      new ConfigError('successiveHalving', 'minSteps must be an integer >= 1, got 0'),
    )
    expect(() => successiveHalving({ metric: 'loss', minSteps: 1, reductionFactor: 1 })).toThrow(ConfigError)
    expect(() => successiveHalving({ metric: 'loss', minSteps: 1, mode: 'low' as never })).toThrow(ConfigError)
    expect(() => successiveHalving({ metric: 3 as never, minSteps: 1 })).toThrow(
      'successiveHalving: metric must be a string, got 3',
    )
    expect(() => successiveHalving({ metric: 'loss', minSteps: 1, eta: 3 } as never)).toThrow(
      "successiveHalving: unknown option 'eta'; expected one of metric, mode, minSteps, reductionFactor",
    )
  })
})
