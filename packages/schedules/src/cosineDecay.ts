import { cosf, f32, PI_F32 } from './float32'
import { checkInRange, checkNonNegative, checkOptions, checkPositive } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link cosineDecay}.
 * @example cosineDecay({ learningRate: 0.1, decaySteps: 1000, alpha: 0.01 })
 */
export interface CosineDecayOptions {
  /** The rate at step 0. */
  readonly learningRate: number
  /** Steps of the half cosine; the rate stays at `alpha · learningRate` after. */
  readonly decaySteps: number
  /** The final rate as a fraction of `learningRate`, in [0, 1]; default 0. */
  readonly alpha?: number
}

const KNOWN = ['learningRate', 'decaySteps', 'alpha']

/**
 * TF1's `tf.train.cosine_decay` (SGDR without restarts):
 * `learningRate · ((1 − alpha) · ½(1 + cos(π · min(step, decaySteps) / decaySteps)) + alpha)`.
 *
 * Computed in float32 as TF1 does, including π stored as float32.
 *
 * @example
 * const lr = cosineDecay({ learningRate: 0.1, decaySteps: 100 })
 * [lr(0), lr(50), lr(100)].map((r) => r.toFixed(4)) // ['0.1000', '0.0500', '0.0000']
 */
export function cosineDecay(options: CosineDecayOptions): Schedule {
  checkOptions('cosineDecay', options, KNOWN)
  const { learningRate, decaySteps, alpha = 0 } = options
  checkNonNegative('cosineDecay', 'learningRate', learningRate)
  checkPositive('cosineDecay', 'decaySteps', decaySteps)
  checkInRange('cosineDecay', 'alpha', alpha, 0, 1)
  const [rate0, steps] = [f32(learningRate), f32(decaySteps)]
  // TF1 writes `(1 - alpha) * cosine + alpha` with a Python float alpha: 1 − alpha is taken in double.
  const [scale, floor] = [f32(1 - alpha), f32(alpha)]
  return checkedSchedule('cosineDecay', (step) => {
    const fraction = f32(Math.min(f32(step), steps) / steps)
    const cosine = f32(0.5 * f32(1 + cosf(f32(PI_F32 * fraction))))
    return f32(rate0 * f32(f32(scale * cosine) + floor))
  })
}
