import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { adadelta } from './adadelta'
import { runSteps } from './testing'

const f = Math.fround

/** TF1's ApplyAdadelta on one element, every operation rounded to float32, rsqrt as 1/√x. */
function tf1Adadelta(grads: readonly number[], lr: number, x0: number): number[] {
  const [rho, eps] = [f(0.95), f(1e-8)]
  let [accum, delta, x] = [0, 0, f(x0)]
  return grads.map(f).map((g) => {
    accum = f(f(accum * rho) + f(f(g * g) * f(1 - rho)))
    const update = f(f(f(Math.sqrt(f(delta + eps))) * f(1 / f(Math.sqrt(f(accum + eps))))) * g)
    x = f(x - f(update * f(lr)))
    delta = f(f(delta * rho) + f(f(update * update) * f(1 - rho)))
    return x
  })
}

/** Adadelta from Zeiler's paper in float64, for the size of the steps. */
function paperAdadelta(grads: readonly number[], lr: number, x0: number): number[] {
  let [accum, delta, x] = [0, 0, x0]
  return grads.map((g) => {
    accum = 0.95 * accum + 0.05 * g * g
    const update = (Math.sqrt(delta + 1e-8) / Math.sqrt(accum + 1e-8)) * g
    delta = 0.95 * delta + 0.05 * update * update
    x -= lr * update
    return x
  })
}

describe('adadelta', () => {
  const grads = [1, -2, 0.5, 3, -0.1, 0.2]

  it("matches TF1's ApplyAdadelta kernel bit for bit", () => {
    const { xs } = runSteps(
      adadelta(1),
      [0.5],
      grads.map((g) => [g]),
    )
    expect(xs.map(([x]) => x)).toEqual(tf1Adadelta(grads, 1, 0.5))
  })

  it('follows the paper in float64 within float32 rounding', () => {
    const { xs } = runSteps(
      adadelta(1),
      [0.5],
      grads.map((g) => [g]),
    )
    const expected = paperAdadelta(grads, 1, 0.5)
    // x stays near 0.5, so each float32 rounding of x costs at most 2^-25; the steps (~1e-3) add less.
    xs.forEach(([x], i) => expect(Math.abs(x! - expected[i]!)).toBeLessThan((i + 1) * 2 ** -23))
  })

  it('refuses bad options, naming adadelta', () => {
    expect(() => adadelta(0.1, { rho: 1 })).toThrow(new ConfigError('adadelta', 'rho must be in [0, 1), got 1'))
    expect(() => adadelta(-1)).toThrow(
      new ConfigError('adadelta', 'learningRate must be a finite number >= 0 or a schedule, got -1'),
    )
  })

  it('agrees with values computed independently with numpy in float32', () => {
    // From numpy 2 float32 scalars (each op correctly rounded), the kernel's formula written out in Python: ApplyAdadelta with rsqrt as 1/np.sqrt.
    const numpy = [
      0.49955278635025024, 0.5001212954521179, 0.49993154406547546, 0.49924221634864807, 0.4992722272872925,
      0.49921202659606934,
    ]
    expect(
      runSteps(
        adadelta(1),
        [0.5],
        grads.map((g) => [g]),
      ).xs.map(([x]) => x),
    ).toEqual(numpy)
  })
})
