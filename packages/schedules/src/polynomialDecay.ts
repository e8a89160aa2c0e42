import { f32, powf } from './float32'
import { checkBoolean, checkNonNegative, checkOptions, checkPositive } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link polynomialDecay}.
 * @example polynomialDecay({ learningRate: 0.1, decaySteps: 1000, endLearningRate: 0.001, power: 0.5 })
 */
export interface PolynomialDecayOptions {
  /** The rate at step 0. */
  readonly learningRate: number
  /** Steps to go from `learningRate` to `endLearningRate`. */
  readonly decaySteps: number
  /** The rate reached at `decaySteps`; default 0.0001 (TF1's default). */
  readonly endLearningRate?: number
  /** Exponent of the polynomial; default 1 (linear). */
  readonly power?: number
  /** Restart the decay after each `decaySteps` period instead of holding the end rate; default false. */
  readonly cycle?: boolean
}

const KNOWN = ['learningRate', 'decaySteps', 'endLearningRate', 'power', 'cycle']

/**
 * TF1's `tf.train.polynomial_decay`:
 * `(learningRate − endLearningRate) · (1 − step / decaySteps)^power + endLearningRate`,
 * with the step held at `decaySteps` once reached; with `cycle`, `decaySteps` is
 * stretched to the first multiple of itself that is ≥ the step (1× at step 0).
 *
 * Computed in float32, op by op, as TF1 does.
 *
 * @example
 * const lr = polynomialDecay({ learningRate: 0.1, decaySteps: 100, endLearningRate: 0.01 })
 * [lr(0), lr(50), lr(100), lr(500)].map((r) => r.toFixed(3)) // ['0.100', '0.055', '0.010', '0.010']
 */
export function polynomialDecay(options: PolynomialDecayOptions): Schedule {
  checkOptions('polynomialDecay', options, KNOWN)
  const { learningRate, decaySteps, endLearningRate = 0.0001, power = 1, cycle = false } = options
  checkNonNegative('polynomialDecay', 'learningRate', learningRate)
  checkPositive('polynomialDecay', 'decaySteps', decaySteps)
  checkNonNegative('polynomialDecay', 'endLearningRate', endLearningRate)
  checkPositive('polynomialDecay', 'power', power)
  checkBoolean('polynomialDecay', 'cycle', cycle)
  const [steps, end, exponent] = [f32(decaySteps), f32(endLearningRate), f32(power)]
  const span = f32(f32(learningRate) - end)
  return checkedSchedule('polynomialDecay', (step) => {
    const s = f32(step)
    const multiplier = s === 0 ? 1 : Math.ceil(f32(s / steps))
    const p = cycle ? f32(s / f32(steps * multiplier)) : f32(Math.min(s, steps) / steps)
    return f32(f32(span * powf(f32(1 - p), exponent)) + end)
  })
}
