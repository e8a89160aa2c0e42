import { f32 } from './float32'
import { checkBoolean, checkNonNegative, checkOptions, checkPositive } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link inverseTimeDecay}.
 * @example inverseTimeDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.5 })
 */
export interface InverseTimeDecayOptions {
  /** The rate at step 0. */
  readonly learningRate: number
  /** Steps per unit of `step / decaySteps`. */
  readonly decaySteps: number
  /** `k` in `1 / (1 + k · step / decaySteps)`. */
  readonly decayRate: number
  /** Floor `step / decaySteps`; default false. */
  readonly staircase?: boolean
}

const KNOWN = ['learningRate', 'decaySteps', 'decayRate', 'staircase']

/**
 * TF1's `tf.train.inverse_time_decay`: `learningRate / (1 + decayRate · step / decaySteps)`,
 * with the ratio floored when `staircase` is set. Computed in float32 as TF1 does.
 *
 * @example
 * const lr = inverseTimeDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.5 })
 * [lr(0), lr(2)].map((r) => r.toFixed(3)) // ['0.100', '0.050']
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): Schedule {
  checkOptions('inverseTimeDecay', options, KNOWN)
  const { learningRate, decaySteps, decayRate, staircase = false } = options
  checkNonNegative('inverseTimeDecay', 'learningRate', learningRate)
  checkPositive('inverseTimeDecay', 'decaySteps', decaySteps)
  checkNonNegative('inverseTimeDecay', 'decayRate', decayRate)
  checkBoolean('inverseTimeDecay', 'staircase', staircase)
  const [rate0, steps, k] = [f32(learningRate), f32(decaySteps), f32(decayRate)]
  return checkedSchedule('inverseTimeDecay', (step) => {
    const ratio = f32(f32(step) / steps)
    const p = staircase ? Math.floor(ratio) : ratio
    return f32(rate0 / f32(1 + f32(k * p)))
  })
}
