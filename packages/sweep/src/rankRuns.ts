import { checkOneOf, checkOptions, checkString, ConfigError, describe } from '@gradstream/core'
import type { SweepEvent } from './sweepEvent'

/**
 * Options of {@link rankRuns}.
 * @example const options: RankRunsOptions = { metric: 'eval/loss', mode: 'min' }
 */
export interface RankRunsOptions {
  /** The logged number runs are ranked by: `loss`, `eval/loss`, `eval/accuracy`, ... */
  readonly metric: string
  /** Whether lower (`'min'`, the default) or higher (`'max'`) is better. */
  readonly mode?: 'min' | 'max'
}

/**
 * One run in a ranking.
 * @example const row: RankedRun = { rank: 1, runId: 'lr=0.1', status: 'finished', steps: 100, value: 0.02 }
 */
export interface RankedRun {
  /** 1 for the best run; runs without a value share the last ranks in the order they started. */
  readonly rank: number
  readonly runId: string
  /** How the run ended, or `'running'` if the events end before it did. */
  readonly status: 'running' | 'finished' | 'failed' | 'pruned'
  /** The last step the run reported (0 before any). */
  readonly steps: number
  /** The metric's last reported value (NaN when the run never reported it). */
  readonly value: number
}

/**
 * A sweep's runs ranked by the last value each reported of `metric` (for a
 * pruned or failed run, the value when it stopped), best first, read from
 * `step` events, `eval` events (for `eval/<name>`) and `finished` events'
 * `final`, so a list without the step events ranks too; runs that
 * never reported it, and those whose value is NaN, come last, in the order
 * they started. Equal values keep the order the runs started in.
 * @example
 * const events = await lastValueFrom(sweep(options).pipe(toArray()))
 * rankRuns(events, { metric: 'eval/loss' }).map((run) => run.runId) // ['l2=0.001', 'l2=0.01', ...]
 */
export function rankRuns<C>(events: readonly SweepEvent<C>[], options: RankRunsOptions): RankedRun[] {
  if (!Array.isArray(events)) throw new ConfigError('rankRuns', `events must be an array, got ${describe(events)}`)
  checkOptions('rankRuns', options, ['metric', 'mode'])
  const { metric, mode = 'min' } = options
  checkString('rankRuns', 'metric', metric)
  checkOneOf('rankRuns', 'mode', mode, ['min', 'max'])
  const runs = new Map<string, Omit<RankedRun, 'rank'>>()
  for (const event of events) {
    const run = runs.get(event.runId) ?? { runId: event.runId, status: 'running', steps: 0, value: NaN }
    runs.set(event.runId, { ...run, ...reported(event, metric, run.value) })
  }
  const sign = mode === 'min' ? 1 : -1
  const cost = (value: number) => (Number.isNaN(value) ? Infinity : sign * value)
  // Array.prototype.sort is stable: equal costs keep the order the runs started in.
  return [...runs.values()]
    .sort((a, b) => (cost(a.value) === cost(b.value) ? 0 : cost(a.value) - cost(b.value)))
    .map((run, i) => ({ rank: i + 1, ...run }))
}

/**
 * A ranking as a plain-text table, one run per line, for a terminal; values to 6 significant digits.
 * @example
 * console.log(rankingTable([{ rank: 1, runId: 'lr=0.1', status: 'finished', steps: 100, value: 0.0021 }], 'loss'))
 * // rank  run     status    steps        loss
 * //    1  lr=0.1  finished    100  0.00210000
 */
export function rankingTable(runs: readonly RankedRun[], metric: string): string {
  const rows = runs.map((run) => [String(run.rank), run.runId, run.status, String(run.steps), formatValue(run.value)])
  const header = ['rank', 'run', 'status', 'steps', metric]
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)))
  const rightAligned = new Set([0, 3, 4])
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (rightAligned.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

/** What an event says of its run: the step reached, the metric's value, how the run ended. */
function reported<C>(event: SweepEvent<C>, metric: string, value: number): Partial<Omit<RankedRun, 'rank'>> {
  switch (event.type) {
    case 'started':
      return {}
    case 'step':
      return { steps: event.step, value: event.scalars[metric] ?? value }
    case 'eval': {
      const name = metric.startsWith('eval/') ? metric.slice('eval/'.length) : undefined
      return { steps: event.step, value: (name === undefined ? undefined : event.metrics[name]) ?? value }
    }
    case 'finished':
      return { status: 'finished', steps: event.steps, value: event.final[metric] ?? value }
    default:
      return { status: event.type }
  }
}

function formatValue(value: number): string {
  return Number.isNaN(value) ? '-' : value.toPrecision(6)
}
