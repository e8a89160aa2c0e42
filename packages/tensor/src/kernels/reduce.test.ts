import { describe, expect, it } from 'vitest'
import { allocate, roundTo } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf, stridesOf } from '../shape'
import type { Shape } from '../shape'
import { argReduceKernel, reduceKernel } from './reduce'
import type { ReduceKernelOp } from './reduceLoops'

/** Deterministic values from an LCG with the odd NaN and -0; int32 values large enough that products wrap. */
function randomValues(dtype: DType, size: number, seed: number, withNaN: boolean): TypedArray {
  const values = allocate(dtype, size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const special = withNaN ? [NaN, -0][state % 29] : undefined
    values[i] = dtype === 'int32' ? (state | 0) >> 12 : (special ?? (state / 2 ** 32) * 6 - 3)
  }
  return values
}

// The fold every reduction must equal: sequential in row-major order, rounded to the dtype after each step.
const STEP: Record<ReduceKernelOp, (acc: number, x: number, dtype: DType) => number> = {
  sum: (acc, x, dtype) => roundTo(dtype, acc + x),
  prod: (acc, x, dtype) => (dtype === 'int32' ? Math.imul(acc, x) : roundTo(dtype, acc * x)),
  max: (acc, x) => (x > acc || Number.isNaN(x) ? x : acc),
  min: (acc, x) => (x < acc || Number.isNaN(x) ? x : acc),
  all: (acc, x) => (acc !== 0 && x !== 0 ? 1 : 0),
  any: (acc, x) => (acc !== 0 || x !== 0 ? 1 : 0),
}
const INITIAL: Record<ReduceKernelOp, number> = { sum: 0, prod: 1, max: -Infinity, min: Infinity, all: 1, any: 0 }

/** Walks every input element in row-major order and folds it into its output's accumulator. */
function reference(op: ReduceKernelOp, x: TypedArray, shape: Shape, axes: readonly number[], dtype: DType) {
  const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d))
  const keptStrides = stridesOf(keptShape)
  const acc = new Array<number>(sizeOf(keptShape)).fill(INITIAL[op])
  const inStrides = stridesOf(shape)
  for (let i = 0; i < x.length; i++) {
    let o = 0
    for (let axis = 0; axis < shape.length; axis++) {
      if (!axes.includes(axis)) o += (Math.floor(i / inStrides[axis]!) % shape[axis]!) * keptStrides[axis]!
    }
    acc[o] = STEP[op](acc[o]!, x[i]!, dtype)
  }
  const out = allocate(dtype, acc.length)
  out.set(acc)
  return out
}

const CASES: [Shape, number[]][] = [
  [[1000], [0]],
  [[7, 9], [1]],
  [[7, 9], [0]],
  [
    [7, 9],
    [0, 1],
  ],
  [
    [3, 4, 5],
    [0, 2],
  ],
  [[3, 4, 5], [1]],
  [
    [3, 4, 5],
    [0, 1],
  ],
  [[3, 1, 5], [0]],
  [[3, 1, 5], [1]],
  [
    [2, 3, 4, 5],
    [1, 3],
  ],
  [[0, 4], [0]],
  [[4, 0], [1]],
  [[], []],
  // float32 sums of 256 values or more run in WebAssembly, blocks in place or gathered first
  [[40, 30], [1]],
  [
    [6, 10, 8],
    [0, 2],
  ],
]

describe('reduceKernel', () => {
  for (const dtype of ['float32', 'float64', 'int32'] as const) {
    for (const op of ['sum', 'prod', 'max', 'min'] as const) {
      it(`folds ${op} on ${dtype} like the sequential reference, whatever axes are reduced`, () => {
        CASES.forEach(([shape, axes], c) => {
          if ((op === 'max' || op === 'min') && sizeOf(axes.map((a) => shape[a]!)) === 0) return
          const x = randomValues(dtype, sizeOf(shape), c + 1, op !== 'prod')
          const label = `[${shape.join(', ')}] over [${axes.join(', ')}]`
          expect(reduceKernel(op, x, shape, axes, dtype), label).toEqual(reference(op, x, shape, axes, dtype))
        })
      })
    }
  }

  for (const op of ['all', 'any'] as const) {
    it(`folds ${op} on bool like the sequential reference, whatever axes are reduced`, () => {
      CASES.forEach(([shape, axes], c) => {
        // Mostly true for all, mostly false for any, so both results occur.
        const bits = randomValues('float64', sizeOf(shape), c + 1, false)
        const x = Uint8Array.from(bits, (v) => ((op === 'all' ? v > -2.8 : v > 2.8) ? 1 : 0))
        const label = `[${shape.join(', ')}] over [${axes.join(', ')}]`
        expect(reduceKernel(op, x, shape, axes, 'bool'), label).toEqual(reference(op, x, shape, axes, 'bool'))
      })
    })
  }

  it('rounds a float32 sum after every step, not once at the end', () => {
    const x = Float32Array.of(1, 2 ** -24, 2 ** -24)
    expect(reduceKernel('sum', x, [3], [0], 'float32')[0]).toBe(1)
    const long = new Float32Array(1000).fill(2 ** -24)
    long[0] = 1
    expect(reduceKernel('sum', long, [1000], [0], 'float32')[0]).toBe(1)
  })
})

describe('argReduceKernel', () => {
  it('returns the first extreme index along the axis, NaN winning', () => {
    const x = Float32Array.of(3, 1, 3, NaN, 2, 1, 2, 1)
    expect(Array.from(argReduceKernel('argMax', x, [2, 4], 1))).toEqual([3, 0])
    expect(Array.from(argReduceKernel('argMin', x, [2, 4], 1))).toEqual([3, 1])
    expect(Array.from(argReduceKernel('argMax', x, [2, 4], 0))).toEqual([0, 0, 0, 0])
  })
})
