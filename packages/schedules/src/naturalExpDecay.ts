import { expf, f32 } from './float32'
import { checkBoolean, checkNonNegative, checkOptions, checkPositive } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link naturalExpDecay}.
 * @example naturalExpDecay({ learningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true })
 */
export interface NaturalExpDecayOptions {
  /** The rate at step 0. */
  readonly learningRate: number
  /** Steps per unit of the exponent. */
  readonly decaySteps: number
  /** `k` in `exp(−k · step / decaySteps)`. */
  readonly decayRate: number
  /** Floor `step / decaySteps`; default false. */
  readonly staircase?: boolean
}

const KNOWN = ['learningRate', 'decaySteps', 'decayRate', 'staircase']

/**
 * TF1's `tf.train.natural_exp_decay`: `learningRate · exp(−decayRate · step / decaySteps)`,
 * with the ratio floored when `staircase` is set.
 *
 * Computed in float32 in TF1's (≤ 1.12) order: `exp(-decayRate * p)`, not the
 * later `exponential_decay` with base `exp(-decayRate)`, which can differ by an ulp.
 *
 * @example
 * const lr = naturalExpDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.5 })
 * lr(2).toFixed(6) // '0.036788' (0.1 · e⁻¹)
 */
export function naturalExpDecay(options: NaturalExpDecayOptions): Schedule {
  checkOptions('naturalExpDecay', options, KNOWN)
  const { learningRate, decaySteps, decayRate, staircase = false } = options
  checkNonNegative('naturalExpDecay', 'learningRate', learningRate)
  checkPositive('naturalExpDecay', 'decaySteps', decaySteps)
  checkNonNegative('naturalExpDecay', 'decayRate', decayRate)
  checkBoolean('naturalExpDecay', 'staircase', staircase)
  const [rate0, steps, k] = [f32(learningRate), f32(decaySteps), f32(decayRate)]
  return checkedSchedule('naturalExpDecay', (step) => {
    const ratio = f32(f32(step) / steps)
    const p = staircase ? Math.floor(ratio) : ratio
    return f32(rate0 * expf(f32(-k * p)))
  })
}
