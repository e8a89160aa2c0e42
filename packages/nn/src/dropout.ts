import { checkInRange, checkOptions } from '@gradstream/core'
import { add, div, floor, keySeed, mul, randomUniform } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkApplyOptions, EMPTY, requireKey } from './layer'
import type { EmptyTree, StatefulLayer } from './layer'
import { checkFloatInput, checkTensorRecord } from './layerParams'

/**
 * Options of {@link dropout}.
 * @example dropout({ rate: 0.1 } satisfies DropoutOptions)
 */
export interface DropoutOptions {
  /** Fraction of elements dropped while training, in [0, 1); default 0.5, as `tf.layers.dropout`. */
  readonly rate?: number
}

/**
 * A dropout layer: no params, no state, and a random mask while training.
 * @example
 * const drop: Dropout = dropout({ rate: 0.5 })
 * drop.apply({}, tensor([[1, 2]])).output.toArray() // [[1, 2]]: identity outside training
 */
export interface Dropout extends StatefulLayer<EmptyTree, EmptyTree> {
  readonly rate: number
}

/**
 * Dropout, `tf.layers.dropout(x, rate, training)` with TF1's `tf.nn.dropout`
 * (TF ≤ 1.12): while training, `keep = 1 − rate`, the mask is
 * `floor(keep + uniform)` (1 with probability `keep`), and the output is
 * `(x / keep) · mask` in x's dtype; outside training it is `x` itself. The
 * uniform draws are `randomUniform(x.shape, { seed: keySeed(key) })`, so one
 * key gives one mask, bit for bit, every time. TF ≥ 1.13 computes
 * `x · (1 / keep) · (uniform >= rate)`, which can differ in the last bit.
 * Training requires a key (`options.key`); `rate: 0` then returns `x`.
 *
 * @example
 * const drop = dropout({ rate: 0.5 })
 * const { output } = drop.apply({}, ones([2, 4]), { key: randomKey(0), training: true })
 * output.toArray() // each element 0 or 2
 */
export function dropout(options: DropoutOptions = {}): Dropout {
  checkOptions('dropout', options, ['rate'])
  const { rate = 0.5 } = options
  checkInRange('dropout', 'rate', rate, 0, 1, { highOpen: true })
  // TF1 computes keep_prob in double, then makes it a tensor of x's dtype (fround for float32).
  const keep = 1 - rate
  return {
    rate,
    init: () => EMPTY,
    initState: () => EMPTY,
    apply: (params, x, applyOptions = {}) => {
      checkTensorRecord('dropout', 'params', params, {})
      const { state, key, training } = checkApplyOptions('dropout', applyOptions)
      if (state !== undefined) checkTensorRecord('dropout', 'state', state, {})
      checkFloatInput('dropout', x, 0, '[...]')
      if (!training) return { output: x, state: EMPTY }
      const maskKey = requireKey('dropout', key)
      if (rate === 0) return { output: x, state: EMPTY }
      return { output: dropoutMask(x, keep, keySeed(maskKey)), state: EMPTY }
    },
  }
}

function dropoutMask(x: Tensor, keep: number, seed: number): Tensor {
  const uniform = randomUniform(x.shape, { seed, dtype: x.dtype === 'float64' ? 'float64' : 'float32' })
  const mask = floor(add(uniform, keep))
  return mul(div(x, keep), mask)
}
