import { GradstreamError } from '@gradstream/core'
import { exponentialMovingAverage } from '@gradstream/ema'
import { sgd } from '@gradstream/optimizers'
import { Tensor, tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { batches } from './batches'
import { fit } from './fit'
import { everySteps } from './operators/everySteps'
import { history } from './operators/history'
import { reduceOnPlateau } from './operators/reduceOnPlateau'
import { stopWhen } from './operators/stopWhen'
import { withEma } from './operators/withEma'
import { runTraining } from './runTraining'
import { linearProblem } from './testing/linearProblem'
import { train } from './train'

// Values of the wrong kind for any number, flag or function option.
const wrongKind = fc.oneof(fc.constantFrom(null, true, false, [], {}, [1]), fc.string())
const negative = fc.double({ max: -1e-9, noNaN: true })
const fraction = fc.double({ min: 0.001, max: 1e6, noNaN: true }).filter((v) => !Number.isInteger(v))
const unsafe = fc.double({ min: 2 ** 53, max: 1e300, noNaN: true })
const notFinite = fc.constantFrom(NaN, Infinity, -Infinity)
/** Not a count >= least (Infinity is allowed where it means "no limit": pass `withInfinity` false). */
const badCount = (least: number, withInfinity = true) =>
  fc.oneof(
    wrongKind,
    negative,
    fraction,
    unsafe,
    fc.integer({ min: -1000, max: least - 1 }),
    withInfinity ? notFinite : fc.constant(NaN),
  )
const badRate = fc.oneof(wrongKind, negative, notFinite)
const notBoolean = fc.oneof(
  wrongKind.filter((v) => typeof v !== 'boolean'),
  fc.double(),
)
const unknownKey = (known: readonly string[]) =>
  fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !known.includes(key) && key !== '__proto__')

const { x, y, params, loss } = linearProblem()
const paramsBefore = params.w.toArray()

/** `call` throws a named gradstream error starting with `fn:`, and the model's parameters are untouched and unfrozen. */
function expectNamedError(fn: string, call: () => unknown): void {
  let thrown: unknown
  try {
    call()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(GradstreamError)
  expect((thrown as Error).name).not.toBe('GradstreamError')
  expect((thrown as Error).message.startsWith(`${fn}: `)).toBe(true)
  expect(params.w.toArray()).toEqual(paramsBefore)
  expect(Object.isFrozen(params)).toBe(false)
}

const FIT_KEYS = [
  'params',
  'loss',
  'optimizer',
  'learningRate',
  'ema',
  'keepGrads',
  'modelState',
  'seed',
  'data',
  'steps',
  'epochs',
  'batching',
]
// Not a pytree of tensors ({} and [] are empty ones).
const notATree = fc.constantFrom(null, true, 5, 'state', [1], { w: 1 })
const badSeed = fc.oneof(wrongKind, fraction, unsafe, notFinite)
const fitOptions = () => ({ params, loss, optimizer: sgd, learningRate: 0.1, data: { x, y }, steps: 5 })

describe('fit and train refuse random bad options with a named error, before any run', () => {
  it('fit: a bad step count, flag, learning rate or batching option', () => {
    const badOption = fc.oneof(
      badCount(0).map((steps) => ({ steps })),
      badCount(1).map((epochs) => ({ steps: undefined, epochs })),
      fc.integer({ min: 1, max: 100 }).map((epochs) => ({ epochs })),
      notBoolean.map((keepGrads) => ({ keepGrads })),
      notBoolean.map((dropRemainder) => ({ batching: { dropRemainder } })),
      notATree.map((modelState) => ({ modelState })),
      badSeed.map((seed) => ({ seed })),
      badRate.map((learningRate) => ({ learningRate })),
      badCount(1).map((batchSize) => ({ batching: { batchSize } })),
      badCount(1, false).map((yieldEverySteps) => ({ batching: { yieldEverySteps } })),
      fc.oneof(wrongKind, negative, fc.constant(NaN)).map((yieldEveryMs) => ({ batching: { yieldEveryMs } })),
      fc.oneof(wrongKind, fc.constantFrom(undefined, 5)).map((data) => ({ data })),
      fc.oneof(wrongKind, fc.constant(5)).map((ema) => ({ ema })),
      unknownKey([...FIT_KEYS, 'resumeFrom', 'reset']).map((key) => ({ [key]: 1 })),
    )
    fc.assert(
      fc.property(badOption, (bad) => {
        const options = { ...fitOptions(), ...bad }
        const keys = Object.keys(options)
        expectNamedError('fit', () => fit(options as never))
        expect(Object.keys(options)).toEqual(keys)
      }),
    )
  })

  it('fit: options that are not an object', () => {
    fc.assert(
      fc.property(fc.oneof(wrongKind, fc.constantFrom(undefined, 5)), (options) => {
        expectNamedError('fit', () => fit(options as never))
      }),
    )
  })

  it('train: a bad loss, optimizer, saved step or moving average', () => {
    const badOption = fc.oneof(
      fc.oneof(wrongKind, fc.constant(undefined)).map((loss) => ({ loss })),
      fc.oneof(wrongKind, fc.constant(undefined)).map((optimizer) => ({ optimizer })),
      badCount(0).map((step) => ({ initial: { step, params, optimizer: undefined } })),
      fc.oneof(wrongKind, fc.constant(5)).map((ema) => ({ ema })),
      fc.constant({ params: { w: tensor([1], undefined, 'int32') }, ema: exponentialMovingAverage({ decay: 0.9 }) }),
      notATree.map((modelState) => ({ modelState })),
      badSeed.map((seed) => ({ seed })),
    )
    fc.assert(
      fc.property(badOption, (bad) => {
        expectNamedError('train', () => train({ params, loss, optimizer: sgd(0.1), ...bad } as never))
      }),
    )
  })
})

describe('batches and the operators refuse random bad arguments with a named error', () => {
  it('batches: a bad size, order, seed, window or yield', () => {
    const badOption = fc.oneof(
      badCount(1).map((batchSize) => ({ batchSize })),
      fc.oneof(wrongKind, fc.constant(5)).map((order) => ({ order })),
      fc.oneof(wrongKind, fraction, unsafe, notFinite).map((seed) => ({ seed })),
      badCount(0).map((startStep) => ({ startStep })),
      badCount(0, false).map((steps) => ({ steps })),
      badCount(1, false).map((yieldEverySteps) => ({ yieldEverySteps })),
      notBoolean.map((dropRemainder) => ({ dropRemainder })),
      unknownKey([
        'batchSize',
        'order',
        'seed',
        'startStep',
        'steps',
        'yieldEverySteps',
        'yieldEveryMs',
        'dropRemainder',
      ]).map((key) => ({ [key]: 1 })),
    )
    fc.assert(fc.property(badOption, (bad) => expectNamedError('batches', () => batches(x, y, bad as never))))
    fc.assert(fc.property(wrongKind, (data) => expectNamedError('batches', () => batches(data as never, y))))
  })

  it('everySteps, history, stopWhen, withEma, reduceOnPlateau and runTraining', () => {
    const ema = exponentialMovingAverage({ decay: 0.9 })
    const cases = fc.oneof(
      badCount(1).map((n) => ['everySteps', () => everySteps(n as never)] as const),
      badCount(0).map((first) => ['everySteps', () => everySteps(5, { first } as never)] as const),
      unknownKey(['first']).map((key) => ['everySteps', () => everySteps(5, { [key]: 1 } as never)] as const),
      badCount(1).map((last) => ['history', () => history({ last } as never)] as const),
      fc
        .oneof(wrongKind, fc.constant(undefined))
        .map((options) => ['history', () => history(options as never)] as const),
      fc.oneof(wrongKind, fc.constant(5)).map((predicate) => ['stopWhen', () => stopWhen(predicate as never)] as const),
      fc
        .oneof(wrongKind, fc.constant(5))
        .map((bad) => ['withEma', () => withEma(bad as never, { initial: params })] as const),
      fc
        .oneof(wrongKind, fc.constant(undefined))
        .map((options) => ['withEma', () => withEma(ema, options as never)] as const),
      badRate.map((minRate) => ['reduceOnPlateau', () => reduceOnPlateau({ minRate } as never)] as const),
      fc
        .oneof(wrongKind, fc.double({ min: 1, max: 10 }), fc.constant(0), notFinite)
        .map((factor) => ['reduceOnPlateau', () => reduceOnPlateau({ factor } as never)] as const),
      fc
        .oneof(wrongKind, fc.constant(undefined))
        .map((branches) => ['runTraining', () => runTraining(fit(fitOptions()), branches as never)] as const),
    )
    fc.assert(fc.property(cases, ([fn, call]) => expectNamedError(fn, call)))
  })
})

describe('a checked call leaves the model as it was', () => {
  it('fit neither freezes nor changes the parameters it is given', () => {
    fc.assert(
      fc.property(fc.float({ min: -10, max: 10, noNaN: true }), (value) => {
        const own = { w: tensor([[value], [1]]) }
        fit({ ...fitOptions(), params: own })
        expect(own.w).toBeInstanceOf(Tensor)
        expect(own.w.toArray()).toEqual([[value], [1]])
        expect(Object.isFrozen(own)).toBe(false)
      }),
    )
  })
})
