import { ConfigError } from '@gradstream/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DType, TypedArray } from '../dtype'
import { DTYPES } from '../dtype'
import { SlabAllocator } from './SlabAllocator'

// Size classes of 16, 32 and 64 bytes, in slabs of 64, 128 and 256 bytes.
const small = () => new SlabAllocator({ slotsPerSlab: 4, ownBelowBytes: 8, ownAboveBytes: 64 })

/** The bytes `values` occupies in its buffer, as [start, end). */
const span = (values: TypedArray): [number, number] => [values.byteOffset, values.byteOffset + values.byteLength]

describe('SlabAllocator', () => {
  it('carves consecutive storage of one size class out of one slab at 8-byte boundaries, without overlap', () => {
    const allocator = small()
    const a = allocator.allocate('float32', 3)
    const b = allocator.allocate('bool', 9)
    const c = allocator.allocate('float64', 2)
    const d = allocator.allocate('int32', 6)
    expect(b.buffer).toBe(a.buffer)
    expect(c.buffer).toBe(a.buffer)
    expect([span(a), span(b), span(c)]).toEqual([
      [0, 12],
      [16, 25],
      [32, 48],
    ])
    expect(a.buffer.byteLength).toBe(64)
    expect(d.buffer).not.toBe(a.buffer)
    expect([span(d), d.buffer.byteLength]).toEqual([[0, 24], 128])
  })

  it('gives storage of ownBelowBytes or fewer, or more than ownAboveBytes, a buffer of exactly its size', () => {
    const allocator = small()
    for (const [dtype, size] of [
      ['float32', 2],
      ['bool', 8],
      ['float32', 17],
      ['float64', 0],
      ['int32', 100],
    ] as const) {
      const values = allocator.allocate(dtype, size)
      expect(values.byteOffset).toBe(0)
      expect(values.buffer.byteLength).toBe(values.byteLength)
    }
  })

  it('starts a new slab when storage does not fit the rest of the current one, leaving the rest unused', () => {
    const allocator = small()
    const first = allocator.allocate('float32', 16) // 64 bytes, at 0
    for (let i = 0; i < 2; i++) allocator.allocate('float32', 16) // up to 192
    const filler = allocator.allocate('float32', 14) // 56 bytes, at 192: 8 bytes left
    const next = allocator.allocate('float32', 9)
    expect(filler.buffer).toBe(first.buffer)
    expect(next.buffer).not.toBe(first.buffer)
    expect(span(next)).toEqual([0, 36])
  })

  it('pins at most one slab of its size class: storage of b bytes keeps at most slotsPerSlab × 2^⌈log₂ b⌉ alive', () => {
    const allocator = small()
    fc.assert(
      fc.property(fc.constantFrom(...DTYPES), fc.nat(80), (dtype, size) => {
        const values = allocator.allocate(dtype, size)
        const sizeClass = 2 ** Math.ceil(Math.log2(values.byteLength))
        const pooled = values.byteLength > 8 && values.byteLength <= 64
        expect(values.buffer.byteLength).toBe(pooled ? 4 * sizeClass : values.byteLength)
        expect(values.buffer.byteLength).toBeLessThanOrEqual(Math.max(2 * 4 * values.byteLength - 1, 0))
      }),
    )
  })

  it('hands out zeroed storage even after every earlier allocation was written all over', () => {
    const allocator = small()
    for (let i = 0; i < 200; i++) {
      const values = allocator.allocate('int32', 1 + (i % 20))
      expect(values.every((v) => v === 0)).toBe(true)
      values.fill(-1)
    }
  })

  it('never lets two live allocations share a byte: random sequences keep every kept value intact', () => {
    const allocation = fc.record({
      dtype: fc.constantFrom<DType>(...DTYPES),
      size: fc.nat(40),
      kept: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(allocation, { maxLength: 60 }), (steps) => {
        const allocator = small()
        const live: { values: TypedArray; tag: number }[] = []
        steps.forEach(({ dtype, size, kept }, i) => {
          const values = allocator.allocate(dtype, size)
          expect(values.length).toBe(size)
          expect(values.every((v) => v === 0)).toBe(true)
          // A tag every dtype holds exactly (bool: 1): a write into another's bytes changes its values.
          const tag = dtype === 'bool' ? 1 : i + 1
          values.fill(tag)
          if (kept) live.push({ values, tag })
        })
        for (const { values, tag } of live) expect(values.every((v) => v === tag)).toBe(true)
      }),
    )
  })

  it('copies values into storage placed as allocate places it', () => {
    const allocator = small()
    const pooled = allocator.copy('float32', Float32Array.of(1, -0, NaN))
    const own = allocator.copy('float64', Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9))
    expect(Array.from(pooled)).toEqual([1, -0, NaN])
    expect(pooled.buffer.byteLength).toBe(64)
    expect(Array.from(own)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(own.buffer.byteLength).toBe(72)
  })

  it('refuses sizes out of order with a ConfigError naming the value', () => {
    const make = (slotsPerSlab: number, ownBelowBytes: number, ownAboveBytes: number) => () =>
      new SlabAllocator({ slotsPerSlab, ownBelowBytes, ownAboveBytes })
    expect(make(0, 0, 0)).toThrow(
      new ConfigError('SlabAllocator', 'slotsPerSlab must be an integer >= 1 and <= 1024, got 0'),
    )
    expect(make(4, 0, 2 ** 21)).toThrow(
      'SlabAllocator: ownAboveBytes must be an integer >= 0 and <= 1048576, got 2097152',
    )
    expect(make(4, 9, 8)).toThrow('SlabAllocator: ownBelowBytes must be an integer >= 0 and <= 8, got 9')
    expect(make(4, 9, 8)).toThrow(ConfigError)
  })
})
