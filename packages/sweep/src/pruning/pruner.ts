/**
 * Decides which runs of a sweep to stop early. `start()` is called once per
 * subscription to the sweep and returns the decision function for it, which
 * sees each run's step records in the order they arrive and returns the
 * reason to stop the run, or undefined to let it go on.
 * @example
 * const stopLate: Pruner = { start: () => (_runId, step) => (step > 1000 ? 'too long' : undefined) }
 */
export interface Pruner {
  readonly start: () => PruneDecision
}

/**
 * One sweep's pruning decisions: the reason to stop run `runId` after its step `step` with these logged numbers, or undefined.
 * @example const decide: PruneDecision = (runId, step, scalars) => (scalars.loss > 10 ? 'diverged' : undefined)
 */
export type PruneDecision = (
  runId: string,
  step: number,
  scalars: Readonly<Record<string, number>>,
) => string | undefined
