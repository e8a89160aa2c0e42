import {
  ConfigError,
  DTypeError,
  ShapeError,
  checkInRange,
  checkInteger,
  checkOptions,
  describe,
  isPlainObject,
} from '@gradstream/core'
import { RandomState, formatShape, gather, tensor, checkTensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/** Options of {@link trainTestSplit}. @example trainTestSplit({ x, y }, { testFraction: 0.2, seed: 0, stratify: y }) */
export interface TrainTestSplitOptions {
  /** The share of rows that go to the test set, in (0, 1); the test set has ceil(testFraction · rows) of them, as sklearn. */
  readonly testFraction: number
  /** The seed of the numpy-compatible `RandomState` whose permutation orders the rows: an integer in [0, 2³²). */
  readonly seed: number
  /** int32 labels of shape [rows]: each label's rows split in the same proportion (see {@link trainTestSplit}). */
  readonly stratify?: Tensor
}

/** The two parts of the data, each a record of the data's own keys. @example const { train, test } = trainTestSplit(data, options) */
export interface TrainTestSplit<D> {
  readonly train: D
  readonly test: D
}

const FN = 'trainTestSplit'
const OPTION_KEYS = ['testFraction', 'seed', 'stratify']

/** The tensors of `data`, checked to be at least rank 1 with one row count; returns that count. */
function rowCount(data: unknown): number {
  if (!isPlainObject(data) || Object.keys(data).length === 0) {
    throw new ConfigError(FN, `data must be a record of tensors such as { x, y }, got ${describe(data)}`)
  }
  let rows: number | undefined
  let first = ''
  let firstShape: readonly number[] = []
  for (const [key, value] of Object.entries(data)) {
    checkTensor(FN, `data.${key}`, value)
    const count = value.shape[0]
    if (count === undefined) throw new ShapeError(FN, `data.${key} must have a row axis, got shape []`)
    if (rows === undefined) [rows, first, firstShape] = [count, key, value.shape]
    else if (count !== rows) {
      throw new ShapeError(
        FN,
        `every tensor must have the same number of rows, got data.${first} ${formatShape(firstShape)} and data.${key} ${formatShape(value.shape)}`,
      )
    }
  }
  if (rows === 0) throw new ShapeError(FN, `data has no rows: data.${first} has shape ${formatShape(firstShape)}`)
  return rows!
}

/** The stratify labels as numbers, checked to be int32 of shape [rows]. */
function strataOf(stratify: unknown, rows: number): ArrayLike<number> {
  checkTensor(FN, 'stratify', stratify)
  if (stratify.dtype !== 'int32') throw new DTypeError(FN, `stratify must have dtype int32, got ${stratify.dtype}`)
  if (stratify.rank !== 1 || stratify.shape[0] !== rows) {
    throw new ShapeError(
      FN,
      `stratify must have shape [${rows}], one label per row, got ${formatShape(stratify.shape)}`,
    )
  }
  return stratify.dataSync()
}

/**
 * How many test rows each label gets: the floor of its share, then one more
 * for the labels with the largest remainders (ties to the smaller label) until
 * the total is the unstratified test size.
 */
function testQuotas(strata: ArrayLike<number>, testFraction: number, testRows: number): Map<number, number> {
  const sizes = new Map<number, number>()
  for (let i = 0; i < strata.length; i++) sizes.set(strata[i]!, (sizes.get(strata[i]!) ?? 0) + 1)
  const labels = [...sizes.keys()].sort((a, b) => a - b)
  const quotas = new Map(labels.map((label) => [label, Math.floor(testFraction * sizes.get(label)!)]))
  const remainder = (label: number) => testFraction * sizes.get(label)! - quotas.get(label)!
  const byRemainder = [...labels].sort((a, b) => remainder(b) - remainder(a) || a - b)
  let missing = testRows - [...quotas.values()].reduce((total, quota) => total + quota, 0)
  for (const label of byRemainder) {
    if (missing-- <= 0) break
    quotas.set(label, quotas.get(label)! + 1)
  }
  return quotas
}

/** Splits a permutation of the rows into test and train indices, in permutation order. */
function splitIndices(
  order: ArrayLike<number>,
  testRows: number,
  quotas: Map<number, number> | undefined,
  strata: ArrayLike<number> | undefined,
): { test: number[]; train: number[] } {
  if (quotas === undefined || strata === undefined) {
    return { test: Array.from(order).slice(0, testRows), train: Array.from(order).slice(testRows) }
  }
  const test: number[] = []
  const train: number[] = []
  for (let i = 0; i < order.length; i++) {
    const row = order[i]!
    const left = quotas.get(strata[row]!)!
    if (left > 0) {
      quotas.set(strata[row]!, left - 1)
      test.push(row)
    } else train.push(row)
  }
  return { test, train }
}

/**
 * Splits the rows (axis 0) of every tensor of `data` into a training and a
 * test part, as sklearn's `train_test_split(..., test_size=testFraction,
 * random_state=seed)`: the rows are ordered by the numpy-compatible
 * `new RandomState(seed).permutation(rows)` (the same draws as numpy), the
 * first ceil(testFraction · rows) go to the test set and the rest to the
 * training set, each in permutation order; without `stratify` the parts hold
 * the same rows in the same order as sklearn's. Deterministic: the same seed
 * gives the same split. Both parts must keep at least one row.
 *
 * With `stratify` (int32 labels, one per row, usually `y` or its argmax), each
 * label gets the floor of its share of the test rows, and the rows still
 * missing go one each to the labels with the largest remainders (ties to the
 * smaller label); a label's test rows are its first ones in the permutation.
 * The proportions match sklearn's stratified split, the chosen rows do not
 * (sklearn breaks ties at random and draws per label).
 *
 * @example
 * const x = tensor([[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]])
 * const y = tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], undefined, 'int32')
 * const { train, test } = trainTestSplit({ x, y }, { testFraction: 0.2, seed: 0 })
 * test.y.toArray() // [2, 8] (numpy: RandomState(0).permutation(10) is [2, 8, 4, 9, 1, 6, 7, 3, 0, 5])
 * train.y.toArray() // [4, 9, 1, 6, 7, 3, 0, 5]
 */
export function trainTestSplit<D extends Readonly<Record<string, Tensor>>>(
  data: D,
  options: TrainTestSplitOptions,
): TrainTestSplit<D> {
  const rows = rowCount(data)
  checkOptions(FN, options, OPTION_KEYS)
  const { testFraction, seed, stratify } = options
  checkInRange(FN, 'testFraction', testFraction, 0, 1, { lowOpen: true, highOpen: true })
  checkInteger(FN, 'seed', seed, 0, 2 ** 32 - 1)
  const strata = stratify === undefined ? undefined : strataOf(stratify, rows)
  const testRows = Math.ceil(testFraction * rows)
  if (testRows === rows) {
    throw new ShapeError(FN, `${rows} rows with testFraction ${testFraction} leave no row to train on`)
  }
  const order = new RandomState(seed).permutation(rows).dataSync()
  const quotas = strata === undefined ? undefined : testQuotas(strata, testFraction, testRows)
  const { test, train } = splitIndices(order, testRows, quotas, strata)
  const part = (indices: number[]): D => {
    const at = tensor(indices, [indices.length], 'int32')
    // Object.fromEntries types its keys as string; they are D's own keys, each mapped to a tensor.
    return Object.freeze(Object.fromEntries(Object.entries(data).map(([key, x]) => [key, gather(x, at, 0)]))) as D
  }
  return Object.freeze({ train: part(train), test: part(test) })
}
