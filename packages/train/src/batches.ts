import {
  DTypeError,
  ShapeError,
  checkInteger,
  checkNonNegative,
  checkOneOf,
  checkOptions,
  checkSeed,
  describe,
} from '@gradstream/core'
import { RandomState, Tensor, formatShape, gather, slice, tensor } from '@gradstream/tensor'
import { Observable } from 'rxjs'
import type { Batch } from './batch'

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
const ORDERS: readonly BatchOrder[] = ['cycle', 'shuffle', 'full']

/**
 * A stream of batches over `x` and `y` (rows along axis 0). Synchronous by
 * default, so `take(n)` stops after exactly n batches; with `yieldEverySteps`
 * or `yieldEveryMs` it emits in chunks between event-loop turns. Every
 * subscription walks the data from `startStep` on its own.
 *
 * @example
 * batches(x, y, { batchSize: 8 }).pipe(take(3)) // rows 0-7, 8-15, 16-23
 */
export function batches(x: Tensor, y: Tensor, options: BatchesOptions = {}): Observable<Batch> {
  checkOptions('batches', options, KNOWN)
  const settings = checkBatches('batches', x, y, options)
  return emitBatches(() => batchPicker(x, y, settings), settings)
}

/** Batching options with their defaults, checked. */
export interface BatchSettings {
  readonly order: BatchOrder
  readonly batchSize: number
  readonly seed: number
  readonly startStep: number
  readonly steps: number
  readonly yieldEverySteps: number
  readonly yieldEveryMs: number
}

/**
 * Checks the data and the batching options for `fn` (`batches`, or `fit`
 * with `prefix` `'batching.'`) and fills in the defaults.
 */
export function checkBatches(fn: string, x: unknown, y: unknown, options: BatchesOptions, prefix = ''): BatchSettings {
  if (!(x instanceof Tensor) || !(y instanceof Tensor)) {
    const [name, value] = x instanceof Tensor ? ['y', y] : ['x', x]
    throw new DTypeError(fn, `${name} must be a Tensor, got ${describe(value)}`)
  }
  const n = x.shape[0] ?? 0
  if (y.shape[0] !== n) {
    throw new ShapeError(
      fn,
      `x and y need the same number of rows: x is ${formatShape(x.shape)}, y is ${formatShape(y.shape)}`,
    )
  }
  if (n === 0) throw new ShapeError(fn, 'the data set has no rows')
  const { order = 'cycle', seed = 0, startStep = 0, steps = Infinity } = options
  const { yieldEverySteps = Infinity, yieldEveryMs = Infinity } = options
  checkOneOf(fn, `${prefix}order`, order, ORDERS)
  const { batchSize = 32 } = options
  checkInteger(fn, `${prefix}batchSize`, batchSize, 1)
  checkSeed(fn, seed)
  checkInteger(fn, `${prefix}startStep`, startStep, 0)
  if (steps !== Infinity) checkInteger(fn, `${prefix}steps`, steps, 0)
  if (yieldEverySteps !== Infinity) checkInteger(fn, `${prefix}yieldEverySteps`, yieldEverySteps, 1)
  if (yieldEveryMs !== Infinity) checkNonNegative(fn, `${prefix}yieldEveryMs`, yieldEveryMs)
  // 'full' ignores batchSize: every batch is all n rows
  return { order, batchSize: order === 'full' ? n : batchSize, seed, startStep, steps, yieldEverySteps, yieldEveryMs }
}

function batchPicker(x: Tensor, y: Tensor, { order, batchSize, seed }: BatchSettings): (step: number) => Batch {
  if (order === 'cycle') return cycleBatch(x, y, batchSize)
  if (order === 'full') return () => ({ x, y })
  return shuffleBatch(x, y, batchSize, seed)
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

/**
 * Epoch e uses the e-th permutation drawn from one RandomState(seed); the last batch of an epoch may be short.
 * Steps only move forward within a subscription, so only the current epoch's permutation is kept.
 */
function shuffleBatch(x: Tensor, y: Tensor, batchSize: number, seed: number): (step: number) => Batch {
  const n = x.shape[0]!
  const perEpoch = Math.ceil(n / batchSize)
  const rng = new RandomState(seed)
  let epoch = -1
  let permutation = new Int32Array(0)
  return (step) => {
    for (const wanted = Math.floor(step / perEpoch); epoch < wanted; epoch++) {
      permutation = Int32Array.from(rng.permutation(n).toFlatArray())
    }
    const start = (step % perEpoch) * batchSize
    const rows = tensor(permutation.subarray(start, Math.min(n, start + batchSize)), undefined, 'int32')
    return { x: gather(x, rows), y: gather(y, rows) }
  }
}

/** Emits `pick(step)` from `startStep` on, with a fresh picker per subscription. */
function emitBatches(makePick: () => (step: number) => Batch, settings: BatchSettings): Observable<Batch> {
  const { startStep, steps, yieldEverySteps, yieldEveryMs } = settings
  return new Observable<Batch>((subscriber) => {
    const pick = makePick()
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
