import { CheckpointError } from '@gradstream/core'

/** A queue of checkpoint writes for one run, from {@link checkpointQueue}. */
export interface CheckpointQueue<T> {
  /** Writes `snapshot` now if no write is in flight; otherwise keeps it as the next to write, replacing an older one. */
  readonly offer: (snapshot: T) => void
  /** Resolves once no write is in flight or waiting (at once after a failure, which `onFailure` has reported). */
  readonly idle: () => Promise<void>
}

/**
 * Writes one checkpoint at a time, the latest first: a run is synchronous,
 * so writes started as snapshots arrive would all overlap on one file. While
 * a write is in flight, at most one snapshot waits, the newest; an older one
 * waiting is dropped, as it would be overwritten anyway. Nothing is kept of a
 * write once it has settled. After the first failure, reported once through
 * `onFailure` with `fn` naming the public function, nothing more is written.
 */
export function checkpointQueue<T extends { readonly step: number }>(
  fn: string,
  write: (snapshot: T) => void | PromiseLike<void>,
  onFailure: (error: CheckpointError) => void,
): CheckpointQueue<T> {
  let writing = false
  let waiting: T | undefined
  let failed = false
  let idleWaiters: (() => void)[] = []

  const settleIdle = () => {
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }
  const fail = (step: number, error: unknown) => {
    failed = true
    writing = false
    waiting = undefined
    onFailure(writeError(fn, step, error))
    settleIdle()
  }
  const writeNext = () => {
    writing = false
    const next = waiting
    waiting = undefined
    if (next === undefined) settleIdle()
    else start(next)
  }
  const start = (snapshot: T) => {
    let written: void | PromiseLike<void>
    try {
      written = write(snapshot)
    } catch (error) {
      fail(snapshot.step, error)
      return
    }
    if (!isPromiseLike(written)) return writeNext()
    writing = true
    written.then(writeNext, (error: unknown) => fail(snapshot.step, error))
  }

  return {
    offer: (snapshot) => {
      if (failed) return
      if (writing) waiting = snapshot
      else start(snapshot)
    },
    idle: () =>
      failed || (!writing && waiting === undefined)
        ? Promise.resolve()
        : new Promise<void>((resolve) => void idleWaiters.push(resolve)),
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<void> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function'
}

/** The failure of step `step`'s write; a CheckpointError (a state that cannot be stored) passes as it is. */
function writeError(fn: string, step: number, error: unknown): CheckpointError {
  if (error instanceof CheckpointError) return error
  const reason = error instanceof Error ? error.message : String(error)
  const wrapped = new CheckpointError(fn, `writing the checkpoint of step ${step} failed: ${reason}`)
  wrapped.cause = error
  return wrapped
}
