import type { Snapshot } from '@gradstream/train'
import type { Observable } from 'rxjs'

/**
 * What a run function is given besides its configuration: its directory and,
 * when the run continues an earlier attempt, the checkpoint text to pass to
 * `fit({ resumeFrom })`.
 * @example const context: RunContext = { runDir: 'runs/lr=0.1' }
 */
export interface RunContext {
  /** The run's directory (its log and checkpoint are written there for it). */
  readonly runDir: string
  /** Checkpoint text of an earlier attempt of this run; give it to `fit` as `resumeFrom`. */
  readonly resumeFrom?: string
}

/**
 * The default export of a run module: builds one run, a `fit(...)`, from its
 * configuration. It must be deterministic in its configuration (seeded), so
 * that a run in a sweep is the run alone, and pass `context.resumeFrom` on to
 * `fit` so that a retried run continues where it stopped.
 * @example
 * const run: RunFunction<{ lr: number }> = ({ lr }, { resumeFrom }) => fit({ ...options, learningRate: lr, resumeFrom })
 */
export type RunFunction<C> = (config: C, context: RunContext) => Observable<Snapshot>

/**
 * Types a run module's default export; returns `run` itself.
 * @example
 * export default defineRun(({ lr }: { lr: number }, { resumeFrom }) => fit({ ...options, learningRate: lr, resumeFrom }))
 */
export function defineRun<C>(run: RunFunction<C>): RunFunction<C> {
  return run
}
