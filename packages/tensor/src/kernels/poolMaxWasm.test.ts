import { afterAll, describe, expect, it } from 'vitest'
import type { TypedArray } from '../dtype'
import type { PoolLayout } from './layouts'
import { maxPoolGradKernel, maxPoolKernel } from './poolMax'
import { maxPoolGradWasm, maxPoolWasm } from './poolMaxWasm'
import { kernels } from './registry'
import { getThreads, setThreads } from './threads/threadPool'

/** A deterministic generator of integers in [0, n). */
function lcg(seed: number): (n: number) => number {
  let state = seed
  return (n) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return Math.floor((state / 2 ** 32) * n)
  }
}

/** A window geometry with TF's output sizes: 'VALID' without padding, else the padding 'SAME' would add. */
function randomLayout(next: (n: number) => number): PoolLayout {
  const [windowHeight, windowWidth] = [1 + next(3), 1 + next(3)]
  const [strideHeight, strideWidth] = [1 + next(3), 1 + next(3)]
  const [inHeight, inWidth] = [windowHeight + next(9), windowWidth + next(9)]
  const same = next(2) === 1
  const axis = (size: number, window: number, stride: number) => {
    if (!same) return { out: Math.floor((size - window) / stride) + 1, pad: 0 }
    const out = Math.ceil(size / stride)
    return { out, pad: Math.floor(Math.max((out - 1) * stride + window - size, 0) / 2) }
  }
  const [rows, columns] = [axis(inHeight, windowHeight, strideHeight), axis(inWidth, windowWidth, strideWidth)]
  const channels = 1 + next(9)
  const batch = Math.ceil(1024 / (inHeight * inWidth * channels)) + next(2)
  return {
    batch,
    inHeight,
    inWidth,
    channels,
    outHeight: rows.out,
    outWidth: columns.out,
    windowHeight,
    windowWidth,
    strideHeight,
    strideWidth,
    padTop: rows.pad,
    padLeft: columns.pad,
  }
}

/** The values as a list in which -0 differs from +0 and NaN equals NaN. */
const exactly = (values: ArrayLike<number>) => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : v))

// Few distinct values, so that windows hold ties; -0 against 0, NaN and -Infinity among them.
const VALUES = [1, 2, 2, 3, -0, 0, -Infinity, NaN, -5]

describe('max pooling in WebAssembly', () => {
  it("picks the TypeScript scan's element and value in every window: ties, NaN, -0, SAME padding, any channel count", () => {
    const next = lcg(11)
    for (let c = 0; c < 60; c++) {
      const layout = randomLayout(next)
      const { batch, inHeight, inWidth, channels } = layout
      const x = Float32Array.from({ length: batch * inHeight * inWidth * channels }, () => VALUES[next(VALUES.length)]!)
      const before = x.slice()
      const wasm = maxPoolWasm(x, layout)
      expect(wasm, JSON.stringify(layout)).toBeDefined()
      const reference = maxPoolKernel(x, layout)
      expect(Array.from(wasm!.argmax), JSON.stringify(layout)).toEqual(Array.from(reference.argmax))
      expect(exactly(wasm!.values)).toEqual(exactly(reference.values))
      expect(wasm!.values).toBeInstanceOf(Float32Array)
      expect(Array.from(kernels.maxPool(x, layout).argmax)).toEqual(Array.from(wasm!.argmax))
      expect(x).toEqual(before)
    }
  })

  it("adds the gradient at the maxima in the TypeScript kernel's order, bit for bit", () => {
    const next = lcg(5)
    for (const [count, inputSize] of [
      [1024, 4096],
      [3000, 1500],
      [1031, 7],
    ] as const) {
      const dy = Float32Array.from({ length: count }, (_, i) => (i % 53 === 0 ? -0 : Math.sin(i) * 10 ** next(8)))
      const argmax = Int32Array.from({ length: count }, () => next(inputSize))
      const [dyBefore, argmaxBefore] = [dy.slice(), argmax.slice()]
      const wasm = maxPoolGradWasm(dy, argmax, inputSize, 'float32')
      expect(wasm, `${count} into ${inputSize}`).toBeInstanceOf(Float32Array)
      const reference = maxPoolGradKernel(dy, argmax, inputSize, 'float32')
      const bitsOf = (values: TypedArray) => new Int32Array(values.buffer, values.byteOffset, values.length)
      expect(bitsOf(wasm!)).toEqual(bitsOf(reference))
      expect([dy, argmax]).toEqual([dyBefore, argmaxBefore])
    }
  })

  it('leaves float64 and inputs under 1024 elements to TypeScript', () => {
    const layout = { ...randomLayout(lcg(2)), batch: 1 }
    const size = layout.inHeight * layout.inWidth * layout.channels
    expect(maxPoolWasm(new Float32Array(size), layout)).toBeUndefined()
    expect(maxPoolWasm(new Float64Array(4096), { ...layout, batch: 4096 / size })).toBeUndefined()
    expect(maxPoolGradWasm(new Float32Array(1023), new Int32Array(1023), 10, 'float32')).toBeUndefined()
    expect(maxPoolGradWasm(new Float64Array(2048), new Int32Array(2048), 10, 'float64')).toBeUndefined()
  })
})

describe('max pooling on several threads', () => {
  const initialThreads = getThreads()
  afterAll(() => setThreads(initialThreads))

  // From 2^20 input elements, the threshold; odd channel counts, whose last lanes run past a run's end.
  const layouts: PoolLayout[] = [
    { ...randomLayout(lcg(1)), batch: 43, inHeight: 64, inWidth: 64, channels: 6, outHeight: 32, outWidth: 22 },
    { ...randomLayout(lcg(1)), batch: 45, inHeight: 41, inWidth: 47, channels: 13, outHeight: 21, outWidth: 16 },
  ].map((layout, i) => ({
    ...layout,
    windowHeight: 2 + i,
    windowWidth: 2 + i,
    strideHeight: 2,
    strideWidth: 3,
    padTop: i,
    padLeft: i,
  }))

  it("gives the TypeScript scan's elements and values on 1, 2 and 3 threads", () => {
    const next = lcg(3)
    const inputs = layouts.map(({ batch, inHeight, inWidth, channels }) =>
      Float32Array.from({ length: batch * inHeight * inWidth * channels }, () => VALUES[next(VALUES.length)]!),
    )
    const references = inputs.map((x, i) => maxPoolKernel(x, layouts[i]!))
    for (const threads of [1, 2, 3]) {
      setThreads(threads)
      inputs.forEach((x, i) => {
        expect(x.length).toBeGreaterThanOrEqual(2 ** 20)
        const { values, argmax } = maxPoolWasm(x, layouts[i]!)!
        const { values: expectedValues, argmax: expectedArgmax } = references[i]!
        // A loop: toEqual walks arrays this long slowly.
        const differing = expectedValues.findIndex(
          (v, j) => !Object.is(values[j], v) || argmax[j] !== expectedArgmax[j],
        )
        expect([differing, values.length, argmax.length]).toEqual([-1, expectedValues.length, expectedArgmax.length])
      })
    }
  })
})
