import { f32, powf } from './float32'
import { checkBoolean, checkNonNegative, checkOptions, checkPositive } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link exponentialDecay}.
 * @example exponentialDecay({ learningRate: 0.1, decaySteps: 100, decayRate: 0.96, staircase: true })
 */
export interface ExponentialDecayOptions {
  /** The rate at step 0. */
  readonly learningRate: number
  /** Steps per factor of `decayRate`. */
  readonly decaySteps: number
  /** Factor applied every `decaySteps` steps. */
  readonly decayRate: number
  /** Decay at whole multiples of `decaySteps` only (a staircase); default false. */
  readonly staircase?: boolean
}

const KNOWN = ['learningRate', 'decaySteps', 'decayRate', 'staircase']

/**
 * TF1's `tf.train.exponential_decay`:
 * `learningRate · decayRate^(step / decaySteps)`, with the exponent floored when `staircase` is set.
 *
 * Computed in float32 as TF1 does: the step, `decaySteps`, `decayRate` and
 * `learningRate` are cast to float32 and each op rounds to float32, so the
 * values equal what `sess.run(learning_rate)` prints.
 *
 * @example
 * const lr = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
 * lr(1).toFixed(6)  // '0.096000'
 * lr(11).toFixed(6) // '0.063824'
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  checkOptions('exponentialDecay', options, KNOWN)
  const { learningRate, decaySteps, decayRate, staircase = false } = options
  checkNonNegative('exponentialDecay', 'learningRate', learningRate)
  checkPositive('exponentialDecay', 'decaySteps', decaySteps)
  checkNonNegative('exponentialDecay', 'decayRate', decayRate)
  checkBoolean('exponentialDecay', 'staircase', staircase)
  const [rate0, steps, base] = [f32(learningRate), f32(decaySteps), f32(decayRate)]
  return checkedSchedule('exponentialDecay', (step) => {
    const p = f32(f32(step) / steps)
    return f32(rate0 * powf(base, staircase ? Math.floor(p) : p))
  })
}
