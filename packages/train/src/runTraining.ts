import { ConfigError, checkFunction, describe } from '@gradstream/core'
import { Subject, from, isObservable, merge, takeUntil, tap } from 'rxjs'
import type { Observable, ObservableInput } from 'rxjs'

/**
 * One branch of a run given to {@link runTraining}: a function of the shared
 * snapshot stream, such as an operator (`everySteps(1000)`, `checkpoint(...)`)
 * or several piped together (`pipe(nanGuard(), everySteps(1000), logSteps(format))`).
 * @example const logger: Branch<Snapshot> = pipe(everySteps(1000), tap((s) => console.log(s.step, s.loss)))
 */
export type Branch<T> = (step$: Observable<T>) => ObservableInput<unknown>

/**
 * How a run given to {@link runTraining} ended, when none of its branches failed.
 * @example const { last, steps, reachedEnd } = await runTraining(run$, branches)
 */
export interface TrainingOutcome<T> {
  /** The last snapshot the run emitted (undefined if it emitted none). */
  readonly last: T | undefined
  /** How many snapshots the run emitted: the steps computed (a resumed run counts from its checkpoint). */
  readonly steps: number
  /** True when the run ran to its own end; false when it stopped early because every branch was done. */
  readonly reachedEnd: boolean
}

/**
 * Runs one training for several subscribers: subscribes every branch to one
 * shared run, starts it, and resolves with how it ended. The computation
 * stops as soon as every branch has completed (a `stopWhen`, a `take`), or
 * when one fails (a `nanGuard`, a failing step, a throwing logger): then the
 * other branches are unsubscribed and the promise rejects with that error,
 * so no error goes unhandled. Put `stopWhen` or `nanGuard` on the run itself
 * (`run$.pipe(nanGuard())`) to end every branch at once.
 *
 * Unlike `connectable(run$)`, which keeps computing after its subscribers
 * are gone and hands their errors to nobody, nothing runs here that no
 * branch listens to.
 *
 * @example
 * const ended = await runTraining(fit({ params, loss, optimizer: adam, learningRate: 0.001, data, steps: 5000 }), [
 *   pipe(nanGuard(), everySteps(1000), logSteps((s) => `step ${s.step}: loss ${s.loss}`)),
 *   checkpoint((text) => writeFile('run.json', text), { everySteps: 1000 }),
 * ])
 * console.log(`stopped at step ${ended.last?.step}`)
 */
export function runTraining<T>(run$: Observable<T>, branches: readonly Branch<T>[]): Promise<TrainingOutcome<T>> {
  if (!isObservable(run$)) throw new ConfigError('runTraining', `run$ must be an Observable, got ${describe(run$)}`)
  if (!Array.isArray(branches) || branches.length === 0) {
    throw new ConfigError('runTraining', `branches must be a non-empty array of functions, got ${describe(branches)}`)
  }
  branches.forEach((branch, i) => checkFunction('runTraining', `branches[${i}]`, branch))
  return new Promise((resolve, reject) => {
    const shared = new Subject<T>()
    const stop = new Subject<void>()
    let last: T | undefined
    let steps = 0
    let reachedEnd = false
    let branchesDone = false
    merge(...branches.map((branch) => from(branch(shared.asObservable())))).subscribe({
      error: (error: unknown) => {
        branchesDone = true
        stop.next()
        reject(error)
      },
      complete: () => {
        branchesDone = true
        stop.next()
        resolve({ last, steps, reachedEnd })
      },
    })
    // takeUntil unsubscribes the run at once, also in the middle of a synchronous run.
    run$
      .pipe(
        takeUntil(stop),
        tap({
          next: (snapshot) => {
            last = snapshot
            steps++
          },
          complete: () => {
            reachedEnd = !branchesDone
          },
        }),
      )
      .subscribe(shared)
  })
}
