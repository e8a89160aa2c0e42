/** A queue of items written in batches, from {@link batchQueue}. */
export interface BatchQueue<T> {
  /** Adds an item; it is written with the next batch. Returns at once, whatever the writes are doing. */
  readonly offer: (item: T) => void
  /** Resolves once every item offered so far is written (at once after a failure, which `onFailure` has reported). */
  readonly idle: () => Promise<void>
}

/**
 * Writes items in order, one batch at a time: a training run offers a row
 * per step and never waits, items offered while a batch is being written
 * wait together and go out as the next batch, so each write carries whatever
 * piled up (batched) and no two writes overlap (serialised). After the first
 * failure, reported once through `onFailure`, nothing more is written.
 */
export function batchQueue<T>(
  writeBatch: (items: readonly T[]) => Promise<void>,
  onFailure: (error: unknown) => void,
): BatchQueue<T> {
  let waiting: T[] = []
  let writing = false
  let failed = false
  let idleWaiters: (() => void)[] = []

  const settleIdle = () => {
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }
  const writeNext = () => {
    if (failed || waiting.length === 0) {
      writing = false
      settleIdle()
      return
    }
    const batch = waiting
    waiting = []
    writing = true
    Promise.resolve(batch)
      .then(writeBatch)
      .then(writeNext, (error: unknown) => {
        failed = true
        waiting = []
        onFailure(error)
        writeNext()
      })
  }

  return {
    offer: (item) => {
      if (failed) return
      waiting.push(item)
      // Started on a later tick, so a synchronous run offers many items before the first batch goes out.
      if (!writing) {
        writing = true
        queueMicrotask(writeNext)
      }
    },
    idle: () =>
      !writing && waiting.length === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => void idleWaiters.push(resolve)),
  }
}
