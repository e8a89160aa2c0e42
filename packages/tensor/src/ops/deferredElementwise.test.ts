import { describe, expect, it } from 'vitest'
import type { TypedArray } from '../dtype'
import { ShapeError } from '../errors'
import {
  abs,
  add,
  clipByValue,
  exp,
  log,
  mean,
  mul,
  neg,
  relu,
  sigmoid,
  sqrt,
  sub,
  sum,
  tanh,
  tensor,
  withTracer,
} from '../index'
import { binaryKernel } from '../kernels/binary'
import { clipKernel } from '../kernels/clip'
import { leavesOf, MAX_FUSED_LEAVES, MAX_FUSED_OPS, opCount } from '../kernels/fusion/fusedExpression'
import { reduceKernel } from '../kernels/reduce'
import { randomFloat32Bits } from '../kernels/testing/randomFloat32Bits'
import { unaryKernel } from '../kernels/unary'
import { pendingExpression } from './deferredElementwise'

/** Values in [-3, 3) from a fixed LCG. */
function uniform(size: number, seed: number): Float32Array {
  return Float32Array.from(randomFloat32Bits(size, seed), (v) => ((v >>> 0) % 6000) / 1000 - 3)
}

const flat = (size: number) => ({ aShape: [size], bShape: [size], outShape: [size] })
const withScalar = (size: number) => ({ aShape: [size], bShape: [], outShape: [size] })

/** The chain the bench times, by the TypeScript reference kernels one op at a time. */
function chainOneByOne(x: Float32Array): TypedArray {
  const n = x.length
  const square = binaryKernel('mul', x, x, flat(n), 'float32')
  const plusOne = binaryKernel('add', square, Float32Array.of(1), withScalar(n), 'float32')
  return clipKernel(unaryKernel('log', plusOne, 'float32'), 0.1, 5, 'float32')
}

/** Bit patterns, with every NaN alike. */
const bitsOf = (values: TypedArray) =>
  Array.from(new Int32Array(values.buffer, values.byteOffset, values.length), (b, i) =>
    Number.isNaN(values[i]) ? NaN : b,
  )

describe('deferred elementwise ops', () => {
  it('give the chain and its mean the bits of the ops run one by one, on values and on any bit patterns', () => {
    for (const x of [uniform(10_001, 1), randomFloat32Bits(9_999, 2)]) {
      const expected = chainOneByOne(x)
      const t = tensor(x)
      const chain = () => clipByValue(log(add(mul(t, t), 1)), 0.1, 5)
      expect(bitsOf(chain().dataSync())).toEqual(bitsOf(expected))
      const total = reduceKernel('sum', expected, [x.length], [0], 'float32')[0]!
      expect(Object.is(sum(chain()).item(), total)).toBe(true)
      expect(mean(chain()).item()).toBe(Math.fround(total / x.length))
    }
  })

  it("give TF1's float32 sigmoid the bits of its kernel, on any bit patterns", () => {
    const x = randomFloat32Bits(5001, 12)
    const y = sigmoid(tensor(x))
    expect(pendingExpression(y)?.kind).toBe('binary')
    expect(bitsOf(y.dataSync())).toEqual(bitsOf(unaryKernel('sigmoidFloat32', x, 'float32')))
  })

  it('read the same through every accessor of a pending tensor', () => {
    const x = tensor(uniform(4096, 13), [64, 64])
    const stored = exp(x)
    stored.dataSync()
    const accessors: ((t: typeof x) => unknown)[] = [
      (t) => JSON.stringify(t),
      (t) => t.toString(),
      (t) => t.toArray(),
      (t) => t.toFlatArray(),
    ]
    for (const access of accessors) {
      const pending = exp(x)
      expect(pendingExpression(pending)).toBeDefined()
      expect([pending.size, pending.rank]).toEqual([4096, 2])
      expect(access(pending)).toEqual(access(stored))
    }
  })

  it('wait until read, then keep the values', () => {
    const x = tensor(uniform(4096, 3))
    const y = tanh(sub(x, 0.5))
    expect(pendingExpression(y)?.kind).toBe('unary')
    expect(y.size).toBe(4096)
    expect(y.shape).toEqual([4096])
    const first = y.dataSync()
    expect(pendingExpression(y)).toBeUndefined()
    expect(bitsOf(y.dataSync())).toEqual(bitsOf(first))
  })

  it('leave tensors under 4096 elements, float64, int32 and broadcasting operands to the kernels at the call', () => {
    expect(pendingExpression(exp(tensor(uniform(4095, 4))))).toBeUndefined()
    expect(pendingExpression(exp(tensor(Float64Array.from(uniform(2048, 4)), [2048], 'float64')))).toBeUndefined()
    expect(pendingExpression(abs(tensor(Int32Array.from({ length: 2048 }, (_, i) => i - 1000))))).toBeUndefined()
    const rows = tensor(uniform(4096, 5), [128, 32])
    expect(pendingExpression(add(rows, tensor(uniform(32, 6))))).toBeUndefined()
    expect(pendingExpression(add(rows, 1))?.kind).toBe('binary')
  })

  it(`hold at most ${MAX_FUSED_LEAVES} stored arrays and ${MAX_FUSED_OPS} ops, however long the chain`, () => {
    const arrays = Array.from({ length: 12 }, (_, i) => uniform(5000, 10 + i))
    let t = tensor(arrays[0]!)
    let expected: TypedArray = arrays[0]!
    for (const values of arrays.slice(1)) {
      t = relu(add(t, tensor(values)))
      expected = unaryKernel('relu', binaryKernel('add', expected, values, flat(5000), 'float32'), 'float32')
      const node = pendingExpression(t)!
      expect(leavesOf(node).size).toBeLessThanOrEqual(MAX_FUSED_LEAVES)
      expect(opCount(node)).toBeLessThanOrEqual(MAX_FUSED_OPS)
    }
    for (let i = 0; i < 20; i++) {
      t = neg(t)
      expected = unaryKernel('neg', expected, 'float32')
      expect(opCount(pendingExpression(t)!)).toBeLessThanOrEqual(MAX_FUSED_OPS)
    }
    expect(bitsOf(t.dataSync())).toEqual(bitsOf(expected))
  })

  it('store a pending result that a second op uses, rather than computing it into both', () => {
    const x = tensor(uniform(4100, 7))
    const y = exp(x)
    const first = add(y, 1)
    const second = mul(y, 2)
    expect(pendingExpression(first)).toMatchObject({ kind: 'binary', a: { kind: 'unary', op: 'exp' } })
    expect(pendingExpression(second)).toMatchObject({ kind: 'binary', a: { kind: 'values' } })
    expect(pendingExpression(y)).toBeUndefined()
    const e = unaryKernel('exp', uniform(4100, 7), 'float32')
    expect(bitsOf(second.dataSync())).toEqual(
      bitsOf(binaryKernel('mul', e, Float32Array.of(2), withScalar(4100), 'float32')),
    )
    expect(bitsOf(first.dataSync())).toEqual(
      bitsOf(binaryKernel('add', e, Float32Array.of(1), withScalar(4100), 'float32')),
    )
  })

  it('sum every axis in one pass and one axis from the stored values, both as the reduce kernel', () => {
    const values = uniform(128 * 40, 8)
    const x = tensor(values, [128, 40])
    const expected = unaryKernel('sqrt', unaryKernel('abs', values, 'float32'), 'float32')
    expect(Object.is(sum(sqrt(abs(x))).item(), reduceKernel('sum', expected, [5120], [0], 'float32')[0])).toBe(true)
    expect(bitsOf(sum(sqrt(abs(x)), 1).dataSync())).toEqual(
      bitsOf(reduceKernel('sum', expected, [128, 40], [1], 'float32')),
    )
    expect(sum(sqrt(abs(x)), [0, 1], true).shape).toEqual([1, 1])
  })

  it('store every result at once while a gradient is being taken', () => {
    const x = tensor(uniform(4096, 11))
    const tape: string[] = []
    const y = withTracer({ record: (op) => void tape.push(op) }, () => log(add(mul(x, x), 1)))
    expect(tape).toEqual(['mul', 'add', 'log'])
    expect(pendingExpression(y)).toBeUndefined()
  })

  it('raise shape errors at the call with a pending operand, and leave the inputs untouched', () => {
    const values = uniform(4096, 9)
    const before = values.slice()
    const x = tensor(values)
    const pending = mul(x, x)
    expect(() => add(pending, tensor([1, 2, 3]))).toThrow(
      new ShapeError('add', 'shapes [4096] and [3] cannot be broadcast together'),
    )
    expect(() => clipByValue(pending, 2, 1)).toThrow('clipByValue: needs clipMin <= clipMax, got clipMin 2, clipMax 1')
    log(pending).dataSync()
    expect(values).toEqual(before)
    expect(x.dataSync()).toEqual(before)
  })
})
