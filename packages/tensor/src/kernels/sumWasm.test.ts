import { describe, expect, it } from 'vitest'
import { sumBlocksWasmFloat32 } from './sumWasm'
import { wasmHeap } from './wasmHeap'
import type { WasmHeap } from './wasmHeap'

/** The fold the WebAssembly sum must equal: each block summed in order from +0, rounded to float32 each step. */
function sequentialSums(values: Float32Array, blocks: number, size: number): Float32Array {
  const out = new Float32Array(blocks)
  for (let o = 0; o < blocks; o++) {
    let acc = 0
    for (let i = o * size; i < (o + 1) * size; i++) acc = Math.fround(acc + values[i]!)
    out[o] = acc
  }
  return out
}

function heapFor(values: Float32Array, out: Float32Array): WasmHeap {
  const heap = wasmHeap(4 * (values.length + out.length))
  if (heap === undefined) throw new Error('this engine should run the WebAssembly kernels')
  return heap
}

describe('sumBlocksWasmFloat32', () => {
  it('gives the sequential float32 sum of every block, NaN, infinities and -0 included', () => {
    for (const [blocks, size] of [
      [1, 1],
      [1, 1000],
      [7, 13],
      [300, 4],
      [3, 0],
    ] as const) {
      const values = Float32Array.from({ length: blocks * size }, (_, i) => Math.sin(i) * 1e3 + (i % 97 === 0 ? -0 : 0))
      if (values.length > 30) [values[5], values[17], values[29]] = [NaN, Infinity, -0]
      const out = new Float32Array(blocks)
      sumBlocksWasmFloat32(heapFor(values, out), out, values, size)
      expect(out, `${blocks} blocks of ${size}`).toEqual(sequentialSums(values, blocks, size))
    }
  })

  it('starts every sum from +0, so a block of -0 sums to +0', () => {
    const out = new Float32Array(1)
    const values = Float32Array.of(-0, -0)
    sumBlocksWasmFloat32(heapFor(values, out), out, values, 2)
    expect(Object.is(out[0], 0)).toBe(true)
  })
})
