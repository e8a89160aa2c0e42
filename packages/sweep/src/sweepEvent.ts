/**
 * What a sweep emits about its runs: plain data, safe to send as a
 * structured clone (to and from worker threads) and as JSON (through a job
 * queue). Every event names its run by `runId`.
 *
 * - `started`: the run began (`attempt` 1 the first time; a retried run
 *   resumed from its checkpoint says the step in `resumedFromStep`).
 * - `step`: one training step's logged numbers, by the names the run's log
 *   uses (`loss`, `loss/<term>`, `learning_rate`, `eval/<name>`: see
 *   `loggedValues` of `@gradstream/logs`).
 * - `eval`: the evaluation of a step that ran one (`snapshot.eval`).
 * - `finished`: the run ended normally after `steps` steps; `final` holds the
 *   last step's numbers, `best` those of the step with the lowest `eval/loss`
 *   (the lowest `loss` in a run without evaluations), with its `step`, over
 *   the whole run: a run resumed from a checkpoint counts the steps before it.
 * - `failed`: the run ended with an error (its name and message).
 * - `pruned`: the sweep stopped the run at `step`, for the `reason` given.
 *
 * @example
 * const event: SweepEvent<{ lr: number }> = { type: 'eval', runId: 'lr=0.1', step: 100, metrics: { loss: 0.21 } }
 */
export type SweepEvent<C> =
  | {
      readonly type: 'started'
      readonly runId: string
      readonly config: C
      readonly attempt: number
      readonly resumedFromStep?: number
    }
  | {
      readonly type: 'step'
      readonly runId: string
      readonly step: number
      readonly epoch?: number
      readonly scalars: Readonly<Record<string, number>>
    }
  | {
      readonly type: 'eval'
      readonly runId: string
      readonly step: number
      readonly metrics: Readonly<Record<string, number>>
    }
  | {
      readonly type: 'finished'
      readonly runId: string
      readonly steps: number
      readonly final: Readonly<Record<string, number>>
      readonly best: Readonly<Record<string, number>>
    }
  | {
      readonly type: 'failed'
      readonly runId: string
      readonly error: { readonly name: string; readonly message: string }
    }
  | { readonly type: 'pruned'; readonly runId: string; readonly step: number; readonly reason: string }

/**
 * The kind of a {@link SweepEvent}, its `type`.
 * @example const kind: SweepEventType = 'finished'
 */
export type SweepEventType = SweepEvent<unknown>['type']
