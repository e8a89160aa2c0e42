import { describe, expect, it } from 'vitest'
import { reluGradFloat32 } from './reluGradFloat32'
import { randomFloat32Bits } from './testing/randomFloat32Bits'

describe('reluGradFloat32', () => {
  it('gives the bits of y <= 0 ? 0 : dy on every kind of float32, leaving its inputs untouched', () => {
    const dy = randomFloat32Bits(5000, 1)
    const y = randomFloat32Bits(5000, 2)
    const [dyBefore, yBefore] = [dy.slice(), y.slice()]
    const out = new Float32Array(dy.length)
    reluGradFloat32(out, dy, y)
    for (let i = 0; i < out.length; i++) {
      expect(Object.is(out[i], y[i]! <= 0 ? 0 : dy[i]), `element ${i}`).toBe(true)
    }
    expect(new Int32Array(dy.buffer)).toEqual(new Int32Array(dyBefore.buffer))
    expect(new Int32Array(y.buffer)).toEqual(new Int32Array(yBefore.buffer))
  })

  it('reads and writes views at an offset into a larger buffer', () => {
    const storage = new Float32Array([9, 2, -1, 9, 0, 3, 9, 9, 9])
    const out = storage.subarray(6, 8)
    reluGradFloat32(out, storage.subarray(1, 3), storage.subarray(4, 6))
    expect([...storage]).toEqual([9, 2, -1, 9, 0, 3, 0, -1, 9])
  })
})
