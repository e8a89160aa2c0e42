import { describe, expect, it } from 'vitest'
import type { TypedArray } from '../dtype'
import { binaryKernel } from './binary'
import { clipKernel } from './clip'
import { conv2dBackpropFilterKernel, conv2dBackpropInputKernel, conv2dKernel } from './conv2d'
import { conv2dBackpropFilterWasm, conv2dBackpropInputWasm, conv2dWasm } from './conv2dWasm'
import { binaryWasm, clipWasm, unaryWasm } from './elementwiseWasm'
import { canFuse, computeFused, sumFused } from './fusion/fusedEvaluation'
import type { FusedNode } from './fusion/fusedExpression'
import type { MatMulLayout, PoolLayout } from './layouts'
import { matMulKernel } from './matMul'
import { matMulWasm } from './matMulWasm'
import { maxPoolGradKernel, maxPoolKernel } from './poolMax'
import { maxPoolGradWasm, maxPoolWasm } from './poolMaxWasm'
import { reduceKernel } from './reduce'
import { sumWasm } from './sumWasm'
import { layoutOf, values } from './testing/conv2dTestSupport'
import { randomFloat32Bits } from './testing/randomFloat32Bits'
import type { UnaryKernelOp } from './unary'
import { unaryKernel } from './unary'

// Tensor storage may be a view into a shared slab at any 8-byte boundary (storage/SlabAllocator.ts). Each
// WebAssembly kernel family gets its inputs as views at odd float offsets into larger buffers, the floats
// around them a NaN pattern, and must give the TypeScript reference's bits on plain copies, reading and
// writing nothing outside the views.

const BORDER = 0x7fc0dead
// Float offsets 1, 3 and 7: byte offsets 4, 12 and 28, none a whole SIMD vector.
const OFFSETS = [1, 3, 7]

/** A buffer of `length` words after `at` words and before 5 more, all of them BORDER. */
const bordered = (at: number, length: number) => new Int32Array(at + length + 5).fill(BORDER).buffer

/** `source` copied into a larger buffer from float index `at`, every other word of the buffer BORDER. */
function viewAt(source: Float32Array, at: number): Float32Array {
  const view = new Float32Array(bordered(at, source.length), 4 * at, source.length)
  view.set(source)
  return view
}

/** {@link viewAt} for int32 indices. */
function indicesAt(source: Int32Array, at: number): Int32Array {
  const view = new Int32Array(bordered(at, source.length), 4 * at, source.length)
  view.set(source)
  return view
}

/** Throws unless every word of `view`'s buffer outside it still holds BORDER. */
function expectBorderIntact(view: TypedArray): void {
  const words = new Int32Array(view.buffer)
  const [start, end] = [view.byteOffset / 4, view.byteOffset / 4 + view.length]
  const outside = [...words.subarray(0, start), ...words.subarray(end)]
  expect(outside.every((word) => word === BORDER)).toBe(true)
}

/** Bit patterns, every NaN alike (a payload is not part of a result). */
const bitsOf = (result: TypedArray) =>
  Array.from(new Int32Array(result.buffer, result.byteOffset, result.length), (bits, i) =>
    Number.isNaN(result[i]) ? NaN : bits,
  )

/** Values in [-4, 4) with -0 mixed in, and random bit patterns (NaN, infinities, subnormals) every third value. */
function mixedValues(size: number, seed: number): Float32Array {
  const bits = randomFloat32Bits(size, seed)
  return Float32Array.from(bits, (v, i) =>
    i % 3 === 0 ? v : i % 101 === 1 ? -0 : ((i * 7919 + seed) % 8192) / 1024 - 4,
  )
}

/**
 * Runs `wasm` on the inputs as views at each offset and `reference` on plain copies; expects the same bits
 * (the WebAssembly path taken, not declined) and the views and their borders untouched.
 */
function expectSameOnViews(
  inputs: readonly Float32Array[],
  wasm: (...views: Float32Array[]) => TypedArray | undefined,
  reference: (...copies: Float32Array[]) => TypedArray,
): void {
  const expected = bitsOf(reference(...inputs.map((x) => x.slice())))
  for (const at of OFFSETS) {
    const views = inputs.map((x) => viewAt(x, at))
    const result = wasm(...views)
    expect(result, `offset ${at}: runs in WebAssembly`).toBeDefined()
    expect(bitsOf(result!), `offset ${at}`).toEqual(expected)
    views.forEach((view, i) => {
      expect(bitsOf(view)).toEqual(bitsOf(inputs[i]!))
      expectBorderIntact(view)
    })
  }
}

const SIZE = 1027
const UNARY: readonly UnaryKernelOp[] = [
  'relu',
  'neg',
  'abs',
  'sqrt',
  'square',
  'log',
  'exp',
  'elu',
  'tanh',
  'sigmoidFloat32',
]

describe('WebAssembly kernels on storage views at odd offsets', () => {
  it.each(UNARY)('%s gives the TypeScript loop’s bits', (op) => {
    expectSameOnViews(
      [mixedValues(SIZE, 1)],
      (x) => unaryWasm(op, x, 'float32'),
      (x) => unaryKernel(op, x, 'float32'),
    )
    // The TypeScript loops that read float32 bits through an Int32Array view (log) take views too.
    expectSameOnViews(
      [mixedValues(SIZE, 1)],
      (x) => unaryKernel(op, x, 'float32'),
      (x) => unaryKernel(op, x, 'float32'),
    )
  })

  it.each(['add', 'sub', 'mul', 'div', 'reluGrad'] as const)(
    '%s of same-shaped operands gives the TypeScript loop’s bits',
    (op) => {
      const layout = { aShape: [SIZE], bShape: [SIZE], outShape: [SIZE] }
      expectSameOnViews(
        [mixedValues(SIZE, 2), mixedValues(SIZE, 3)],
        (a, b) => binaryWasm(op, a, b, layout, 'float32'),
        (a, b) => binaryKernel(op, a, b, layout, 'float32'),
      )
    },
  )

  it('add of a repeating row, and clip, give the TypeScript loops’ bits', () => {
    const layout = { aShape: [343, 3], bShape: [3], outShape: [343, 3] }
    expectSameOnViews(
      [mixedValues(1029, 4), Float32Array.of(0.5, -0, -Infinity)],
      (a, row) => binaryWasm('add', a, row, layout, 'float32'),
      (a, row) => binaryKernel('add', a, row, layout, 'float32'),
    )
    expectSameOnViews(
      [mixedValues(SIZE, 6)],
      (x) => clipWasm(x, -1.5, 2.25, 'float32'),
      (x) => clipKernel(x, -1.5, 2.25, 'float32'),
    )
  })

  it('sum over blocks and down columns gives the TypeScript fold’s bits', () => {
    for (const [shape, axes] of [
      [[3, 343], [1]],
      [[343, 3], [0]],
    ] as const) {
      expectSameOnViews(
        [mixedValues(1029, 7)],
        (x) => sumWasm('sum', x, shape, axes, 'float32'),
        (x) => reduceKernel('sum', x, shape, axes, 'float32'),
      )
    }
  })

  it('matMul gives the TypeScript product’s bits, plain and transposed', () => {
    const [m, k, n] = [13, 9, 11]
    for (const transposed of [false, true]) {
      const layout: MatMulLayout = {
        m,
        k,
        n,
        transposeA: transposed,
        transposeB: transposed,
        batches: 1,
        aBatch: () => 0,
        bBatch: () => 0,
      }
      expectSameOnViews(
        [values(m * k, 8), values(k * n, 9)],
        (a, b) => matMulWasm(a, b, layout),
        (a, b) => matMulKernel(a, b, layout),
      )
    }
  })

  it('conv2d and its two gradients give the TypeScript references’ bits, direct and through panels', () => {
    for (const outChannels of [5, 17]) {
      const geometry = { batch: 2, height: 7, width: 6, inChannels: 3, filterHeight: 3, filterWidth: 2, outChannels }
      const layout = layoutOf({ ...geometry, stride: [1, 2], dilation: [1, 1], padding: 'SAME' })
      const xSize = 2 * 7 * 6 * 3
      const filterSize = 3 * 2 * 3 * outChannels
      const dySize = 2 * layout.outHeight * layout.outWidth * outChannels
      expectSameOnViews(
        [values(xSize, 10), values(filterSize, 11)],
        (x, filter) => conv2dWasm(x, filter, layout),
        (x, filter) => conv2dKernel(x, filter, layout),
      )
      expectSameOnViews(
        [values(xSize, 12), values(dySize, 13)],
        (x, dy) => conv2dBackpropFilterWasm(x, dy, layout),
        (x, dy) => conv2dBackpropFilterKernel(x, dy, layout),
      )
      expectSameOnViews(
        [values(filterSize, 14), values(dySize, 15)],
        (filter, dy) => conv2dBackpropInputWasm(filter, dy, layout),
        (filter, dy) => conv2dBackpropInputKernel(filter, dy, layout),
      )
    }
  })

  it('maxPool gives the TypeScript scan’s values and indices, and its gradient the same sums', () => {
    const layout: PoolLayout = {
      ...{ batch: 3, inHeight: 9, inWidth: 8, channels: 8, outHeight: 9, outWidth: 7 },
      ...{ windowHeight: 3, windowWidth: 2, strideHeight: 1, strideWidth: 1, padTop: 1, padLeft: 0 },
    }
    const x = mixedValues(3 * 9 * 8 * 8, 16)
    expectSameOnViews(
      [x],
      (view) => maxPoolWasm(view, layout)?.values,
      (copy) => maxPoolKernel(copy, layout).values,
    )
    expectSameOnViews(
      [x],
      (view) => maxPoolWasm(view, layout)?.argmax,
      (copy) => maxPoolKernel(copy, layout).argmax,
    )
    const { argmax } = maxPoolKernel(x, layout)
    const dy = values(argmax.length, 17)
    const expected = bitsOf(maxPoolGradKernel(dy, argmax, x.length, 'float32'))
    for (const at of OFFSETS) {
      const [dyView, argmaxView] = [viewAt(dy, at), indicesAt(argmax, at)]
      const result = maxPoolGradWasm(dyView, argmaxView, x.length, 'float32')
      expect(result, `offset ${at}: runs in WebAssembly`).toBeDefined()
      expect(bitsOf(result!), `offset ${at}`).toEqual(expected)
      expect([Array.from(dyView), Array.from(argmaxView)]).toEqual([Array.from(dy), Array.from(argmax)])
      expectBorderIntact(dyView)
      expectBorderIntact(argmaxView)
    }
  })

  it('a fused chain and its sum give the ops’ bits one by one', () => {
    const size = 5003
    const [a, b] = [mixedValues(size, 18), mixedValues(size, 19)]
    const chain = (x: Float32Array, y: Float32Array): FusedNode => ({
      kind: 'clip',
      low: 0.1,
      high: 5,
      input: {
        kind: 'unary',
        op: 'log',
        input: {
          kind: 'binary',
          op: 'add',
          a: { kind: 'binary', op: 'mul', a: { kind: 'values', values: x }, b: { kind: 'values', values: y } },
          b: { kind: 'scalar', value: 1 },
        },
      },
    })
    const oneByOne = (x: TypedArray, y: TypedArray) => {
      const same = { aShape: [size], bShape: [size], outShape: [size] }
      const product = binaryKernel('mul', x, y, same, 'float32')
      const plusOne = binaryKernel('add', product, Float32Array.of(1), { ...same, bShape: [1] }, 'float32')
      return clipKernel(unaryKernel('log', plusOne, 'float32'), 0.1, 5, 'float32')
    }
    expect(canFuse(size)).toBe(true)
    expectSameOnViews([a, b], (x, y) => computeFused(chain(x, y), size), oneByOne)
    const expectedSum = reduceKernel('sum', oneByOne(a, b), [size], [0], 'float32')[0]
    for (const at of OFFSETS) {
      expect(Object.is(sumFused(chain(viewAt(a, at), viewAt(b, at)), size), expectedSum)).toBe(true)
    }
  })
})
