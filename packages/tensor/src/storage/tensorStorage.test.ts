import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tensor } from '../creation'
import { add, mul } from '../ops/arithmetic'
import { valuesOf } from '../tensor'
import { tensorStorage } from './tensorStorage'

// A full garbage collection on demand, in a test process started without --expose-gc.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

// Let the job end first: V8 keeps a WeakRef's target alive until the job that made or read it is over.
const nextJob = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('tensor storage', () => {
  it('carves 65-byte to 8 KiB storage out of slabs of 8 of its size class, and gives other sizes their own buffer', () => {
    const bufferBytes = (size: number) => valuesOf(add(tensor(new Float32Array(size)), 1)).buffer.byteLength
    expect(bufferBytes(16)).toBe(64)
    expect(bufferBytes(17)).toBe(8 * 128)
    expect(bufferBytes(1500)).toBe(8 * 8192)
    expect(bufferBytes(2048)).toBe(8 * 8192)
    expect(bufferBytes(2049)).toBe(8196)
  })

  it('keeps every live tensor intact through random sequences of tensors made by ops, kept or dropped', () => {
    const made = fc.record({ size: fc.integer({ min: 1, max: 2100 }), kept: fc.boolean() })
    fc.assert(
      fc.property(fc.array(made, { maxLength: 30 }), (sequence) => {
        const live: { tensor: ReturnType<typeof add>; expected: Float32Array }[] = []
        sequence.forEach(({ size, kept }, i) => {
          const x = tensor(Float32Array.from({ length: size }, (_, j) => i * 4096 + j))
          // Through the elementwise kernels, WebAssembly from 1024 elements, into storage of their own.
          const y = add(x, 0.5)
          if (kept)
            live.push({ tensor: y, expected: Float32Array.from({ length: size }, (_, j) => i * 4096 + j + 0.5) })
        })
        // every() rather than toEqual: a deep comparison of thousands of elements costs seconds over the runs.
        for (const { tensor: y, expected } of live) expect(y.dataSync().every((v, j) => v === expected[j])).toBe(true)
      }),
      { numRuns: 50 },
    )
  })

  it('lets a long-lived tensor pin one slab of 8 of its size class at most, and keeps few slabs alive while short-lived ones come and go', async () => {
    const x = tensor(Float32Array.from({ length: 1500 }, (_, i) => i / 7))
    const kept = mul(x, 3)
    const expected = Array.from(valuesOf(kept))
    const slabs: WeakRef<ArrayBufferLike>[] = []
    // 6 MB of short-lived storage, 100 slabs' worth (10 of these 6000-byte tensors fill one), each dropped at once.
    for (let i = 0; i < 1000; i++) {
      const values = valuesOf(add(x, i))
      if (values.byteOffset === 0) slabs.push(new WeakRef(values.buffer))
    }
    expect(slabs.length).toBeGreaterThanOrEqual(99)
    await nextJob()
    collectGarbage()
    const alive = new Set(slabs.map((slab) => slab.deref()).filter((slab) => slab !== undefined))
    // The slab being filled and the one holding x and kept, if it is not that one.
    expect(alive.size).toBeLessThanOrEqual(2)
    expect(valuesOf(kept).buffer.byteLength).toBe(tensorStorage.slotsPerSlab * 8192)
    expect(Array.from(valuesOf(kept))).toEqual(expected)
  })
})
