/**
 * At most one message per run every this many milliseconds from a worker
 * thread. Each message wakes the main thread for a structured-clone read and
 * the subscribers' work; at one per step (a small model's step takes half a
 * millisecond) the main thread's share of the sweep's CPU time halved with
 * batches (see the package README), while 10 ms stays far below what a
 * dashboard or a pruner notices.
 */
export const BATCH_INTERVAL_MS = 10

/** A run's events on their way from a worker thread, from {@link eventBatches}. */
export interface EventBatches<T> {
  /** Adds an event; it goes out at once if the last batch left at least the interval ago, else with the next batch. */
  readonly add: (event: T) => void
  /** Posts what is held now (at the end of a run). */
  readonly flush: () => void
}

/**
 * Groups events into batches for `post`, in order: an event that comes at
 * least `intervalMs` after the last batch went out goes at once (with what
 * was held), so a run slower than one step per interval posts every step as
 * it happens; faster runs post at most one batch per interval. What is held
 * goes out at the next event past the interval or, when the thread's event
 * loop is free (a run that yields), by a timer at the interval's end.
 */
export function eventBatches<T>(
  post: (events: T[]) => void,
  intervalMs: number = BATCH_INTERVAL_MS,
  now: () => number = () => performance.now(),
): EventBatches<T> {
  let held: T[] = []
  let postedAt = -Infinity
  let timer: ReturnType<typeof setTimeout> | undefined
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
    if (held.length === 0) return
    const batch = held
    held = []
    postedAt = now()
    post(batch)
  }
  return {
    add: (event) => {
      held.push(event)
      const waited = now() - postedAt
      if (waited >= intervalMs) flush()
      else timer ??= setTimeout(flush, intervalMs - waited)
    },
    flush,
  }
}
