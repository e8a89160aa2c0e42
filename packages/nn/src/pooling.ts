import { checkOptions } from '@gradstream/core'
import { avgPool as avgPoolOp, checkPadding, maxPool as maxPoolOp, pairOption } from '@gradstream/tensor'
import type { PoolOptions, Tensor } from '@gradstream/tensor'
import { EMPTY } from './layer'
import type { EmptyTree, Layer } from './layer'
import { checkTensorRecord } from './layerParams'

/**
 * A pooling layer: no params, the window it was made with.
 * @example const pool: Pooling = maxPool({ ksize: 2 })
 */
export interface Pooling extends Layer<EmptyTree> {
  readonly ksize: readonly [number, number]
  readonly strides: readonly [number, number]
  readonly padding: 'SAME' | 'VALID'
}

function poolingLayer(fn: string, op: (x: Tensor, options: PoolOptions) => Tensor, options: PoolOptions): Pooling {
  checkOptions(fn, options, ['ksize', 'strides', 'padding'])
  const ksize = pairOption(fn, 'ksize', options.ksize)
  const { strides: stridesOption = ksize, padding = 'VALID' } = options
  const strides = pairOption(fn, 'strides', stridesOption)
  checkPadding(fn, padding)
  return {
    ksize,
    strides,
    padding,
    init: () => EMPTY,
    apply: (params, x) => {
      checkTensorRecord(fn, 'params', params, {})
      return op(x, { ksize, strides, padding })
    },
  }
}

/**
 * Max pooling over NHWC input, `tf.layers.max_pooling2d`: the op `maxPool`
 * as a layer, with the same options (`ksize`, `strides` defaulting to
 * `ksize`, `padding` 'VALID' or 'SAME'), checked when the layer is made.
 *
 * @example
 * const pool = maxPool({ ksize: 2 })
 * pool.apply({}, zeros([64, 24, 24, 6])).shape // [64, 12, 12, 6]
 */
export function maxPool(options: PoolOptions): Pooling {
  return poolingLayer('maxPool', maxPoolOp, options)
}

/**
 * Average pooling over NHWC input, `tf.layers.average_pooling2d`: the op
 * `avgPool` as a layer (under 'SAME' each window averages its real elements only, as TF).
 *
 * @example
 * const pool = avgPool({ ksize: 3, strides: 2, padding: 'SAME' })
 * pool.apply({}, zeros([1, 5, 5, 2])).shape // [1, 3, 3, 2]
 */
export function avgPool(options: PoolOptions): Pooling {
  return poolingLayer('avgPool', avgPoolOp, options)
}
