import { describe, expect, it } from 'vitest'
import { allocate, dtypeOfStorage } from '../dtype'
import type { DType, TypedArray } from '../dtype'
import { sizeOf } from '../shape'
import type { Shape } from '../shape'
import type { MatMulLayout } from './layouts'
import { matMulKernel } from './matMul'
import { matMulWasm } from './matMulWasm'
import { reduceKernel } from './reduce'
import { KERNEL_IMPLEMENTATIONS, kernels } from './registry'
import { sumWasm } from './sumWasm'

/** Deterministic values from an LCG, with -0, NaN and infinities mixed in on float dtypes. */
function randomValues(dtype: DType, size: number, seed: number): TypedArray {
  const values = allocate(dtype, size)
  let state = seed
  for (let i = 0; i < size; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const special = [-0, NaN, Infinity][state % 211]
    values[i] = dtype === 'int32' ? (state | 0) >> 12 : (special ?? (state / 2 ** 32) * 8 - 4)
  }
  return values
}

/** The values as a list in which -0 differs from +0 and NaN equals NaN: bit for bit up to NaN payloads. */
const exactly = (values: TypedArray) => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : v))

function matMulCase(dtype: DType, [m, k, n]: readonly number[], transposeA: boolean, transposeB: boolean) {
  const layout: MatMulLayout = {
    m: m!,
    k: k!,
    n: n!,
    transposeA,
    transposeB,
    batches: 3,
    aBatch: (batch) => batch,
    bBatch: (batch) => batch % 2,
  }
  const a = randomValues(dtype, 3 * m! * k!, m! + k!)
  const b = randomValues(dtype, 2 * k! * n!, k! + n!)
  return [a, b, layout] as const
}

const PRODUCTS = [
  [8, 8, 8],
  [33, 17, 65],
  [64, 64, 64],
  [1, 600, 1],
  [150, 10, 5],
]

const REDUCTIONS: [Shape, number[]][] = [
  [[1000], [0]],
  [[40, 30], [1]],
  [
    [6, 10, 8],
    [0, 2],
  ],
  [
    [3, 100, 2],
    [1, 2],
  ],
  [
    [40, 30],
    [0, 1],
  ],
  // Leading axes, a bias gradient: column sums, eight columns at a time and a last partial group.
  [[40, 30], [0]],
  [[300, 3], [0]],
  [
    [8, 4, 4, 16],
    [0, 1, 2],
  ],
  [
    [7, 5, 10],
    [0, 1],
  ],
]

describe('KERNEL_IMPLEMENTATIONS', () => {
  it('has WebAssembly implementations of matMul, reduce, the convolutions, max pooling, clip and the elementwise passes only', () => {
    const withWasm = Object.entries(KERNEL_IMPLEMENTATIONS).filter(([, entry]) => 'wasm' in entry)
    expect(withWasm.map(([name]) => name).sort()).toEqual([
      'binary',
      'clip',
      'conv2d',
      'conv2dBackpropFilter',
      'conv2dBackpropInput',
      'matMul',
      'maxPool',
      'maxPoolGrad',
      'reduce',
      'unary',
    ])
  })
})

describe('matMul in WebAssembly', () => {
  for (const [transposeA, transposeB] of [
    [false, false],
    [true, true],
  ] as const) {
    it(`gives the TypeScript reference's bits on batched float32 products (transposeA ${transposeA}, transposeB ${transposeB})`, () => {
      for (const dims of PRODUCTS) {
        const [a, b, layout] = matMulCase('float32', dims, transposeA, transposeB)
        const wasm = matMulWasm(a, b, layout)
        expect(wasm, `${dims.join('x')} runs in WebAssembly`).toBeInstanceOf(Float32Array)
        expect(exactly(wasm!), dims.join('x')).toEqual(exactly(matMulKernel(a, b, layout)))
        expect(exactly(kernels.matMul(a, b, layout))).toEqual(exactly(wasm!))
      }
    })
  }

  it('leaves products under 512 multiply-adds and other dtypes to TypeScript', () => {
    expect(matMulWasm(...matMulCase('float32', [7, 8, 9], false, false))).toBeUndefined()
    for (const dtype of ['float64', 'int32'] as const) {
      const [a, b, layout] = matMulCase(dtype, [33, 17, 65], false, false)
      expect(matMulWasm(a, b, layout)).toBeUndefined()
      expect(dtypeOfStorage(kernels.matMul(a, b, layout))).toBe(dtype)
      expect(exactly(kernels.matMul(a, b, layout))).toEqual(exactly(matMulKernel(a, b, layout)))
    }
  })
})

describe('reduce in WebAssembly', () => {
  it("sums float32 blocks of 256 values or more with the TypeScript reference's bits", () => {
    REDUCTIONS.forEach(([shape, axes], c) => {
      const x = randomValues('float32', sizeOf(shape), c + 1)
      const wasm = sumWasm('sum', x, shape, axes, 'float32')
      const label = `[${shape.join(', ')}] over [${axes.join(', ')}]`
      expect(wasm, `${label} runs in WebAssembly`).toBeInstanceOf(Float32Array)
      expect(exactly(wasm!), label).toEqual(exactly(reduceKernel('sum', x, shape, axes, 'float32')))
      expect(exactly(kernels.reduce('sum', x, shape, axes, 'float32'))).toEqual(exactly(wasm!))
    })
  })

  it('leaves other folds, dtypes and small sums to TypeScript', () => {
    const x = randomValues('float32', 1200, 3)
    expect(sumWasm('prod', x, [40, 30], [1], 'float32')).toBeUndefined()
    expect(sumWasm('max', x, [40, 30], [1], 'float32')).toBeUndefined()
    expect(sumWasm('max', x, [40, 30], [0], 'float32')).toBeUndefined()
    expect(sumWasm('sum', x.subarray(0, 255), [255], [0], 'float32')).toBeUndefined()
    expect(sumWasm('sum', randomValues('float64', 1200, 3), [40, 30], [1], 'float64')).toBeUndefined()
  })
})
