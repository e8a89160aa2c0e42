import {
  checkFunction,
  checkHParams,
  checkInteger,
  checkOptions,
  checkString,
  ConfigError,
  describe,
} from '@gradstream/core'
import type { HParams } from '@gradstream/core'
import { isAbsolute, join, resolve } from 'node:path'
import { concatWith, defer, from, map, mergeMap, of, takeWhile } from 'rxjs'
import type { Observable } from 'rxjs'
import { inProcess } from './engines/inProcess'
import type { Pruner, PruneDecision } from './pruning/pruner'
import type { RunJob } from './runJob'
import { runName, uniqueNames } from './runNames'
import type { SweepEngine } from './sweepEngine'
import type { SweepEvent } from './sweepEvent'

/**
 * Options of {@link sweep}.
 * @example
 * const options: SweepOptions<{ lr: number }> = { configs: [{ lr: 0.1 }, { lr: 0.01 }], run: 'run.ts', logdir: 'runs/lr' }
 */
export interface SweepOptions<C extends object> {
  /** The runs' configs: plain objects of strings, finite numbers and booleans (a list, or a generator's draws). */
  readonly configs: Iterable<C>
  /** Path of the run module (relative to the working directory) or a `file:` URL; its default export builds a run. */
  readonly run: string
  /** The directory under which each run gets its own, named after its config. */
  readonly logdir: string
  /** Where runs run (default `inProcess()`); the sweep never closes it. */
  readonly engine?: SweepEngine
  /** How many runs at once (default the engine's `concurrency`). */
  readonly concurrency?: number
  /** A run's directory name (default `runName(config)`); names made alike get `-2`, `-3`, ... */
  readonly name?: (config: C) => string
  /** Stops runs early from their step records (see `successiveHalving`). */
  readonly prune?: Pruner
}

/**
 * Runs one training run per config and emits every run's events, a cold
 * stream: each subscription runs the whole sweep again, and unsubscribing
 * cancels every run (each stops between two steps with its log and
 * checkpoint whole; `engine.close()` resolves once they are written). Runs
 * start in the configs' order, at most `concurrency` at once; run i writes
 * `<logdir>/<name>/log.jsonl` and `checkpoint.json` (the directory the
 * `gradstream dashboard <logdir>` command reads), and its events carry that
 * name as `runId`. Each run is the run its config makes alone, number for
 * number, whatever the engine and the other runs. A failed run is a
 * `failed` event; the others go on. With `prune`, a run the pruner stops
 * ends with a `pruned` event after the step that decided it. The configs
 * are read once, when `sweep` is called.
 * @throws ConfigError for bad options or a config that is not a plain object of strings, finite numbers and booleans.
 * @example
 * sweep({ configs: grid({ lr: [0.1, 0.01] }), run: 'examples/run.ts', logdir: 'runs/lr', engine: threads() })
 *   .pipe(filter((event) => event.type === 'finished'))
 *   .subscribe((event) => console.log(event.runId, event.final.loss)) // lr=0.1 0.0021 ...
 */
export function sweep<C extends object>(options: SweepOptions<C>): Observable<SweepEvent<C>> {
  checkOptions('sweep', options, ['configs', 'run', 'logdir', 'engine', 'concurrency', 'name', 'prune'])
  const { configs, run, logdir, engine = inProcess(), name, prune } = options
  checkString('sweep', 'run', run)
  checkString('sweep', 'logdir', logdir)
  checkEngine(engine)
  const { concurrency = engine.concurrency } = options
  if (concurrency !== Infinity) checkInteger('sweep', 'concurrency', concurrency, 1)
  if (name !== undefined) checkFunction('sweep', 'name', name)
  if (prune !== undefined && typeof (prune as { start?: unknown } | null)?.start !== 'function') {
    throw new ConfigError('sweep', `prune must be a Pruner such as successiveHalving(...), got ${describe(prune)}`)
  }
  const list = readConfigs(configs)
  const names = name === undefined ? uniqueNames(list.map(runName)) : customNames(list, name)
  const module = isAbsolute(run) || !/^[a-z][a-z0-9+.-]+:/i.test(run) ? resolve(run) : run
  const jobs: RunJob<C>[] = list.map((config, i) => ({
    runId: names[i]!,
    config,
    module,
    runDir: join(logdir, names[i]!),
  }))
  return defer(() => {
    const decide = prune?.start()
    return from(jobs).pipe(mergeMap((job) => pruned(engine.run(job), decide), concurrency))
  })
}

/** A run's events until the pruner stops it: the deciding step, then `pruned` (unsubscribing stops the run). */
function pruned<C>(event$: Observable<SweepEvent<C>>, decide: PruneDecision | undefined): Observable<SweepEvent<C>> {
  if (decide === undefined) return event$
  return event$.pipe(
    map((event) => ({
      event,
      reason: event.type === 'step' ? decide(event.runId, event.step, event.scalars) : undefined,
    })),
    takeWhile(({ reason }) => reason === undefined, true),
    mergeMap(({ event, reason }) =>
      reason === undefined || event.type !== 'step'
        ? of(event)
        : of(event).pipe(
            concatWith(of<SweepEvent<C>>({ type: 'pruned', runId: event.runId, step: event.step, reason })),
          ),
    ),
  )
}

/** The configs, read once and checked: each a plain object of strings, finite numbers and booleans. */
function readConfigs<C extends object>(configs: Iterable<C>): (C & HParams)[] {
  if (
    typeof (configs as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] !== 'function' ||
    typeof configs === 'string'
  ) {
    throw new ConfigError('sweep', `configs must be an array or an iterable of configs, got ${describe(configs)}`)
  }
  return [...configs].map((config, i) => {
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
      throw new ConfigError('sweep', `configs[${i}] must be a plain object, got ${describe(config)}`)
    }
    checkHParams('sweep', config)
    return config
  })
}

function customNames<C>(configs: readonly C[], name: (config: C) => unknown): string[] {
  return uniqueNames(
    configs.map((config, i) => {
      const text = name(config)
      if (typeof text !== 'string' || !/^[A-Za-z0-9._=,+-]+$/.test(text) || text === '.' || text === '..') {
        throw new ConfigError(
          'sweep',
          `name must return a directory name of letters, digits and ._=,+-, got ${describe(text)} for configs[${i}]`,
        )
      }
      return text
    }),
  )
}

function checkEngine(engine: unknown): asserts engine is SweepEngine {
  const { run, close, concurrency } = (engine ?? {}) as Partial<SweepEngine>
  if (typeof run !== 'function' || typeof close !== 'function' || typeof concurrency !== 'number') {
    throw new ConfigError(
      'sweep',
      `engine must be a SweepEngine such as inProcess() or threads(), got ${describe(engine)}`,
    )
  }
}
