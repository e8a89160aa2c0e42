// Every corruption of a file is a named CheckpointError, never another exception and never a tensor
// other than the one the file describes: fast-check corrupts valid files (truncation, changed bytes,
// changed header fields, random size fields) and compares the decoder with a plain reading of the spec.
import { CheckpointError } from '@gradstream/core'
import { tensor, treeLeaves } from '@gradstream/tensor'
import type { DType, Params, Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decodeNpy, decodeNpz, decodeSafetensors, encodeNpy, encodeNpz, encodeSafetensors } from './index'
import { referenceSafetensors } from './testing/referenceSafetensors'

const ITEM: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 }
const SAFETENSORS: Record<DType, string> = { float32: 'F32', float64: 'F64', int32: 'I32', bool: 'BOOL' }

/** A tensor of random bits (bools 0 or 1), of a small random shape. */
const randomTensor = fc
  .record({
    dtype: fc.constantFrom<DType>('float32', 'float64', 'int32', 'bool'),
    shape: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  })
  .chain(({ dtype, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1)
    return fc.uint8Array({ minLength: size * ITEM[dtype], maxLength: size * ITEM[dtype] }).map((bytes) => {
      if (dtype === 'bool')
        return tensor(
          Array.from(bytes, (b) => b & 1),
          shape,
          'bool',
        )
      const buffer = bytes.slice().buffer
      const values =
        dtype === 'float32'
          ? new Float32Array(buffer)
          : dtype === 'float64'
            ? new Float64Array(buffer)
            : new Int32Array(buffer)
      return tensor(values, shape, dtype)
    })
  })

const randomTree: fc.Arbitrary<Params> = fc
  .uniqueArray(fc.constantFrom('w', 'b', 'layers.0.w', 'layers.1.w', 'head.kernel', 'x'), {
    minLength: 1,
    maxLength: 4,
  })
  .filter((names) => !names.some((a) => names.some((b) => b.startsWith(`${a}.`))))
  .chain((names) => fc.tuple(...names.map(() => randomTensor)).map((leaves) => nest(names, leaves)))

function nest(names: readonly string[], leaves: readonly Tensor[]): Params {
  const root: Record<string, unknown> = {}
  names.forEach((name, i) => {
    const keys = name.split('.')
    let node = root
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>
    node[keys.at(-1)!] = leaves[i]
  })
  return root as Params
}

const bytesOf = (t: Tensor) => new Uint8Array(t.dataSync().buffer)

/** A random change to a file: cut it short, overwrite bytes (mostly in the first `hot` bytes), or set the size field. */
function corruption(hot: (file: Uint8Array) => number) {
  return fc.oneof(
    fc
      .double({ min: 0, max: 1, maxExcluded: true, noNaN: true })
      .map((at) => (file: Uint8Array) => file.slice(0, Math.floor(at * file.length))),
    fc
      .array(
        fc.tuple(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 255 })),
        { minLength: 1, maxLength: 3 },
      )
      .map((edits) => (file: Uint8Array) => {
        const out = file.slice()
        for (const [at, value] of edits) out[Math.floor(at * hot(file))] = value
        return out
      }),
    fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((size) => (file: Uint8Array) => {
      const out = file.slice()
      new DataView(out.buffer).setBigUint64(0, size, true)
      return out
    }),
  )
}

/** The decoder's answer: a named CheckpointError (checked here), or what it returned. */
function attempt<T>(fn: string, decode: () => T): T | undefined {
  try {
    return decode()
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError)
    expect((error as Error).message.startsWith(`${fn}: `)).toBe(true)
    return undefined
  }
}

function leafAt(tree: Params, name: string): unknown {
  return name.split('.').reduce((node: unknown, key) => (node as Record<string, unknown> | undefined)?.[key], tree)
}

function expectMatchesReference(file: Uint8Array): void {
  const reference = referenceSafetensors(file)
  const decoded = attempt('decodeSafetensors', () => decodeSafetensors(file))
  expect(decoded === undefined).toBe(reference === undefined)
  if (decoded === undefined || reference === undefined) return
  expect(treeLeaves(decoded.params).length).toBe(reference.size)
  for (const [name, expected] of reference) {
    const t = leafAt(decoded.params, name) as Tensor
    expect({ dtype: SAFETENSORS[t.dtype], shape: t.shape, bytes: bytesOf(t) }).toEqual(expected)
  }
}

/** Header fields set to random JSON, or to numbers near the valid ones. */
const fieldEdit = fc.record({
  entry: fc.nat(),
  field: fc.constantFrom('dtype', 'shape', 'data_offsets', '__metadata__', 'name'),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('F16', 'BF16', 'I64', 'F32', 'F64', 'I32', 'BOOL'),
    fc.array(fc.integer({ min: -2, max: 40 }), { maxLength: 3 }),
    fc.constantFrom('w.x', 'layers', 'layers.0', 'w', '__proto__', 'a.'.repeat(1001)),
  ),
})

describe('decodeSafetensors on corrupted files', () => {
  it('reads every valid file it wrote', () => {
    fc.assert(
      fc.property(randomTree, (tree) => expectMatchesReference(encodeSafetensors(tree))),
      { numRuns: 50 },
    )
  })

  it('refuses with a named error, or reads what the spec says, after bytes are cut, changed or resized', () => {
    const headerEnd = (file: Uint8Array) =>
      Math.min(file.length, 8 + Number(new DataView(file.buffer).getBigUint64(0, true)))
    fc.assert(
      fc.property(randomTree, corruption(headerEnd), (tree, corrupt) =>
        expectMatchesReference(corrupt(encodeSafetensors(tree))),
      ),
      { numRuns: 150 },
    )
  })

  it('refuses with a named error, or reads what the spec says, after a header field is replaced', () => {
    fc.assert(
      fc.property(randomTree, fieldEdit, (tree, { entry, field, value }) => {
        const file = encodeSafetensors(tree, { metadata: { note: 'x' } })
        const size = Number(new DataView(file.buffer).getBigUint64(0, true))
        const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + size))) as Record<
          string,
          Record<string, unknown>
        >
        const names = Object.keys(header).filter((name) => name !== '__metadata__')
        const name = names[entry % names.length]!
        if (field === '__metadata__') header.__metadata__ = value as Record<string, unknown>
        else if (field !== 'name') header[name]![field] = value
        const renamed = Object.entries(header).map(([key, info]) => [
          field === 'name' && key === name ? String(value) : key,
          info,
        ])
        const edited = new TextEncoder().encode(JSON.stringify(Object.fromEntries(renamed)))
        const out = new Uint8Array(8 + edited.length + file.length - 8 - size)
        new DataView(out.buffer).setBigUint64(0, BigInt(edited.length), true)
        out.set(edited, 8)
        out.set(file.subarray(8 + size), 8 + edited.length)
        expectMatchesReference(out)
      }),
      { numRuns: 150 },
    )
  })

  it('refuses with a named error, or reads what the spec says, after byte ranges move or the data grows or shrinks', () => {
    const layout = fc.record({
      starts: fc.array(fc.integer({ min: 0, max: 24 }), { minLength: 4, maxLength: 4 }),
      moved: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
      extra: fc.uint8Array({ maxLength: 8 }),
      dropped: fc.integer({ min: 0, max: 8 }),
    })
    fc.assert(
      fc.property(randomTree, layout, (tree, { starts, moved, extra, dropped }) => {
        const file = encodeSafetensors(tree)
        const size = Number(new DataView(file.buffer).getBigUint64(0, true))
        const header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + size))) as Record<
          string,
          { data_offsets: number[] }
        >
        // Each moved range keeps its length, so only the layout rules (range, overlap, gap, cover) can fail.
        Object.values(header).forEach((info, i) => {
          const [begin, end] = info.data_offsets as [number, number]
          if (moved[i]) info.data_offsets = [starts[i]!, starts[i]! + end - begin]
        })
        const text = new TextEncoder().encode(JSON.stringify(header))
        const data = file.subarray(8 + size, Math.max(8 + size, file.length - dropped))
        const out = new Uint8Array(8 + text.length + data.length + extra.length)
        new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true)
        out.set(text, 8)
        out.set(data, 8 + text.length)
        out.set(extra, 8 + text.length + data.length)
        expectMatchesReference(out)
      }),
      { numRuns: 300 },
    )
  })

  it('refuses random bytes with a named error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => expectMatchesReference(bytes)),
      { numRuns: 100 },
    )
  })
})

describe('decodeNpy on corrupted files', () => {
  it('refuses with a named error, or reads a tensor whose bytes are the file data its header describes', () => {
    const headerEnd = (file: Uint8Array) => Math.min(file.length, 10 + new DataView(file.buffer).getUint16(8, true))
    fc.assert(
      fc.property(randomTensor, corruption(headerEnd), (t, corrupt) => {
        const file = corrupt(encodeNpy(t))
        const decoded = attempt('decodeNpy', () => decodeNpy(file))
        if (decoded === undefined) return
        // What a changed header can still describe: the same data bytes, maybe under another type or shape.
        const dataStart = file.length - decoded.size * ITEM[decoded.dtype]
        const data = file.subarray(dataStart)
        const header = new TextDecoder('latin1').decode(file.subarray(10, dataStart))
        const bigEndian = header.includes('>')
        if (decoded.dtype !== 'bool' && !bigEndian && !header.includes('True')) expect(bytesOf(decoded)).toEqual(data)
        expect(decoded.size * ITEM[decoded.dtype]).toBe(data.length)
      }),
      { numRuns: 150 },
    )
  })
})

describe('decodeNpz on corrupted files', () => {
  it('refuses with a named error, or reads the tensors written, in order', () => {
    fc.assert(
      fc.property(
        randomTree,
        fc.boolean(),
        corruption((file) => file.length),
        (tree, compress, corrupt) => {
          const decoded = attempt('decodeNpz', () => decodeNpz(corrupt(encodeNpz(tree, { compress }))))
          if (decoded === undefined) return
          // Zip keeps no checksum of names: a changed name may survive, the data may not.
          const leaves = treeLeaves(decoded)
          const written = treeLeaves(tree)
          expect(leaves.map((t) => [t.dtype, t.shape, bytesOf(t)])).toEqual(
            written.map((t) => [t.dtype, t.shape, bytesOf(t)]),
          )
        },
      ),
      { numRuns: 50 },
    )
  })
})
