import {
  ConfigError,
  DTypeError,
  ShapeError,
  checkBoolean,
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
import { alignedEpochPosition, wrappingEpochPosition } from './epochs'
import type { EpochPosition } from './epochs'

/** How `batches` walks the data. */
export type BatchOrder = 'cycle' | 'shuffle' | 'full'

export interface BatchesOptions {
  /** Rows per batch (ignored by `'full'`). */
  readonly batchSize?: number
  /**
   * `'cycle'` (default): batch i is rows `(i * batchSize) % n` up to `+ batchSize`, clipped at n,
   * exactly as the seed's `X[start:end]` loop (with `dropRemainder`, or `fit`'s `epochs`, every epoch
   * starts again at row 0). `'shuffle'`: each epoch walks a fresh permutation drawn from a
   * numpy-compatible `RandomState(seed)`. `'full'`: every batch is the whole data set.
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
  /**
   * Drop the last batch of every epoch when it is short (default false: keep it, as tf.data's `batch` and
   * PyTorch's `DataLoader` do); an epoch is then `floor(n / batchSize)` batches.
   */
  readonly dropRemainder?: boolean
}

const KNOWN = ['batchSize', 'order', 'seed', 'startStep', 'steps', 'yieldEverySteps', 'yieldEveryMs', 'dropRemainder']
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
  return batchesOf(x, y, checkBatches('batches', x, y, options))
}

/** `batches` over settings already checked (by `batches` or `fit`). */
export function batchesOf(x: Tensor, y: Tensor, settings: BatchSettings): Observable<Batch> {
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
  readonly dropRemainder: boolean
  /** Rows of the data. */
  readonly rows: number
  /** Batches of one epoch: 1 for `'full'`, else `n / batchSize` rounded up, or down with `dropRemainder`. */
  readonly stepsPerEpoch: number
  /** Every epoch starts at its own first batch; false only for the seed's wrapping `'cycle'` walk. */
  readonly aligned: boolean
}

/**
 * Checks the data and the batching options for `fn` (`batches`, or `fit`
 * with `prefix` `'batching.'`) and fills in the defaults.
 */
export function checkBatches(
  fn: string,
  x: unknown,
  y: unknown,
  options: BatchesOptions,
  prefix = '',
  alignEpochs = false,
): BatchSettings {
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
  const { yieldEverySteps = Infinity, yieldEveryMs = Infinity, dropRemainder = false } = options
  checkOneOf(fn, `${prefix}order`, order, ORDERS)
  const { batchSize = 32 } = options
  checkInteger(fn, `${prefix}batchSize`, batchSize, 1)
  checkSeed(fn, seed)
  checkInteger(fn, `${prefix}startStep`, startStep, 0)
  if (steps !== Infinity) checkInteger(fn, `${prefix}steps`, steps, 0)
  if (yieldEverySteps !== Infinity) checkInteger(fn, `${prefix}yieldEverySteps`, yieldEverySteps, 1)
  if (yieldEveryMs !== Infinity) checkNonNegative(fn, `${prefix}yieldEveryMs`, yieldEveryMs)
  checkBoolean(fn, `${prefix}dropRemainder`, dropRemainder)
  if (dropRemainder && order !== 'full' && batchSize > n) {
    throw new ConfigError(
      fn,
      `${prefix}batchSize ${batchSize} is more than the ${n} rows of the data, so dropRemainder would drop every batch`,
    )
  }
  // 'full' ignores batchSize: every batch is all n rows
  const size = order === 'full' ? n : batchSize
  const stepsPerEpoch = dropRemainder ? Math.floor(n / size) : Math.ceil(n / size)
  const aligned = order !== 'cycle' || dropRemainder || alignEpochs || n % size === 0
  const base = { order, batchSize: size, seed, startStep, steps, yieldEverySteps, yieldEveryMs }
  return { ...base, dropRemainder, rows: n, stepsPerEpoch, aligned }
}

/** The epoch position of each step (1 for the first batch) of a walk with these settings. */
export function epochPositions({
  aligned,
  stepsPerEpoch,
  batchSize,
  rows,
}: BatchSettings): (step: number) => EpochPosition {
  return aligned
    ? (step) => alignedEpochPosition(step, stepsPerEpoch)
    : (step) => wrappingEpochPosition(step, batchSize, rows)
}

function batchPicker(x: Tensor, y: Tensor, settings: BatchSettings): (step: number) => Batch {
  const { order, batchSize, seed, stepsPerEpoch, aligned } = settings
  if (order === 'cycle') return cycleBatch(x, y, batchSize, aligned ? stepsPerEpoch : undefined)
  if (order === 'full') return () => ({ x, y })
  return shuffleBatch(x, y, batchSize, seed, stepsPerEpoch)
}

/** In order; the seed's wrapping walk, or with `stepsPerEpoch` a walk that starts every epoch at row 0. */
function cycleBatch(
  x: Tensor,
  y: Tensor,
  batchSize: number,
  stepsPerEpoch: number | undefined,
): (step: number) => Batch {
  const n = x.shape[0]!
  const xRows = rowSlicer(x)
  const yRows = rowSlicer(y)
  return (step) => {
    // With batchSize dividing n the two starts are the same rows.
    const start = stepsPerEpoch === undefined ? (step * batchSize) % n : (step % stepsPerEpoch) * batchSize
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
 * Epoch e uses the e-th permutation drawn from one RandomState(seed); the last batch of an epoch may be short,
 * or is dropped when `perEpoch` leaves it out. Steps only move forward within a subscription, so only the
 * current epoch's permutation is kept.
 */
function shuffleBatch(
  x: Tensor,
  y: Tensor,
  batchSize: number,
  seed: number,
  perEpoch: number,
): (step: number) => Batch {
  const n = x.shape[0]!
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
