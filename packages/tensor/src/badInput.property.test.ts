import { ConfigError, DTypeError, GradstreamError, ShapeError, StructureError } from '@gradstream/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as gs from './index'
import type { Tensor } from './index'

// Random bad arguments to every public creation function and op: each call
// either succeeds (a random value may happen to be valid) or throws one of the
// named GradstreamError subclasses with a message starting with the function's
// name, and leaves every argument as it was.

// Arguments go through Reflect.apply, with values the types would reject, as plain JavaScript callers can.
const call = (fn: (...args: never[]) => unknown, ...args: unknown[]): unknown => Reflect.apply(fn, undefined, args)

// Numbers that are wrong somewhere, and none that is valid but large: a size
// below the limit and above a few would allocate for real.
const badNumber = fc.constantFrom(NaN, Infinity, -Infinity, -1, -0.5, 0.5, 1.5, 1e12, 2 ** 31, 2 ** 53, 1e300, -1e300)
const smallInt = fc.integer({ min: 0, max: 3 })
const notANumber = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, true, 'x', '2', {}, [], [1], Symbol.for('x')),
  fc.string({ maxLength: 4 }),
)
const dims = fc.array(fc.oneof(badNumber, smallInt, fc.constantFrom<unknown>('2', null, Symbol.for('x'))), {
  maxLength: 3,
})
const bad = fc.oneof(badNumber, notANumber, dims, fc.array(dims, { maxLength: 3 }))
const options = fc.oneof(
  notANumber,
  fc.dictionary(fc.constantFrom('mean', 'stddev', 'seed', 'dtype', 'minval', 'style', 'exclusive', 'x'), bad, {
    maxKeys: 2,
  }),
)

const NAMED = [ShapeError, DTypeError, ConfigError, StructureError]

/** Fresh inputs for each run, so one run cannot spoil the next. */
function inputs() {
  return {
    x: gs.tensor([
      [1, 2],
      [3, 4],
    ]),
    ids: gs.tensor([1, 0], undefined, 'int32'),
  }
}

type Inputs = ReturnType<typeof inputs>
type Case = readonly [name: string, run: (x: Inputs, bad: unknown) => unknown]

const rs = () => new gs.RandomState(0)
const cases: readonly Case[] = [
  ['tensor', (_, v) => call(gs.tensor, v)],
  ['tensor', (_, v) => call(gs.tensor, [1, 2], v)],
  ['tensor', (_, v) => call(gs.tensor, [1.5, 2], undefined, v)],
  ['scalar', (_, v) => call(gs.scalar, v, 'int32')],
  ['fill', (_, v) => call(gs.fill, v, 1)],
  ['fill', (_, v) => call(gs.fill, [2], v)],
  ['fill', (_, v) => call(gs.fill, [2], 1, v)],
  ['zeros', (_, v) => call(gs.zeros, v)],
  ['ones', (_, v) => call(gs.ones, [2], v)],
  ['zerosLike', (_, v) => call(gs.zerosLike, v)],
  ['onesLike', (_, v) => call(gs.onesLike, v)],
  ['range', (_, v) => call(gs.range, v, 5)],
  ['range', (_, v) => call(gs.range, 0, v)],
  ['range', (_, v) => call(gs.range, 0, 5, v, 'int32')],
  ['linspace', (_, v) => call(gs.linspace, v, 1, 3)],
  ['linspace', (_, v) => call(gs.linspace, 0, 1, v)],
  ['eye', (_, v) => call(gs.eye, v)],
  ['eye', (_, v) => call(gs.eye, 2, 2, v)],
  ['randomNormal', (_, v) => call(gs.randomNormal, v)],
  ['randomNormal', (_, v) => call(gs.randomNormal, [2], v)],
  ['randomUniform', (_, v) => call(gs.randomUniform, [2], v)],
  ['truncatedNormal', (_, v) => call(gs.truncatedNormal, v, { seed: 1 })],
  ['truncatedNormal', (_, v) => call(gs.truncatedNormal, [2], v)],
  ['RandomState', (_, v) => new gs.RandomState(v as number)],
  ['RandomState.rand', (_, v) => call(rs().rand.bind(rs()), v)],
  ['RandomState.uniform', (_, v) => call(rs().uniform.bind(rs()), 0, v)],
  ['RandomState.normal', (_, v) => call(rs().normal.bind(rs()), 0, 1, v)],
  ['RandomState.randint', (_, v) => call(rs().randint.bind(rs()), v)],
  ['RandomState.randint', (_, v) => call(rs().randint.bind(rs()), 0, 5, v)],
  ['RandomState.permutation', (_, v) => call(rs().permutation.bind(rs()), v)],
  ['RandomState.setState', (_, v) => call(rs().setState.bind(rs()), v)],
  ['neg', (_, v) => call(gs.neg, v)],
  ['exp', (_, v) => call(gs.exp, v)],
  ['relu', (_, v) => call(gs.relu, v)],
  ['sigmoid', (_, v) => call(gs.sigmoid, v)],
  ['add', ({ x }, v) => call(gs.add, x, v)],
  ['mul', ({ ids }, v) => call(gs.mul, v, ids)],
  ['greater', ({ x }, v) => call(gs.greater, v, x)],
  ['sum', ({ x }, v) => call(gs.sum, x, v)],
  ['sum', ({ x }, v) => call(gs.sum, x, 0, v)],
  ['mean', ({ x }, v) => call(gs.mean, x, v)],
  ['max', ({ x }, v) => call(gs.max, x, undefined, v)],
  ['argMax', ({ x }, v) => call(gs.argMax, x, v)],
  ['cumsum', ({ x }, v) => call(gs.cumsum, x, v)],
  ['cumprod', ({ x }, v) => call(gs.cumprod, x, 0, v)],
  ['softmax', ({ x }, v) => call(gs.softmax, x, v)],
  ['reshape', ({ x }, v) => call(gs.reshape, x, v)],
  ['expandDims', ({ x }, v) => call(gs.expandDims, x, v)],
  ['squeeze', ({ x }, v) => call(gs.squeeze, x, v)],
  ['transpose', ({ x }, v) => call(gs.transpose, x, v)],
  ['broadcastTo', ({ x }, v) => call(gs.broadcastTo, x, v)],
  ['tile', ({ x }, v) => call(gs.tile, x, v)],
  ['slice', ({ x }, v) => call(gs.slice, x, v)],
  ['slice', ({ x }, v) => call(gs.slice, x, [0, 0], v)],
  ['pad', ({ x }, v) => call(gs.pad, x, v)],
  ['pad', ({ ids }, v) => call(gs.pad, ids, [[1, 1]], v)],
  [
    'pad',
    ({ x }, v) =>
      call(
        gs.pad,
        x,
        [
          [1, 1],
          [0, 1],
        ],
        { mode: v },
      ),
  ],
  ['mirrorPad', ({ x }, v) => call(gs.mirrorPad, x, v, 'REFLECT')],
  [
    'mirrorPad',
    ({ x }, v) =>
      call(
        gs.mirrorPad,
        x,
        [
          [1, 1],
          [0, 1],
        ],
        v,
      ),
  ],
  ['mirrorPadGrad', ({ x }, v) => call(gs.mirrorPadGrad, x, v, 'SYMMETRIC')],
  ['split', ({ x }, v) => call(gs.split, x, v)],
  ['split', ({ x }, v) => call(gs.split, x, 2, v)],
  ['unstack', ({ x }, v) => call(gs.unstack, x, v)],
  ['reverse', ({ x }, v) => call(gs.reverse, x, v)],
  ['stridedSlice', ({ x }, v) => call(gs.stridedSlice, x, v, [2, 2])],
  ['stridedSlice', ({ x }, v) => call(gs.stridedSlice, x, [0, 0], [2, 2], v)],
  ['stridedSlice', ({ x }, v) => call(gs.stridedSlice, x, [0, 0], [2, 2], [1, -1], { shrinkAxisMask: v })],
  ['gatherND', ({ x }, v) => call(gs.gatherND, x, v)],
  ['gatherND', ({ ids }, v) => call(gs.gatherND, v, ids)],
  ['scatterND', ({ x }, v) => call(gs.scatterND, gs.tensor([[1]], undefined, 'int32'), x, v)],
  ['scatterND', ({ ids }, v) => call(gs.scatterND, v, ids, [3])],
  ['topk', ({ x }, v) => call(gs.topk, x, v)],
  ['topk', ({ x }, v) => call(gs.topk, x, 1, v)],
  ['concat', (_, v) => call(gs.concat, v)],
  ['concat', ({ x }, v) => call(gs.concat, [x, x], v)],
  ['stack', ({ x }, v) => call(gs.stack, [x, x], v)],
  ['addN', (_, v) => call(gs.addN, v)],
  ['gather', ({ x }, v) => call(gs.gather, x, v)],
  ['gather', ({ x, ids }, v) => call(gs.gather, x, ids, v)],
  ['unsortedSegmentSum', ({ x, ids }, v) => call(gs.unsortedSegmentSum, x, ids, v)],
  ['oneHot', ({ ids }, v) => call(gs.oneHot, ids, v)],
  ['oneHot', ({ ids }, v) => call(gs.oneHot, ids, 2, v)],
  ['oneHot', ({ ids }, v) => call(gs.oneHot, ids, 2, 1, 0, v)],
  ['cast', ({ x }, v) => call(gs.cast, x, v)],
  ['clipByValue', ({ x }, v) => call(gs.clipByValue, x, v, 1)],
  ['where', ({ x }, v) => call(gs.where, v, x, x)],
  ['matMul', ({ x }, v) => call(gs.matMul, x, v)],
  ['dot', ({ x }, v) => call(gs.dot, x, v)],
  ['outer', ({ x }, v) => call(gs.outer, v, x)],
  ['einsum', ({ x }, v) => call(gs.einsum, v, x)],
  ['einsum', ({ x }, v) => call(gs.einsum, 'ij,jk->ik', x, v)],
  ['all', (_, v) => call(gs.all, gs.tensor([true, false]), v)],
  ['any', (_, v) => call(gs.any, v)],
  ['moments', ({ x }, v) => call(gs.moments, x, v)],
  ['moments', ({ x }, v) => call(gs.moments, x, 0, v)],
  ['norm', ({ x }, v) => call(gs.norm, x, v)],
  ['norm', ({ x }, v) => call(gs.norm, x, { ord: v })],
  ['norm', ({ x }, v) => call(gs.norm, x, { axis: v })],
  ['multinomial', ({ x }, v) => call(gs.multinomial, x, v)],
  ['multinomial', ({ x }, v) => call(gs.multinomial, x, 2, v)],
  ['multinomial', (_, v) => call(gs.multinomial, v, 2)],
  ['l2Loss', (_, v) => call(gs.l2Loss, v)],
  ['identical', ({ x }, v) => call(gs.identical, x, v)],
  ['stopGradient', (_, v) => call(gs.stopGradient, v)],
  ['formatTensor', (_, v) => call(gs.formatTensor, v)],
  ['formatTensor', ({ x }, v) => call(gs.formatTensor, x, v)],
]

/** Runs `run`, and when it throws, checks the error's class and that its message names `name`. */
function expectNamedErrorOrSuccess(name: string, run: () => unknown): void {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(GradstreamError)
    expect(NAMED.some((kind) => error instanceof kind)).toBe(true)
    expect((error as Error).message.startsWith(`${name}: `)).toBe(true)
  }
}

function snapshot({ x, ids }: Inputs): unknown {
  return [x.toArray(), x.shape, x.dtype, ids.toArray(), ids.dtype]
}

describe.each(cases)('%s with a random bad argument', (name, run) => {
  it('succeeds or throws a named GradstreamError, and leaves its arguments untouched', () => {
    const arbitrary = name.endsWith('Normal') || name === 'randomUniform' ? fc.oneof(bad, options) : bad
    fc.assert(
      fc.property(fc.clone(arbitrary, 2), ([value, copy]) => {
        const given = inputs()
        expectNamedErrorOrSuccess(name, () => run(given, value))
        expect(snapshot(given)).toEqual(snapshot(inputs()))
        expect(value).toEqual(copy)
      }),
      { numRuns: 25 },
    )
  })
})

describe('named errors for the documented cases', () => {
  const shapeError = (fn: string) => new RegExp(`^${fn}: shape \\[.*\\] has \\d+(e\\+\\d+)? elements, more than`)
  it('refuses impossible sizes before allocating, naming the function and the shape', () => {
    const { x, ids } = inputs()
    const tooBig: readonly [string, () => unknown][] = [
      ['zeros', () => gs.zeros([1e5, 1e5])],
      ['fill', () => gs.fill([1e5, 1e5], 1)],
      ['range', () => gs.range(0, 1e12)],
      ['linspace', () => gs.linspace(0, 1, 1e12)],
      ['eye', () => gs.eye(1e5)],
      ['tile', () => gs.tile(x, [1e5, 1e5])],
      [
        'pad',
        () =>
          gs.pad(x, [
            [0, 1e5],
            [0, 1e5],
          ]),
      ],
      ['broadcastTo', () => gs.broadcastTo(x, [1e6, 1e4, 2])],
      ['oneHot', () => gs.oneHot(ids, 2 ** 31)],
      ['unsortedSegmentSum', () => gs.unsortedSegmentSum(x, ids, 2 ** 31)],
      ['truncatedNormal', () => gs.truncatedNormal([1e6, 1e6])],
      ['randomNormal', () => gs.randomNormal([1e6, 1e6])],
      ['randomUniform', () => gs.randomUniform([1e6, 1e6])],
      ['RandomState.rand', () => new gs.RandomState(0).rand(1e12)],
      ['RandomState.randn', () => new gs.RandomState(0).randn(1e6, 1e6)],
      ['RandomState.uniform', () => new gs.RandomState(0).uniform(0, 1, 1e12)],
      ['add', () => gs.add(gs.ones([1e5, 1]), gs.ones([1, 1e5]))],
      ['where', () => gs.where(gs.ones([1e5, 1], 'bool'), gs.ones([1, 1e5]), 0)],
    ]
    for (const [fn, make] of tooBig) {
      expect(make).toThrow(ShapeError)
      expect(make).toThrow(shapeError(fn))
    }
    expect(() => gs.zeros([1e5, 1e5])).toThrow(
      'zeros: shape [100000, 100000] has 10000000000 elements, more than a tensor can hold (2147483647)',
    )
  })

  it('refuses values a dtype cannot hold, non-number fills, NaN bounds, string axes and flags', () => {
    const { x } = inputs()
    expect(() => gs.tensor([3e9], undefined, 'int32')).toThrow(
      new DTypeError(
        'tensor',
        'values[0] is 3000000000, which int32 cannot hold exactly; use a float dtype, or cast() to truncate',
      ),
    )
    expect(() => gs.tensor([1.5], undefined, 'int32')).toThrow(DTypeError)
    expect(() => call(gs.fill, [2], 'x')).toThrow(
      new ConfigError('fill', 'value must be a number or a boolean, got "x"'),
    )
    expect(() => gs.linspace(NaN, 1, 3)).toThrow(new ConfigError('linspace', 'start must be a finite number, got NaN'))
    expect(() => call(gs.sum, x, '0')).toThrow(
      new ShapeError('sum', 'axis must be an integer, an array of integers or undefined, got "0"'),
    )
    expect(() => call(gs.sum, x, 0, 'yes')).toThrow(new ConfigError('sum', 'keepDims must be a boolean, got "yes"'))
    expect(() => call(gs.cumsum, x, 0, { reverse: 'yes' })).toThrow(
      new ConfigError('cumsum', 'reverse must be a boolean, got "yes"'),
    )
  })

  it('refuses cyclic and too deeply nested arrays with a StructureError instead of overflowing the stack', () => {
    const cyclic: unknown[] = [1]
    cyclic[0] = cyclic
    expect(() => call(gs.tensor, cyclic)).toThrow(new StructureError('tensor', 'values[0] contains itself (a cycle)'))
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = [deep]
    expect(() => call(gs.tensor, deep)).toThrow(new StructureError('tensor', 'values nest deeper than 64 levels'))
    let deepest: unknown = 1
    for (let i = 0; i < 64; i++) deepest = [deepest]
    expect(gs.tensor(deepest as gs.NestedArray).rank).toBe(64)
  })
})

describe('Tensor', () => {
  it('cannot have its getters shadowed by assignment, nor its prototype patched', () => {
    const t: Tensor = gs.tensor([1, 2])
    expect(() => {
      ;(t as unknown as { dataSync: () => number[] }).dataSync = () => [9, 9]
    }).toThrow(TypeError)
    expect(() => {
      ;(t as unknown as { shape: number[] }).shape = [5]
    }).toThrow(TypeError)
    expect(() => {
      ;(gs.Tensor.prototype as unknown as { item: () => number }).item = () => 9
    }).toThrow(TypeError)
    expect([t.shape, t.toArray(), Array.from(t.dataSync())]).toEqual([[2], [1, 2], [1, 2]])
  })

  it('can be frozen, after which nothing can be defined on it', () => {
    const t = gs.tensor([1, 2])
    Object.freeze(t)
    expect(() => Object.defineProperty(t, 'shape', { value: [5] })).toThrow(TypeError)
    expect(gs.add(t, t).toArray()).toEqual([2, 4])
  })

  it('tells a tensor from another copy of the package apart from a value that is no tensor', () => {
    const foreign = Object.freeze({ [Symbol.for('@gradstream/tensor')]: true, shape: [1], dtype: 'float32' })
    expect(() => call(gs.relu, foreign)).toThrow(
      new DTypeError(
        'relu',
        "argument 'x' is a Tensor from another copy of @gradstream/tensor; two copies are loaded, so make every package resolve the same one",
      ),
    )
    expect(() => call(gs.relu, { shape: [1] })).toThrow(
      new DTypeError('relu', "argument 'x' must be a Tensor, got an object"),
    )
  })
})
