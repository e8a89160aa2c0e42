import { ConfigError, RandomState, ShapeError, formatShape, gather, slice, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { Observable } from 'rxjs'
import type { Batch } from './batch'
import { checkOptions } from './checkOptions'

/** How `batches` walks the data. */
export type BatchOrder = 'cycle' | 'shuffle' | 'full'

export interface BatchesOptions {
  /** Rows per batch (ignored by `'full'`). */
  readonly batchSize?: number
  /**
   * `'cycle'` (default): batch i is rows `(i * batchSize) % n` up to `+ batchSize`, clipped at n,
   * exactly as the seed's `X[start:end]` loop. `'shuffle'`: each epoch walks a fresh permutation drawn
   * from a numpy-compatible `RandomState(seed)`. `'full'`: every batch is the whole data set.
   */
  readonly order?: BatchOrder
  /** Seed of the shuffle (default 0). */
  readonly seed?: number
  /** Index of the first batch to emit, so a resumed run sees the batches it would have seen. */
  readonly startStep?: number
  /** Emit at most this many batches (default: without end; use `take` or `fit`'s `steps`). */
  readonly steps?: number
  /** Yield to the event loop after this many batches, so a server or page stays responsive. */
  readonly yieldEverySteps?: number
  /** Yield to the event loop once this many milliseconds have passed since the last yield. */
  readonly yieldEveryMs?: number
}

const KNOWN = ['batchSize', 'order', 'seed', 'startStep', 'steps', 'yieldEverySteps', 'yieldEveryMs']

/**
 * A stream of batches over `x` and `y` (rows along axis 0). Synchronous by
 * default, so `take(n)` stops after exactly n batches; with `yieldEverySteps`
 * or `yieldEveryMs` it emits in chunks between event-loop turns.
 *
 * @example
 * batches(x, y, { batchSize: 8 }).pipe(take(3)) // rows 0-7, 8-15, 16-23
 */
export function batches(x: Tensor, y: Tensor, options: BatchesOptions = {}): Observable<Batch> {
  checkOptions('batches', options, KNOWN)
  const { order = 'cycle', seed = 0, startStep = 0, steps = Infinity } = options
  const n = x.shape[0] ?? 0
  if (y.shape[0] !== n) {
    throw new ShapeError(
      'batches',
      `x and y need the same number of rows: x is ${formatShape(x.shape)}, y is ${formatShape(y.shape)}`,
    )
  }
  if (n === 0) throw new ShapeError('batches', 'the data set has no rows')
  if (!['cycle', 'shuffle', 'full'].includes(order)) {
    throw new ConfigError('batches', `order must be 'cycle', 'shuffle' or 'full', got ${JSON.stringify(order)}`)
  }
  const batchSize = order === 'full' ? n : (options.batchSize ?? 32)
  checkCount('batchSize', batchSize, 1)
  checkCount('startStep', startStep, 0)
  if (steps !== Infinity) checkCount('steps', steps, 0)
  const pick =
    order === 'cycle'
      ? cycleBatch(x, y, batchSize)
      : order === 'full'
        ? () => ({ x, y })
        : shuffleBatch(x, y, batchSize, seed)
  return emitBatches(pick, startStep, steps, options)
}

function checkCount(name: string, value: number, least: number): void {
  if (!Number.isInteger(value) || value < least) {
    throw new ConfigError('batches', `${name} must be an integer >= ${least}, got ${value}`)
  }
}

function cycleBatch(x: Tensor, y: Tensor, batchSize: number): (step: number) => Batch {
  const n = x.shape[0]!
  const xRows = rowSlicer(x)
  const yRows = rowSlicer(y)
  return (step) => {
    const start = (step * batchSize) % n
    const size = Math.min(batchSize, n - start)
    return { x: xRows(start, size), y: yRows(start, size) }
  }
}

/** Slices `size` rows of `t` from `start`, every other axis whole (the other axes worked out once). */
function rowSlicer(t: Tensor): (start: number, size: number) => Tensor {
  const rest = t.shape.slice(1)
  const zeros = rest.map(() => 0)
  return (start, size) => slice(t, [start, ...zeros], [size, ...rest])
}

/** Epoch e uses the e-th permutation drawn from one RandomState(seed); the last batch of an epoch may be short. */
function shuffleBatch(x: Tensor, y: Tensor, batchSize: number, seed: number): (step: number) => Batch {
  const n = x.shape[0]!
  const perEpoch = Math.ceil(n / batchSize)
  const rng = new RandomState(seed)
  const permutations: Int32Array[] = []
  return (step) => {
    const epoch = Math.floor(step / perEpoch)
    while (permutations.length <= epoch) permutations.push(Int32Array.from(rng.permutation(n).toFlatArray()))
    const start = (step % perEpoch) * batchSize
    const rows = tensor(permutations[epoch]!.subarray(start, Math.min(n, start + batchSize)), undefined, 'int32')
    return { x: gather(x, rows), y: gather(y, rows) }
  }
}

function emitBatches(pick: (step: number) => Batch, startStep: number, steps: number, options: BatchesOptions) {
  const { yieldEverySteps = Infinity, yieldEveryMs = Infinity } = options
  return new Observable<Batch>((subscriber) => {
    let step = startStep
    const end = startStep + steps
    let timer: ReturnType<typeof setTimeout> | undefined
    const runChunk = (): void => {
      const chunkStart = yieldEveryMs === Infinity ? 0 : Date.now()
      let emitted = 0
      while (step < end && !subscriber.closed) {
        subscriber.next(pick(step++))
        emitted++
        const due = emitted >= yieldEverySteps || (yieldEveryMs !== Infinity && Date.now() - chunkStart >= yieldEveryMs)
        if (due && step < end) {
          timer = setTimeout(runChunk, 0)
          return
        }
      }
      subscriber.complete()
    }
    runChunk()
    return () => clearTimeout(timer)
  })
}
