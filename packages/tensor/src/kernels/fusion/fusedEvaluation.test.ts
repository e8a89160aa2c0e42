import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { TypedArray } from '../../dtype'
import { binaryKernel } from '../binary'
import { clipKernel } from '../clip'
import { reduceKernel } from '../reduce'
import { randomFloat32Bits } from '../testing/randomFloat32Bits'
import { unaryKernel } from '../unary'
import { computeFused, sumFused } from './fusedEvaluation'
import type { FusedBinaryOp, FusedNode, FusedUnaryOp } from './fusedExpression'

const UNARY: readonly FusedUnaryOp[] = ['neg', 'abs', 'sqrt', 'square', 'relu', 'log', 'exp', 'elu', 'tanh']
const BINARY: readonly FusedBinaryOp[] = ['add', 'sub', 'mul', 'div']

/** The TypeScript reference kernels applied one op at a time, every intermediate stored: what the ops computed before fusion. */
function oneByOne(node: FusedNode, size: number): TypedArray {
  switch (node.kind) {
    case 'values':
      return node.values
    case 'scalar':
      return Float32Array.of(node.value)
    case 'unary':
      return unaryKernel(node.op, oneByOne(node.input, size), 'float32')
    case 'clip':
      return clipKernel(oneByOne(node.input, size), node.low, node.high, 'float32')
    case 'binary': {
      const [a, b] = [oneByOne(node.a, size), oneByOne(node.b, size)]
      return binaryKernel(node.op, a, b, { aShape: [a.length], bShape: [b.length], outShape: [size] }, 'float32')
    }
  }
}

/** Bit patterns, with every NaN alike (a payload is not part of a result). */
const bitsOf = (values: TypedArray) =>
  Array.from(new Int32Array(values.buffer, values.byteOffset, values.length), (b, i) =>
    Number.isNaN(values[i]) ? NaN : b,
  )

function expectSameBits(node: FusedNode, size: number): void {
  const expected = oneByOne(node, size)
  expect(bitsOf(computeFused(node, size))).toEqual(bitsOf(expected))
  expect(Object.is(sumFused(node, size), reduceKernel('sum', expected, [size], [0], 'float32')[0])).toBe(true)
}

// Values in [-4, 4) and random bit patterns (NaNs, infinities, subnormals, both zeros), over 1024 to 9000
// elements: one to three 4096-element blocks, tails of every length modulo 4.
const leafArbitrary = (size: number) =>
  fc.oneof(
    fc.integer().map((seed) => randomFloat32Bits(size, seed)),
    fc.integer().map((seed) => Float32Array.from(randomFloat32Bits(size, seed), (v) => ((v >>> 0) % 8192) / 1024 - 4)),
  )

function expressionArbitrary(size: number): fc.Arbitrary<FusedNode> {
  const { node } = fc.letrec<{ node: FusedNode }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArbitrary(size).map((values): FusedNode => ({ kind: 'values', values })),
      fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom(...UNARY), input: tie('node') }),
      fc.record({
        kind: fc.constant('binary' as const),
        op: fc.constantFrom(...BINARY),
        a: tie('node'),
        b: tie('node'),
      }),
      fc
        .tuple(fc.float({ noNaN: true, min: -4, max: 4 }), fc.float({ noNaN: true, min: 0, max: 4 }), tie('node'))
        .map(([low, span, input]): FusedNode => ({ kind: 'clip', low, high: low + span, input })),
    ),
  }))
  return node
}

describe('computeFused and sumFused', () => {
  it('give the bits of the ops run one by one, and their sequential sum, on any small expression', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1024, max: 9000 }).chain((size) => fc.tuple(fc.constant(size), expressionArbitrary(size))),
        ([size, node]) => expectSameBits(node, size),
      ),
      { numRuns: 40 },
    )
  })

  it('read one stored array twice and a one-element operand on either side', () => {
    const x = randomFloat32Bits(5003, 3)
    const values: FusedNode = { kind: 'values', values: x }
    const two: FusedNode = { kind: 'scalar', value: 2 }
    expectSameBits({ kind: 'binary', op: 'mul', a: values, b: values }, x.length)
    expectSameBits({ kind: 'binary', op: 'sub', a: two, b: { kind: 'unary', op: 'log', input: values } }, x.length)
    expectSameBits({ kind: 'binary', op: 'div', a: { kind: 'unary', op: 'exp', input: values }, b: two }, x.length)
  })

  it('computes and sums the chain clipByValue(log(x * x + 1), 0.1, 5), leaving x untouched', () => {
    const x = Float32Array.from(randomFloat32Bits(10_000, 9), (v) => ((v >>> 0) % 6000) / 1000 - 3)
    const before = x.slice()
    const square: FusedNode = {
      kind: 'binary',
      op: 'mul',
      a: { kind: 'values', values: x },
      b: { kind: 'values', values: x },
    }
    const plusOne: FusedNode = { kind: 'binary', op: 'add', a: square, b: { kind: 'scalar', value: 1 } }
    expectSameBits({ kind: 'clip', low: 0.1, high: 5, input: { kind: 'unary', op: 'log', input: plusOne } }, x.length)
    expect(x).toEqual(before)
  })
})
