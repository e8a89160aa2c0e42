import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { rankingTable, rankRuns } from './rankRuns'
import type { SweepEvent } from './sweepEvent'

const step = (runId: string, n: number, scalars: Record<string, number>): SweepEvent<object> => ({
  type: 'step',
  runId,
  step: n,
  scalars,
})
const events: SweepEvent<object>[] = [
  { type: 'started', runId: 'a', config: {}, attempt: 1 },
  { type: 'started', runId: 'b', config: {}, attempt: 1 },
  step('a', 1, { loss: 0.5, 'eval/loss': 0.6 }),
  step('b', 1, { loss: 0.4 }),
  step('a', 2, { loss: 0.3 }),
  { type: 'pruned', runId: 'b', step: 1, reason: 'worse' },
  { type: 'finished', runId: 'a', steps: 2, final: { loss: 0.3 }, best: { loss: 0.3 } },
  { type: 'started', runId: 'c', config: {}, attempt: 1 },
  { type: 'failed', runId: 'c', error: { name: 'Error', message: 'no' } },
  { type: 'started', runId: 'd', config: {}, attempt: 1 },
  step('d', 1, { loss: 0.3, 'eval/loss': 0.2 }),
]

describe('rankRuns', () => {
  it('ranks by the last reported value, best first, runs without one last in start order', () => {
    expect(rankRuns(events, { metric: 'loss' })).toEqual([
      { rank: 1, runId: 'a', status: 'finished', steps: 2, value: 0.3 },
      { rank: 2, runId: 'd', status: 'running', steps: 1, value: 0.3 },
      { rank: 3, runId: 'b', status: 'pruned', steps: 1, value: 0.4 },
      { rank: 4, runId: 'c', status: 'failed', steps: 0, value: NaN },
    ])
    // eval/loss: a's last evaluation was at step 1; 'max' puts the highest first.
    expect(rankRuns(events, { metric: 'eval/loss', mode: 'max' }).map((run) => [run.runId, run.value])).toEqual([
      ['a', 0.6],
      ['d', 0.2],
      ['b', NaN],
      ['c', NaN],
    ])
  })

  it('formats a ranking as an aligned table', () => {
    expect(rankingTable(rankRuns(events, { metric: 'loss' }), 'loss')).toBe(
      [
        'rank  run  status    steps      loss',
        '   1  a    finished      2  0.300000',
        '   2  d    running       1  0.300000',
        '   3  b    pruned        1  0.400000',
        '   4  c    failed        0         -',
      ].join('\n'),
    )
  })

  it('refuses bad options', () => {
    expect(() => rankRuns(events, { metric: 'loss', mode: 'lowest' as never })).toThrow(ConfigError)
    expect(() => rankRuns('x' as never, { metric: 'loss' })).toThrow('rankRuns: events must be an array, got')
  })
})
