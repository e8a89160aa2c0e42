import { ConfigError, DTypeError, GradstreamError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { absoluteDifference } from './absoluteDifference'
import { asymmetricLoss } from './asymmetricLoss'
import { hingeLoss } from './hingeLoss'
import { kullbackLeiblerDivergence } from './kullbackLeiblerDivergence'
import { huberLoss } from './huberLoss'
import { logLoss } from './logLoss'
import { meanSquaredError } from './meanSquaredError'
import { regularization } from './regularization'
import { l1, l1l2, l2 } from './regularizers'
import { sigmoidCrossEntropy } from './sigmoidCrossEntropy'
import { softmaxCrossEntropy } from './softmaxCrossEntropy'

// Arguments are passed through Reflect.apply, with values the types would reject, as plain JavaScript callers can.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

const notANumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, null, true, [], {}, 'x'),
  fc.string({ maxLength: 5 }),
)
const negative = fc.double({ max: -1e-9, noNaN: true })
const notATensor = fc.constantFrom<unknown>(undefined, null, 3, 'x', [1, 2], { shape: [2] })

type Loss = (a: Tensor, b: Tensor, options?: object) => Tensor
const losses: readonly (readonly [string, Loss, readonly string[]])[] = [
  ['meanSquaredError', meanSquaredError, []],
  ['absoluteDifference', absoluteDifference, []],
  ['hingeLoss', hingeLoss, []],
  ['huberLoss', huberLoss, ['delta']],
  ['logLoss', logLoss, ['epsilon']],
  ['sigmoidCrossEntropy', sigmoidCrossEntropy, ['labelSmoothing']],
  ['softmaxCrossEntropy', softmaxCrossEntropy, ['labelSmoothing']],
  ['kullbackLeiblerDivergence', kullbackLeiblerDivergence, []],
  ['asymmetricLoss', asymmetricLoss({ under: 2, over: 1 }), []],
]

const pair = () => [tensor([[0.2, 0.8]]), tensor([[0.3, 0.6]])] as const
const untouched = (a: Tensor, b: Tensor) => expect([a.toArray(), b.toArray()]).toEqual(pair().map((t) => t.toArray()))

describe.each(losses)('%s with bad input', (name, loss, extraKeys) => {
  it('refuses arguments that are not tensors with a DTypeError naming the argument', () => {
    fc.assert(
      fc.property(notATensor, fc.boolean(), (bad, first) => {
        const [a, b] = pair()
        expect(() => call(loss, first ? bad : a, first ? b : bad)).toThrow(DTypeError)
        expect(() => call(loss, first ? bad : a, first ? b : bad)).toThrow(
          new RegExp(`^${name}: argument '\\w+' must be a Tensor`),
        )
        untouched(a, b)
      }),
      { numRuns: 50 },
    )
  })

  it('refuses integer, mixed-dtype and mismatched-shape pairs', () => {
    fc.assert(
      fc.property(fc.constantFrom('int32', 'bool', 'float64'), fc.integer({ min: 1, max: 4 }), (dtype, n) => {
        const [a, b] = pair()
        expect(() => loss(a, tensor([[1, 0]], undefined, dtype))).toThrow(DTypeError)
        expect(() => loss(a, tensor([Array<number>(n + 2).fill(0.5)]))).toThrow(ShapeError)
        untouched(a, b)
      }),
      { numRuns: 30 },
    )
  })

  if (name === 'asymmetricLoss') return

  it('refuses bad weights, reductions and unknown option keys with a ConfigError, and accepts undefined options', () => {
    fc.assert(
      fc.property(
        fc.oneof(notANumber, fc.constant(tensor([NaN]))),
        fc.string({ maxLength: 8 }),
        fc.string({ minLength: 1, maxLength: 8 }),
        (weights, reduction, key) => {
          const [a, b] = pair()
          expect(() => call(loss, a, b, { weights })).toThrow(ConfigError)
          if (!['none', 'sum', 'mean', 'sumByNonzeroWeights', 'sumOverBatchSize'].includes(reduction)) {
            expect(() => call(loss, a, b, { reduction })).toThrow(`${name}: reduction must be one of`)
          }
          if (!['weights', 'reduction', '__proto__', ...extraKeys].includes(key)) {
            expect(() => call(loss, a, b, { [key]: 1 })).toThrow(`${name}: unknown option '${key}'; expected one of`)
          }
          untouched(a, b)
        },
      ),
      { numRuns: 100 },
    )
    const [a, b] = pair()
    expect(() => call(loss, a, b, undefined)).not.toThrow()
  })

  it('refuses bad values of its own options', () => {
    for (const key of extraKeys) {
      fc.assert(
        fc.property(fc.oneof(notANumber, negative), (value) => {
          const [a, b] = pair()
          expect(() => call(loss, a, b, { [key]: value })).toThrow(new RegExp(`^${name}: ${key} must be`))
        }),
        { numRuns: 50 },
      )
    }
  })
})

describe('regularizers with bad input', () => {
  it('refuse scales that are not finite numbers >= 0 and weights that are not float tensors', () => {
    fc.assert(
      fc.property(fc.oneof(notANumber, negative), notATensor, (scale, weights) => {
        for (const [name, make] of [
          ['l1', l1],
          ['l2', l2],
        ] as const) {
          expect(() => call(make, scale)).toThrow(`${name}: scale must be a finite number >= 0, got`)
          expect(() => call(make(0.5), weights)).toThrow(new RegExp(`^${name}: argument 'weights' must be a Tensor`))
        }
        expect(() => call(l1l2, { l1: scale, l2: 0.5 })).toThrow(ConfigError)
        expect(() => l2(1)(tensor([1], undefined, 'int32'))).toThrow(DTypeError)
      }),
      { numRuns: 100 },
    )
  })

  it('regularization refuses non-functions and non-trees, naming itself', () => {
    fc.assert(
      fc.property(fc.constantFrom<unknown>(5, 'x', null, new Map()), (bad) => {
        const params = { w: tensor([1, -2]) }
        expect(() => call(regularization, bad, params)).toThrow(/^regularization: regularizer must be a function/)
        expect(() => call(regularization, l1(1), params, bad)).toThrow(/^regularization: select must be a function/)
        expect(() => call(regularization, l1(1), bad)).toThrow(GradstreamError)
        expect(params.w.toArray()).toEqual([1, -2])
      }),
      { numRuns: 20 },
    )
  })
})
