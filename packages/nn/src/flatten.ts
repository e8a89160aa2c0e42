import { reshape } from '@gradstream/tensor'
import { EMPTY } from './layer'
import type { EmptyTree, Layer } from './layer'
import { checkTensorInput, checkTensorRecord } from './layerParams'

/**
 * A flatten layer: no params.
 * @example const flat: Flatten = flatten()
 */
export type Flatten = Layer<EmptyTree>

/**
 * Flattens every axis but the first, `tf.layers.flatten`: [batch, d1, d2, ...]
 * becomes [batch, d1·d2·...], in row-major order; [batch] becomes [batch, 1].
 *
 * @example
 * flatten().apply({}, zeros([2, 3, 4])).shape // [2, 12]
 */
export function flatten(): Flatten {
  return {
    init: () => EMPTY,
    apply: (params, x) => {
      checkTensorRecord('flatten', 'params', params, {})
      checkTensorInput('flatten', x, 1, '[batch, ...]')
      const rest = x.shape.slice(1).reduce((count, d) => count * d, 1)
      return reshape(x, [x.shape[0]!, rest])
    },
  }
}
