import { cosf, f32, logf, PI_F32, powf } from './float32'
import { checkFinite, checkInRange, checkNonNegative, checkOptions, checkPositive, ConfigError } from '@gradstream/core'
import { checkedSchedule } from './schedule'
import type { Schedule } from './schedule'

/**
 * Options of {@link cosineDecayRestarts}.
 * @example cosineDecayRestarts({ learningRate: 0.1, firstDecaySteps: 100, tMul: 2, mMul: 0.9 })
 */
export interface CosineDecayRestartsOptions {
  /** The rate at step 0 and, scaled by `mMul^i`, at the start of period i. */
  readonly learningRate: number
  /** Length of the first period. */
  readonly firstDecaySteps: number
  /** Each period is `tMul` times longer than the one before, ≥ 1; default 2. */
  readonly tMul?: number
  /** Each period starts `mMul` times the previous peak; default 1. */
  readonly mMul?: number
  /** The lowest rate as a fraction of `learningRate`, in [0, 1]; default 0. */
  readonly alpha?: number
}

const KNOWN = ['learningRate', 'firstDecaySteps', 'tMul', 'mMul', 'alpha']

/** Which period `fraction` (steps / firstDecaySteps) falls in, and how far through it, as TF1 computes both. */
function locate(fraction: number, tMul: number): readonly [period: number, within: number] {
  if (tMul === 1) {
    const period = Math.floor(fraction)
    return [period, f32(fraction - period)]
  }
  // Periods 1, t, t², ... end at (1 − tⁱ) / (1 − t): solve for i with logs, all in float32.
  const oneMinusT = f32(1 - tMul)
  const period = Math.floor(f32(logf(f32(1 - f32(fraction * oneMinusT))) / logf(tMul)))
  const tPower = powf(tMul, period)
  const elapsed = f32(f32(1 - tPower) / oneMinusT)
  return [period, f32(f32(fraction - elapsed) / tPower)]
}

/**
 * TF1's `tf.train.cosine_decay_restarts` (SGDR): a cosine from `learningRate`
 * down to `alpha · learningRate` over `firstDecaySteps`, then a warm restart;
 * period i lasts `firstDecaySteps · tMulⁱ` steps and peaks at `learningRate · mMulⁱ`.
 *
 * Computed in float32 as TF1 does, including the period index, which TF1
 * finds with float32 logs rather than by walking the periods.
 *
 * @example
 * const lr = cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 10 })
 * [lr(0), lr(5), lr(10), lr(20), lr(30)].map((r) => r.toFixed(2)) // ['1.00', '0.50', '1.00', '0.50', '1.00']
 */
export function cosineDecayRestarts(options: CosineDecayRestartsOptions): Schedule {
  checkOptions('cosineDecayRestarts', options, KNOWN)
  const { learningRate, firstDecaySteps, tMul = 2, mMul = 1, alpha = 0 } = options
  checkNonNegative('cosineDecayRestarts', 'learningRate', learningRate)
  checkPositive('cosineDecayRestarts', 'firstDecaySteps', firstDecaySteps)
  checkFinite('cosineDecayRestarts', 'tMul', tMul)
  // With tMul < 1 the periods add up to a finite number of steps, after which TF1 returns NaN.
  if (tMul < 1) throw new ConfigError('cosineDecayRestarts', `tMul must be a finite number >= 1, got ${tMul}`)
  checkNonNegative('cosineDecayRestarts', 'mMul', mMul)
  checkInRange('cosineDecayRestarts', 'alpha', alpha, 0, 1)
  const [rate0, steps, t, m, a] = [f32(learningRate), f32(firstDecaySteps), f32(tMul), f32(mMul), f32(alpha)]
  return checkedSchedule('cosineDecayRestarts', (step) => {
    const [period, within] = locate(f32(f32(step) / steps), t)
    const cosine = f32(f32(0.5 * powf(m, period)) * f32(1 + cosf(f32(PI_F32 * within))))
    return f32(rate0 * f32(f32(f32(1 - a) * cosine) + a))
  })
}
