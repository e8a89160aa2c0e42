import { DTypeError, ShapeError, checkInteger, checkNonNegative, describe } from '@gradstream/core'
import { allocate } from '../dtype'
import { MAX_ELEMENTS, formatShape, sizeOf } from '../shape'
import { Tensor, fromKernel, valuesOf } from '../tensor'
import { MT19937 } from './mt19937'
import {
  checkFiniteArgs,
  checkIntegerDType,
  checkIntegerRange,
  checkSeedValue,
  checkShuffleable,
  checkState,
  shapeOfSize,
} from './randomStateChecks'
import type { MT19937State, MutableList, RandomStateSeed, SampleSize } from './randomStateChecks'

const UINT32_LIMIT = 2 ** 32

function randomSeedWords(): number[] {
  return Array.from({ length: 4 }, () => Math.floor(Math.random() * UINT32_LIMIT))
}

/**
 * numpy's legacy `RandomState` (MT19937): the same seed gives the same
 * doubles as numpy, bit for bit, for `rand`, `uniform`, `randint`, `shuffle`
 * and `permutation`. Methods return a number when called without a size and a
 * float64 tensor when given one (`randint` and `permutation` give int32).
 * `normal`/`randn` use numpy's polar method with its one-value cache; their
 * `log` is `Math.log`, which differs from glibc's by one ulp for a few percent
 * of inputs, so about 3% of raw normal draws can differ from numpy's in the
 * last bit (values such as `x + 0.1 * normal` usually absorb it).
 *
 * @example
 * const rdm = new RandomState(1)
 * rdm.rand()            // 0.417022004702574
 * rdm.rand(128, 2).shape // [128, 2]
 */
export class RandomState {
  readonly #mt = new MT19937()
  #hasGauss = false
  #gauss = 0

  /** Seeds like numpy; without a seed the state comes from `Math.random` and is not reproducible. */
  constructor(seed?: RandomStateSeed) {
    this.#reseed('RandomState', seed ?? randomSeedWords())
  }

  /**
   * Reseeds (numpy's `seed`): an integer uses `init_genrand`, an array
   * `init_by_array`. Clears the cached normal value.
   * @example
   * const rs = new RandomState(0)
   * rs.seed(1)
   * rs.rand() // 0.417022004702574, as new RandomState(1).rand()
   */
  seed(seed: RandomStateSeed): void {
    this.#reseed('RandomState.seed', seed)
  }

  /**
   * Uniform doubles in [0, 1) from 53 random bits (numpy's `random_sample`).
   * @example new RandomState(1).randomSample([2]).toArray() // [0.417022004702574, 0.7203244934421581]
   */
  randomSample(): number
  randomSample(size: SampleSize): Tensor
  randomSample(size?: SampleSize): number | Tensor {
    return this.#sample('RandomState.randomSample', size, () => this.#mt.nextDouble())
  }

  /**
   * `randomSample` with the shape as arguments (numpy's `rand(d0, d1, ...)`); a number when called with none.
   * @example new RandomState(1).rand() // 0.417022004702574
   */
  rand(): number
  rand(...shape: [number, ...number[]]): Tensor
  rand(...shape: number[]): number | Tensor {
    return this.#sample('RandomState.rand', shape.length === 0 ? undefined : shape, () => this.#mt.nextDouble())
  }

  /**
   * Uniform doubles in [low, high): `low + (high - low) * randomSample()`, in that order, as numpy.
   * @example new RandomState(0).uniform(-1, 1) // 0.0976270078546495
   */
  uniform(low?: number, high?: number): number
  uniform(low: number, high: number, size: SampleSize): Tensor
  uniform(low = 0, high = 1, size?: SampleSize): number | Tensor {
    checkFiniteArgs('RandomState.uniform', { low, high })
    checkFiniteArgs('RandomState.uniform', { 'high - low': high - low })
    const range = high - low
    return this.#sample('RandomState.uniform', size, () => low + range * this.#mt.nextDouble())
  }

  /**
   * Normal doubles `loc + scale * gauss()`, numpy's legacy polar method: each
   * pair of accepted uniforms gives two values, the second cached for the next call.
   * @example new RandomState(0).normal(0, 1) // 1.764052345967664
   */
  normal(loc?: number, scale?: number): number
  normal(loc: number, scale: number, size: SampleSize): Tensor
  normal(loc = 0, scale = 1, size?: SampleSize): number | Tensor {
    checkFiniteArgs('RandomState.normal', { loc, scale })
    checkNonNegative('RandomState.normal', 'scale', scale)
    return this.#sample('RandomState.normal', size, () => loc + scale * this.#gaussian())
  }

  /**
   * Standard normal doubles (numpy's `standard_normal`).
   * @example new RandomState(0).standardNormal([2]).toArray() // [1.764052345967664, 0.4001572083672233]
   */
  standardNormal(): number
  standardNormal(size: SampleSize): Tensor
  standardNormal(size?: SampleSize): number | Tensor {
    return this.#sample('RandomState.standardNormal', size, () => this.#gaussian())
  }

  /**
   * `standardNormal` with the shape as arguments (numpy's `randn(d0, d1, ...)`).
   * @example new RandomState(0).randn(2, 3).shape // [2, 3]
   */
  randn(): number
  randn(...shape: [number, ...number[]]): Tensor
  randn(...shape: number[]): number | Tensor {
    return this.#sample('RandomState.randn', shape.length === 0 ? undefined : shape, () => this.#gaussian())
  }

  /**
   * Integers in [low, high), or [0, low) when `high` is omitted, by numpy's
   * legacy masked rejection on uint32 words. `high - low` is at most 2³². With
   * a size the result is an int32 tensor (bounds must fit int32) or, with
   * `dtype: 'float64'`, a float64 one.
   * @example new RandomState(0).randint(10, undefined, 3).toArray() // [5, 0, 3]
   */
  randint(low: number, high?: number): number
  randint(low: number, high: number | undefined, size: SampleSize, dtype?: 'int32' | 'float64'): Tensor
  randint(low: number, high?: number, size?: SampleSize, dtype: 'int32' | 'float64' = 'int32'): number | Tensor {
    const [from, to] = high === undefined ? [0, low] : [low, high]
    checkIntegerRange('RandomState.randint', from, to)
    const max = to - from - 1
    if (size === undefined) return from + this.#mt.nextBounded(max)
    checkIntegerDType('RandomState.randint', dtype, from, to)
    const shape = shapeOfSize('RandomState.randint', size)
    const values = allocate(dtype, sizeOf(shape))
    for (let i = 0; i < values.length; i++) values[i] = from + this.#mt.nextBounded(max)
    return fromKernel(values, shape, dtype)
  }

  /**
   * Shuffles an array or typed array in place and returns it: numpy's legacy
   * Fisher-Yates from the end, swapping `i` with a masked-rejection draw in [0, i].
   * Tensors are immutable: use {@link RandomState.permutation} for them.
   * @example new RandomState(0).shuffle([0, 1, 2, 3, 4]) // [2, 0, 1, 3, 4]
   */
  shuffle<A extends MutableList>(array: A): A {
    checkShuffleable('RandomState.shuffle', array)
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.#mt.nextBounded(i)
      const held = array[i]
      array[i] = array[j]
      array[j] = held
    }
    return array
  }

  /**
   * A shuffled `[0, 1, ..., n - 1]` as an int32 tensor, or a copy of a tensor
   * with its rows (axis 0) shuffled; the same draws as numpy's `permutation`.
   * @example new RandomState(0).permutation(5).toArray() // [2, 0, 1, 3, 4]
   */
  permutation(x: number | Tensor): Tensor {
    if (typeof x === 'number') {
      checkInteger('RandomState.permutation', 'n', x, 0, MAX_ELEMENTS)
      return fromKernel(this.#shuffledIndices(x), [x], 'int32')
    }
    if (!(x instanceof Tensor)) {
      throw new DTypeError('RandomState.permutation', `x must be an integer or a Tensor, got ${describe(x)}`)
    }
    if (x.rank === 0) {
      throw new ShapeError(
        'RandomState.permutation',
        `x must have at least one axis, got shape ${formatShape(x.shape)}`,
      )
    }
    return permuteRows(x, this.#shuffledIndices(x.shape[0]!))
  }

  /**
   * The full state as a plain object, for checkpoints (numpy's `get_state`).
   * @example
   * const rs = new RandomState(1)
   * const saved = JSON.stringify(rs.getState())
   * const a = rs.rand()
   * rs.setState(JSON.parse(saved))
   * rs.rand() === a // true
   */
  getState(): MT19937State {
    const key = Array.from(this.#mt.key)
    return { algorithm: 'MT19937', key, pos: this.#mt.pos, hasGauss: this.#hasGauss, gauss: this.#gauss }
  }

  /**
   * Restores a state from {@link RandomState.getState} (numpy's `set_state`); an invalid state changes nothing.
   * @example
   * const rs = new RandomState(0)
   * rs.setState(new RandomState(1).getState())
   * rs.rand() // 0.417022004702574, as new RandomState(1).rand()
   */
  setState(state: MT19937State): void {
    checkState('RandomState.setState', state)
    this.#mt.key.set(state.key)
    this.#mt.pos = state.pos
    this.#hasGauss = state.hasGauss
    this.#gauss = state.gauss
  }

  #reseed(fn: string, seed: unknown): void {
    checkSeedValue(fn, seed)
    if (typeof seed === 'number') this.#mt.seed(seed)
    else this.#mt.seedByArray(seed)
    this.#hasGauss = false
    this.#gauss = 0
  }

  /** numpy's `legacy_gauss`: polar method, returns f·x2 and caches f·x1. */
  #gaussian(): number {
    if (this.#hasGauss) {
      const cached = this.#gauss
      this.#hasGauss = false
      this.#gauss = 0
      return cached
    }
    let x1: number
    let x2: number
    let r2: number
    do {
      x1 = 2 * this.#mt.nextDouble() - 1
      x2 = 2 * this.#mt.nextDouble() - 1
      r2 = x1 * x1 + x2 * x2
    } while (r2 >= 1 || r2 === 0)
    const f = Math.sqrt((-2 * Math.log(r2)) / r2)
    this.#gauss = f * x1
    this.#hasGauss = true
    return f * x2
  }

  #sample(fn: string, size: SampleSize | undefined, draw: () => number): number | Tensor {
    if (size === undefined) return draw()
    const shape = shapeOfSize(fn, size)
    const values = new Float64Array(sizeOf(shape))
    for (let i = 0; i < values.length; i++) values[i] = draw()
    return fromKernel(values, shape, 'float64')
  }

  #shuffledIndices(n: number): Int32Array {
    const indices = new Int32Array(n)
    for (let i = 0; i < n; i++) indices[i] = i
    return this.shuffle(indices)
  }
}

/** A copy of `x` whose row r is row `order[r]` of `x`. */
function permuteRows(x: Tensor, order: Int32Array): Tensor {
  const input = valuesOf(x)
  const rowSize = order.length === 0 ? 0 : x.size / order.length
  const values = allocate(x.dtype, x.size)
  for (let row = 0; row < order.length; row++) {
    const from = order[row]! * rowSize
    values.set(input.subarray(from, from + rowSize), row * rowSize)
  }
  return fromKernel(values, x.shape, x.dtype)
}
