// The seed's 学习率的设置 and 自定义损失函数 sections, reproduced with the
// pure packages and a plain for loop (no streams): valueAndGrad, then the
// optimizer's update, then applyUpdates. Every printed number is compared
// with the golden transcript that TF1 printed.
import { readFileSync } from 'node:fs'
import { valueAndGrad } from '@gradstream/autodiff'
import { asymmetricLoss, meanSquaredError } from '@gradstream/losses'
import { adam, applyUpdates, sgd } from '@gradstream/optimizers'
import type { GradientTransformation } from '@gradstream/optimizers'
import { exponentialDecay } from '@gradstream/schedules'
import { RandomState, cast, matMul, randomNormal, scalar, slice, square, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'

interface Printed {
  readonly printed: string
  readonly value: number
}
interface LearningRatePrint extends Printed {
  readonly iteration: number
}
interface DecayPrint {
  readonly iteration: number
  readonly x: Printed
  readonly learning_rate: Printed
}
interface AdamPrint {
  readonly after_updates: number
  readonly w1: readonly Printed[]
  readonly tolerance: number
}
interface AdamRun {
  readonly run: string
  readonly prints: readonly AdamPrint[]
}
interface Section {
  readonly id: string
  readonly runs?: readonly AdamRun[]
  readonly subsections?: readonly {
    readonly id: string
    readonly prints: readonly (LearningRatePrint & DecayPrint)[]
  }[]
}

const golden = JSON.parse(readFileSync(new URL('./golden/seed-transcript.json', import.meta.url), 'utf8')) as {
  readonly sections: readonly Section[]
}
const section = (id: string): Section => golden.sections.find((s) => s.id === id)!

// The golden file's `digits_match`: our value, formatted the way the program printed it, gives the printed string.
/** Python's `'%f' % x`. */
const percentF = (x: number): string => x.toFixed(6)
/** numpy < 1.14 printing a float32 array element: `'%.8f'` with trailing zeros dropped. */
const numpyElement = (x: number): string => x.toFixed(8).replace(/0+$/, '')

/** One training run: `steps` updates of `params`, reporting the params after each update. */
function train<P extends { readonly [k: string]: Tensor }, S>(
  init: P,
  optimizer: GradientTransformation<S>,
  loss: (params: P, step: number) => Tensor,
  steps: number,
  after: (updates: number, params: P, state: S) => void,
): void {
  const lossAndGrad = valueAndGrad(loss)
  let params = init
  let state = optimizer.init(params)
  for (let step = 0; step < steps; step++) {
    const { grads } = lossAndGrad(params, step)
    const result = optimizer.update(grads, state, params)
    params = applyUpdates(params, result.updates)
    state = result.state
    after(step + 1, params, state)
  }
}

describe('学习率的设置: gradient descent on y = x² from x = 5', () => {
  const subsections = section('learning_rate').subsections!
  const prints = (id: string) => subsections.find((s) => s.id === id)!.prints
  const square$ = (p: { readonly x: Tensor }) => square(p.x)

  it('learning rate 1 oscillates between -5 and 5', () => {
    const xs: number[] = []
    train({ x: scalar(5) }, sgd(1), square$, 10, (_, p) => xs.push(p.x.item()))
    expect(xs).toEqual(prints('lr_1').map((p) => p.value))
  })

  it('learning rate 0.001 prints the seed ten values, to every printed digit', () => {
    const xs = new Map<number, number>()
    train({ x: scalar(5) }, sgd(0.001), square$, 1000, (n, p) => xs.set(n, p.x.item()))
    for (const print of prints('lr_0.001')) expect(percentF(xs.get(print.iteration)!)).toBe(print.printed)
  })

  it('exponentialDecay(0.1, 1, 0.96, staircase) prints the seed x and learning rates', () => {
    const schedule = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
    const seen = new Map<number, { x: number; rate: number }>()
    // The seed prints the rate read after the update, when global_step has been incremented: schedule(count).
    train({ x: scalar(5) }, sgd(schedule), square$, 100, (n, p) => seen.set(n, { x: p.x.item(), rate: schedule(n) }))
    for (const print of prints('exponential_decay')) {
      const { x, rate } = seen.get(print.iteration)!
      expect(percentF(x)).toBe(print.x.printed)
      expect(percentF(rate)).toBe(print.learning_rate.printed)
    }
  })
})

describe('自定义损失函数: three Adam(0.001) runs of 5000 steps', () => {
  // The data exactly as the seed builds it: X = rdm.rand(128, 2), then one rand() of noise per row, after all of X.
  const rdm = new RandomState(1)
  const X64 = rdm.rand(128, 2)
  const rows = X64.toArray() as number[][]
  const Y64 = rows.map(([x1, x2]) => [x1! + x2! + (rdm.rand() / 10.0 - 0.05)])
  // TF's float32 placeholders round the fed data.
  const X = cast(X64, 'float32')
  const Y = tensor(Y64)
  const batches = Array.from({ length: 16 }, (_, k) => ({
    x: slice(X, [k * 8, 0], [8, 2]),
    y: slice(Y, [k * 8, 0], [8, 1]),
  }))
  const w1 = randomNormal([2, 1], { stddev: 1, seed: 1 })
  const runs = section('custom_loss_and_mse').runs!
  // Each loss of the model output y and the targets y_, with the seed's argument order.
  const losses: Record<string, (y: Tensor, y_: Tensor) => Tensor> = {
    less10_more1: (y, y_) => asymmetricLoss({ under: 10, over: 1 })(y_, y),
    less1_more10: (y, y_) => asymmetricLoss({ under: 1, over: 10 })(y_, y),
    // tf.losses.mean_squared_error(y, y_): the model output is the labels argument.
    mse: (y, y_) => meanSquaredError(y, y_),
  }

  /** One 5000-step run with the named loss; w1 after each printed number of updates. */
  function trainRun(run: AdamRun): Map<number, number[]> {
    const lossOf = losses[run.run]!
    const printedAt = new Set(run.prints.map((p) => p.after_updates))
    const w1At = new Map<number, number[]>()
    const loss = (p: { readonly w1: Tensor }, step: number) => {
      const batch = batches[((step * 8) % 128) / 8]!
      return lossOf(matMul(batch.x, p.w1), batch.y)
    }
    train({ w1 }, adam(0.001), loss, 5000, (n, p) => {
      if (printedAt.has(n)) w1At.set(n, p.w1.toFlatArray())
    })
    return w1At
  }
  // Each run trains once, when a test first needs it.
  const trained = new Map<string, Map<number, number[]>>()
  const w1After = (run: AdamRun) => trained.get(run.run) ?? trained.set(run.run, trainRun(run)).get(run.run)!

  it.each(runs.map((run) => [run.run, run] as const))('%s prints w1 within the golden tolerance', (_, run) => {
    for (const print of run.prints) {
      const ours = w1After(run).get(print.after_updates)!
      print.w1.forEach((expected, i) =>
        expect(Math.abs(ours[i]! - expected.value)).toBeLessThanOrEqual(print.tolerance),
      )
    }
  })

  it('reproduces all 36 printed w1 values to every printed digit', () => {
    const printed = runs.flatMap((run) =>
      run.prints.flatMap((print) => {
        const ours = w1After(run).get(print.after_updates)!
        return print.w1.map((expected, i) => ({ ours: numpyElement(ours[i]!), printed: expected.printed }))
      }),
    )
    expect(printed).toHaveLength(36)
    expect(printed.filter((p) => p.ours !== p.printed)).toEqual([])
  })
})
