import { ConfigError, DTypeError, GradstreamError, StructureError } from '@gradstream/core'
import { tensor, treeLeaves } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { adadelta } from './adadelta'
import { adagrad } from './adagrad'
import { adam } from './adam'
import { adamax } from './adamax'
import { adamw } from './adamw'
import { addDecayedWeights } from './addDecayedWeights'
import { applyUpdates } from './applyUpdates'
import { chain } from './chain'
import { clipByGlobalNorm, globalNorm } from './clipByGlobalNorm'
import { clipByValue } from './clipByValue'
import { lion } from './lion'
import { momentum } from './momentum'
import { nadam } from './nadam'
import { radam } from './radam'
import { rmsprop } from './rmsprop'
import { scale, scaleByLearningRate } from './scale'
import { scaleByAdam } from './scaleByAdam'
import { scaleByRms } from './scaleByRms'
import { scaleByRss } from './scaleByRss'
import { sgd } from './sgd'
import { trace } from './trace'
import type { GradientTransformation } from './transformation'
import { identity } from './transformation'

// Arguments are passed through Reflect.apply, with values the types would reject, as plain JavaScript callers can.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

const notANumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, null, true, [], {}, 'x', 10n),
  fc.string({ maxLength: 5 }),
)
const badRate = fc.oneof(notANumber, fc.double({ max: -1e-9, noNaN: true }))
const badUnitInterval = fc.oneof(notANumber, fc.double({ max: -1e-9, noNaN: true }), fc.double({ min: 1, noNaN: true }))
const unknownKey = fc.string({ minLength: 1, maxLength: 8 }).filter((key) => !/^(learningRate|__proto__)$/.test(key))

/** Each optimizer built from a learning rate and options, with the option keys it knows. */
const optimizers: readonly (readonly [string, (rate: unknown, options?: unknown) => unknown, readonly string[]])[] = [
  ['sgd', (rate, options) => call(sgd, rate, options), ['momentum', 'nesterov']],
  ['momentum', (rate, options) => call(momentum, rate, 0.9, options), ['nesterov']],
  ['adam', (rate, options) => call(adam, rate, options), ['beta1', 'beta2', 'epsilon', 'form', 'amsgrad']],
  [
    'adamw',
    (rate, options) => call(adamw, rate, options),
    ['beta1', 'beta2', 'epsilon', 'form', 'amsgrad', 'weightDecay', 'mask'],
  ],
  ['nadam', (rate, options) => call(nadam, rate, options), ['beta1', 'beta2', 'epsilon', 'form']],
  ['adamax', (rate, options) => call(adamax, rate, options), ['beta1', 'beta2', 'epsilon']],
  ['radam', (rate, options) => call(radam, rate, options), ['beta1', 'beta2', 'epsilon', 'threshold']],
  ['adadelta', (rate, options) => call(adadelta, rate, options), ['rho', 'epsilon']],
  ['lion', (rate, options) => call(lion, rate, options), ['beta1', 'beta2', 'weightDecay', 'mask']],
  ['rmsprop', (rate, options) => call(rmsprop, rate, options), ['decay', 'momentum', 'epsilon', 'centered']],
  ['adagrad', (rate, options) => call(adagrad, rate, options), ['initialAccumulatorValue']],
]

const weights = () => ({ w: tensor([[1, 2]]), layers: [{ b: tensor([-1]) }] })
const values = (tree: Params) => treeLeaves(tree).map((leaf) => leaf.toArray())

describe.each(optimizers)('%s with bad arguments', (name, make, known) => {
  it('refuses a learning rate that is not a finite number >= 0 or a schedule', () => {
    fc.assert(
      fc.property(badRate, (rate) => {
        expect(() => make(rate)).toThrow(ConfigError)
        expect(() => make(rate)).toThrow(
          new RegExp(`^${name}: learningRate must be a finite number >= 0 or a schedule`),
        )
      }),
      { numRuns: 100 },
    )
  })

  it('refuses unknown option keys and accepts undefined options as omitted', () => {
    fc.assert(
      fc.property(
        unknownKey.filter((key) => !known.includes(key)),
        (key) => {
          expect(() => make(0.1, { [key]: 1 })).toThrow(`${name}: unknown option '${key}'; expected one of`)
        },
      ),
      { numRuns: 50 },
    )
    expect(() => make(0.1, undefined)).not.toThrow()
    expect(() => make(0.1, 5)).toThrow(`${name}: options must be an object, got 5`)
  })

  it('refuses integer and non-tree params at init with a named error, leaving them untouched', () => {
    const opt = make(0.1) as GradientTransformation<unknown>
    fc.assert(
      fc.property(fc.constantFrom(5, 'w', null, new Map(), [tensor([1]), 7]), (bad) => {
        expect(() => opt.init(bad as Params)).toThrow(StructureError)
      }),
      { numRuns: 20 },
    )
    const ints = { w: tensor([1, 2], undefined, 'int32') }
    if (name !== 'sgd')
      expect(() => opt.init(ints)).toThrow(new DTypeError(name, 'params.w must be a float tensor, got int32'))
    expect(ints.w.toArray()).toEqual([1, 2])
  })

  it('refuses a state with a bad count, leaving params and grads untouched', () => {
    const opt = make(0.1) as GradientTransformation<readonly Record<string, unknown>[]>
    const params = weights()
    const [inner, ...others] = opt.init(params)
    fc.assert(
      fc.property(
        fc.oneof(notANumber, fc.integer({ max: -1 }), fc.double({ min: 0.1, max: 1e6, noInteger: true })),
        (count) => {
          const grads = weights()
          expect(() => opt.update(grads, [{ ...inner, count }, ...others], params)).toThrow(
            new RegExp(`^${name}: state\\.count must be an integer >= 0, got .*; pass the state init returned$`),
          )
          expect(values(grads)).toEqual(values(weights()))
          expect(values(params)).toEqual(values(weights()))
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('adam-family states', () => {
  it.each([
    ['adam', adam(0.1)],
    ['scaleByAdam', scaleByAdam()],
    ['adamw', adamw(0.1)],
  ] as const)('%s refuses beta powers outside [0, 1) and never returns NaN updates', (name, opt) => {
    const params = weights()
    const state = opt.init(params)
    const first = (Array.isArray(state) ? state[0] : state) as Record<string, unknown>
    const wrap = (inner: Record<string, unknown>): unknown =>
      Array.isArray(state) ? [inner, ...state.slice(1)] : inner
    fc.assert(
      fc.property(fc.constantFrom('beta1Power', 'beta2Power'), badUnitInterval, (key, power) => {
        const bad = wrap({ ...first, [key]: power })
        expect(() => opt.update(weights(), bad as never, params)).toThrow(
          new RegExp(`^${name}: state\\.${key} must be in \\[0, 1\\), got .*; pass the state init returned$`),
        )
      }),
      { numRuns: 100 },
    )
  })
})

describe('transformations with bad arguments', () => {
  it('refuse bad factors, bounds, norms and decays with a ConfigError', () => {
    fc.assert(
      fc.property(badRate, badUnitInterval, (bad, outside) => {
        for (const build of [
          () => call(scaleByLearningRate, bad),
          () => call(addDecayedWeights, bad),
          () => call(clipByGlobalNorm, bad),
          () => call(scaleByAdam, { beta1: outside }),
          () => call(scaleByRms, { decay: outside }),
          () => call(scaleByRss, { initialAccumulatorValue: bad }),
          () => call(trace, { decay: outside }),
        ]) {
          expect(build).toThrow(ConfigError)
        }
        if (typeof bad !== 'number' || Number.isNaN(bad)) {
          expect(() => call(scale, bad)).toThrow(ConfigError)
          expect(() => call(clipByValue, bad, 1)).toThrow(ConfigError)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('refuse updates that are not pytrees, naming the function', () => {
    const transforms: readonly (readonly [string, GradientTransformation<unknown>])[] = [
      ['scale', scale(2)],
      ['scaleByLearningRate', scaleByLearningRate(0.1)],
      ['clipByValue', clipByValue(-1, 1)],
      ['clipByGlobalNorm', clipByGlobalNorm(1)],
      ['identity', identity()],
    ]
    fc.assert(
      fc.property(
        fc.constantFrom(...transforms),
        fc.constantFrom<unknown>(5, 'x', null, new Set(), { w: 3 }),
        ([name, t], bad) => {
          const state = t.init(weights())
          expect(() => Reflect.apply(t.update, t, [bad, state])).toThrow(new RegExp(`^${name}: updates`))
          expect(() => Reflect.apply(t.update, t, [bad, state])).toThrow(StructureError)
        },
      ),
      { numRuns: 50 },
    )
  })

  it('chain refuses members that are not transformations; applyUpdates and globalNorm refuse bad trees', () => {
    fc.assert(
      fc.property(fc.constantFrom(5, null, {}, { init: 1, update: () => 1 }, 'adam'), (bad) => {
        expect(() => call(chain, sgd(0.1), bad)).toThrow(ConfigError)
        expect(() => call(chain, sgd(0.1), bad)).toThrow(/^chain: transforms\[1\] must be a gradient transformation/)
        if (bad !== null && typeof bad === 'object' && Object.keys(bad).length === 0) return // {} is an empty tree
        expect(() => call(globalNorm, bad)).toThrow(GradstreamError)
      }),
      { numRuns: 30 },
    )
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), (n) => {
        const params = weights()
        expect(() => applyUpdates(params, { w: tensor([Array(n + 2).fill(0)]), layers: [{ b: tensor([1]) }] })).toThrow(
          StructureError,
        )
        expect(values(params)).toEqual(values(weights()))
      }),
      { numRuns: 20 },
    )
  })
})
