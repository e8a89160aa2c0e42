import { ConfigError, DTypeError, StructureError } from '@gradstream/core'
import { exponentialMovingAverage } from '@gradstream/ema'
import { adam, sgd } from '@gradstream/optimizers'
import { tensor } from '@gradstream/tensor'
import { firstValueFrom, last, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { batches } from './batches'
import { checkpoint } from './operators/checkpoint'
import { fit } from './fit'
import type { FitOptions } from './fit'
import { linearProblem } from './testing/linearProblem'
import { train } from './train'

const { x, y, params, loss } = linearProblem()
const base = { params, loss, optimizer: sgd(0.1), data: { x, y }, steps: 5 }
type Options = FitOptions<typeof params, unknown>
/** fit with `base` changed as given: the cases below are each one bad option. */
const fitWith = (changes: Record<string, unknown>) => () => fit({ ...base, ...changes } as Options)

const FIT_KEYS =
  'params, loss, optimizer, learningRate, ema, keepGrads, modelState, seed, control, data, steps, epochs, batching, resumeFrom, reset'

describe('fit validates its options when called, before any run', () => {
  it('refuses options that are not an object, and names its own keys for an unknown one', () => {
    expect(() => fit(null as never)).toThrow(new ConfigError('fit', 'options must be an object, got null'))
    expect(fitWith({ stpes: 5 })).toThrow(`fit: unknown option 'stpes'; expected one of ${FIT_KEYS}`)
    expect(fitWith({ initial: { step: 0, params } })).toThrow("fit: unknown option 'initial'")
  })

  it('refuses data that is missing, a plain array or of different row counts', () => {
    const expected = 'fit: data must be { x, y } tensors, a stream of batches or a function of the start step'
    expect(fitWith({ data: undefined })).toThrow(`${expected}, got undefined`)
    expect(fitWith({ data: [[1, 2]] })).toThrow(`${expected}, got an array`)
    expect(fitWith({ data: { x: [[1, 2]], y: [[3]] } })).toThrow(
      new DTypeError('fit', 'x must be a Tensor, got an array'),
    )
    expect(fitWith({ data: { x, y: tensor([[1]]) } })).toThrow(
      'fit: x and y need the same number of rows: x is [16, 2], y is [1, 1]',
    )
  })

  it('refuses step counts that are not safe non-negative integers', () => {
    for (const steps of [1e300, 2 ** 53, -1, 2.5, NaN, Infinity, '5']) {
      expect(fitWith({ steps })).toThrow(ConfigError)
      expect(fitWith({ steps })).toThrow('fit: steps must be an integer >= 0, got ')
    }
  })

  it('refuses bad batching, naming the option under batching', () => {
    expect(fitWith({ batching: { yieldEverySteps: 0 } })).toThrow(
      'fit: batching.yieldEverySteps must be an integer >= 1, got 0',
    )
    expect(fitWith({ batching: { yieldEverySteps: -3 } })).toThrow(
      'fit: batching.yieldEverySteps must be an integer >= 1, got -3',
    )
    expect(fitWith({ batching: { yieldEveryMs: 'soon' } })).toThrow(
      'fit: batching.yieldEveryMs must be a finite number >= 0, got "soon"',
    )
    expect(fitWith({ batching: { batchSize: 0 } })).toThrow('fit: batching.batchSize must be an integer >= 1, got 0')
    expect(fitWith({ batching: { bachSize: 4 } })).toThrow("fit: unknown option 'bachSize'")
    expect(fitWith({ data: batches(x, y), batching: { batchSize: 4 } })).toThrow(
      'fit: batching applies to { x, y } data only',
    )
  })

  it('refuses batching.startStep and batching.steps rather than ignoring them', () => {
    expect(fitWith({ batching: { startStep: 3 } })).toThrow(
      "fit: batching.startStep is not an option: a run starts at step 0, or at its checkpoint's step, and ends at steps",
    )
    expect(fitWith({ batching: { steps: 3 } })).toThrow('fit: batching.steps is not an option')
  })

  it('refuses keepGrads that is not a boolean and a loss that is not a function', () => {
    expect(fitWith({ keepGrads: 'yes' })).toThrow('fit: keepGrads must be a boolean, got "yes"')
    expect(fitWith({ loss: undefined })).toThrow('fit: loss must be a function, got undefined')
  })

  it('refuses parameters that are not a pytree of tensors', () => {
    expect(fitWith({ params: { w: [1, 2] } })).toThrow(StructureError)
    expect(fitWith({ params: undefined })).toThrow(StructureError)
  })

  it('refuses a bad moving average at call time, not at step 1', () => {
    expect(fitWith({ ema: { decay: 0.9 } })).toThrow(
      'fit: ema must be an ExponentialMovingAverage, as exponentialMovingAverage({ decay }) returns, got an object',
    )
    const ints = { w: tensor([[1], [2]], undefined, 'int32') }
    expect(fitWith({ params: ints, ema: exponentialMovingAverage({ decay: 0.9 }) })).toThrow(
      new DTypeError('fit', 'a moving average needs float parameters, but params.w is int32'),
    )
  })

  it('refuses a learning rate beside a finished transformation, which would report it while using its own', () => {
    expect(fitWith({ optimizer: sgd(0.01), learningRate: 5 })).toThrow(
      'fit: learningRate is given, but optimizer is a finished transformation with its own rate',
    )
  })

  it("checks a learning rate with the optimizers' rule: a finite number >= 0", () => {
    for (const learningRate of [Infinity, -1, NaN]) {
      expect(fitWith({ optimizer: sgd, learningRate })).toThrow(
        `fit: learningRate must be a finite number >= 0, got ${learningRate}`,
      )
    }
    expect(fitWith({ optimizer: sgd, learningRate: '0.1' })).toThrow(
      'fit: learningRate must be a finite number >= 0, a schedule or an Observable, got "0.1"',
    )
    expect(fitWith({ optimizer: sgd, learningRate: 0 })).not.toThrow()
  })

  it('refuses a plain stream with resumeFrom, which would replay it from batch 0', () => {
    expect(fitWith({ data: batches(x, y), resumeFrom: '{}' })).toThrow(
      'fit: a stream of batches would replay from batch 0 on resume; with resumeFrom, ' +
        'pass data as a function of the start step, (startStep) => Observable<Batch>',
    )
    expect(fitWith({ resumeFrom: 5 })).toThrow('fit: resumeFrom must be a string, got 5')
  })
})

describe('fit with data as a function of the start step', () => {
  const run = (steps: number, resumeFrom?: string) =>
    fit({
      params,
      loss,
      optimizer: adam,
      learningRate: 0.01,
      data: (startStep) => batches(x, y, { batchSize: 4, order: 'shuffle', seed: 2, startStep }),
      steps,
      ...(resumeFrom === undefined ? {} : { resumeFrom }),
    })

  it('resumes where the checkpoint left off, as the uninterrupted run', async () => {
    const full = await firstValueFrom(run(12).pipe(toArray()))
    let text = ''
    await firstValueFrom(
      run(5).pipe(
        checkpoint((written) => void (text = written), { everySteps: 5 }),
        last(),
      ),
    )
    const resumed = await firstValueFrom(run(12, text).pipe(toArray()))
    expect(resumed.map((s) => s.step)).toEqual([6, 7, 8, 9, 10, 11, 12])
    expect(resumed.map((s) => s.loss)).toEqual(full.slice(5).map((s) => s.loss))
  })

  it('refuses a function that does not return a stream, when the run starts', async () => {
    const run$ = fit({ ...base, data: (() => [1]) as never })
    await expect(firstValueFrom(run$)).rejects.toThrow(
      'fit: the data function must return an Observable of batches, got an array',
    )
  })
})

describe('train validates its options when called', () => {
  it('refuses a saved state whose step is not a non-negative integer', () => {
    const initial = { step: 2.5, params, optimizer: undefined }
    expect(() => train({ params, loss, optimizer: sgd(0.1), initial })).toThrow(
      'train: initial.step must be an integer >= 0, got 2.5',
    )
  })

  it('refuses an optimizer that is neither a transformation nor a function of the rate', () => {
    expect(() => train({ params, loss, optimizer: { update: 1 } as never })).toThrow(
      'train: optimizer must be a GradientTransformation or a function of the learning rate, got an object',
    )
  })
})
