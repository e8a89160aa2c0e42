import { ConfigError, DTypeError, GradstreamError, ShapeError } from '@gradstream/core'
import { elu, tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dense } from './dense'
import { constantInit, randomNormalInit, truncatedNormalInit, zerosInit } from './initializers'
import { mlp } from './mlp'
import { orthogonal } from './orthogonal'
import {
  computeFans,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
} from './varianceScaling'

// Arguments are passed through Reflect.apply, with values the types would reject, as plain JavaScript callers can.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

const notANumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, null, true, [], {}, 'x'),
  fc.string({ maxLength: 5 }),
)
const badSize = fc.oneof(notANumber, fc.integer({ max: 0 }), fc.double({ min: 0.1, max: 1e3, noInteger: true }))
const badSeed = fc.oneof(notANumber, fc.double({ min: 0.1, max: 1e3, noInteger: true }), fc.constant(2 ** 60))
const hugeSize = fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER })

describe('dense and mlp with bad input', () => {
  it('refuse bad sizes with a ConfigError and sizes too large to allocate with a ShapeError, up front', () => {
    fc.assert(
      fc.property(badSize, hugeSize, (bad, huge) => {
        expect(() => call(dense, { inputSize: bad, outputSize: 2 })).toThrow(ConfigError)
        expect(() => call(dense, { inputSize: 2, outputSize: bad })).toThrow(
          /^dense: outputSize must be an integer >= 1/,
        )
        expect(() => dense({ inputSize: 2, outputSize: huge })).toThrow(ShapeError)
        expect(() => call(mlp, { sizes: [2, bad, 1], activation: elu })).toThrow(
          /^mlp: sizes\[1\] must be an integer >= 1/,
        )
        expect(() => mlp({ sizes: [2, huge, 1], activation: elu })).toThrow(ShapeError)
      }),
      { numRuns: 150 },
    )
  })

  it('refuse unknown options, non-function activations and initializers, and bad seeds', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), notANumber, badSeed, (key, notAFunction, seed) => {
        const known = [
          'inputSize',
          'outputSize',
          'activation',
          'kernelInitializer',
          'biasInitializer',
          'sizes',
          'outputActivation',
          'seed',
          '__proto__',
        ]
        if (!known.includes(key)) {
          expect(() => call(dense, { inputSize: 2, outputSize: 1, [key]: 1 })).toThrow(`dense: unknown option '${key}'`)
          expect(() => call(mlp, { sizes: [2, 1], activation: elu, [key]: 1 })).toThrow(`mlp: unknown option '${key}'`)
        }
        expect(() => call(dense, { inputSize: 2, outputSize: 1, activation: notAFunction })).toThrow(ConfigError)
        expect(() => call(mlp, { sizes: [2, 1], activation: notAFunction })).toThrow(ConfigError)
        expect(() => call(dense({ inputSize: 2, outputSize: 1 }).init, seed)).toThrow(/^dense: seed must be an integer/)
        expect(() => call(mlp, { sizes: [2, 1], activation: elu, seed })).toThrow(/^mlp: seed must be an integer/)
      }),
      { numRuns: 100 },
    )
  })

  it('apply refuses params and inputs of the wrong kind or shape, leaving them untouched', () => {
    const layer = dense({ inputSize: 2, outputSize: 1 })
    const params = layer.init(1)
    const before = [params.w.toArray(), params.b.toArray()]
    fc.assert(
      fc.property(fc.constantFrom<unknown>(null, 3, 'x', [[1, 2]]), fc.integer({ min: 3, max: 6 }), (bad, width) => {
        const x = tensor([Array<number>(width).fill(1)])
        expect(() => call(layer.apply, params, bad)).toThrow(DTypeError)
        expect(() => layer.apply(params, x)).toThrow(ShapeError)
        expect(() => call(layer.apply, { w: params.w, b: bad }, tensor([[1, 2]]))).toThrow(GradstreamError)
        expect(x.shape).toEqual([1, width])
        expect([params.w.toArray(), params.b.toArray()]).toEqual(before)
      }),
      { numRuns: 30 },
    )
  })
})

describe('initializers with bad input', () => {
  const initializers = [
    ['randomNormalInit', randomNormalInit()],
    ['truncatedNormalInit', truncatedNormalInit()],
    ['zerosInit', zerosInit()],
    ['constantInit', constantInit(0.1)],
    ['glorotUniform', glorotUniform()],
    ['heNormal', heNormal()],
    ['glorotNormal', glorotNormal()],
    ['heUniform', heUniform()],
    ['lecunNormal', lecunNormal()],
    ['lecunUniform', lecunUniform()],
    ['orthogonal', orthogonal()],
  ] as const

  it('refuse bad option values and unknown keys with a ConfigError', () => {
    fc.assert(
      fc.property(notANumber, fc.double({ max: -1e-9, noNaN: true }), badSeed, (bad, negative, seed) => {
        expect(() => call(randomNormalInit, { mean: bad })).toThrow(/^randomNormalInit: mean must be a finite number/)
        expect(() => call(truncatedNormalInit, { stddev: negative })).toThrow(ConfigError)
        expect(() => call(glorotUniform, { seed })).toThrow(/^glorotUniform: seed must be an integer/)
        expect(() => call(heNormal, { gain: 1 })).toThrow("heNormal: unknown option 'gain'; expected one of seed")
        expect(() => call(constantInit, bad)).toThrow(/^constantInit: value must be a finite number/)
        expect(() => call(orthogonal, { gain: bad })).toThrow(/^orthogonal: gain must be a finite number/)
        expect(() => call(orthogonal, { seed })).toThrow(/^orthogonal: seed must be an integer/)
      }),
      { numRuns: 100 },
    )
  })

  it('refuse bad shapes and seeds when called, naming the initializer, before allocating', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...initializers),
        fc.oneof(
          fc.constantFrom<unknown>('x', 5, null, [2, -1], [1.5], [NaN]),
          hugeSize.map((n) => [n, 2]),
        ),
        badSeed,
        ([name, init], shape, seed) => {
          expect(() => call(init, shape)).toThrow(ShapeError)
          expect(() => call(init, shape)).toThrow(new RegExp(`^${name}: shape`))
          expect(() => call(init, [2], seed)).toThrow(new RegExp(`^${name}: seed must be an integer`))
        },
      ),
      { numRuns: 100 },
    )
    expect(() => call(computeFans, [2, -1])).toThrow('computeFans: shape[1] must be an integer >= 0, got -1')
  })
})
