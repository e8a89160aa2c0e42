import { CheckpointError, ConfigError, StructureError } from '@gradstream/core'
import { ones, tensor, zeros } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { decodeNpz, encodeNpy, encodeNpz } from './index'
import { crc32 } from './zipChecksums'

/** The compression method of each entry, from the zip's local file headers (0 stored, 8 deflated). */
function methods(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.length)
  const found: number[] = []
  for (let at = 0; view.getUint32(at, true) === 0x04034b50; ) {
    found.push(view.getUint16(at + 8, true))
    at += 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true) + view.getUint32(at + 18, true)
  }
  return found
}

const layers: Params[] = [{ w: ones([2, 2]) }, { w: tensor([1, 2], [2], 'int32'), b: tensor([true]) }]
const tree: Params = { bias: tensor(new Float64Array([0.1, NaN])), layers }

describe('encodeNpz and decodeNpz', () => {
  it('round-trip a pytree, entries named by path, stored by default and deflated with compress', () => {
    const stored = encodeNpz(tree)
    const compressed = encodeNpz(tree, { compress: true })
    expect(methods(stored)).toEqual([0, 0, 0, 0])
    expect(methods(compressed)).toEqual([8, 8, 8, 8])
    expect(decodeNpz(stored)).toEqual(tree)
    expect(decodeNpz(compressed)).toEqual(tree)
  })

  it('write the same bytes for the same tree (a fixed entry time)', () => {
    expect(encodeNpz(tree)).toEqual(encodeNpz(tree))
  })

  it('read entries written by another zip writer, positional names included', () => {
    const zip = zipSync({ 'arr_0.npy': encodeNpy(ones([2])), 'arr_1.npy': encodeNpy(zeros([1], 'int32')) })
    expect(decodeNpz(zip)).toEqual({ arr_0: ones([2]), arr_1: zeros([1], 'int32') })
  })

  it('refuse bad options and trees that do not name every tensor', () => {
    expect(() => encodeNpz(tree, { level: 9 } as object)).toThrow(
      new ConfigError('encodeNpz', "unknown option 'level'; expected one of compress"),
    )
    expect(() => encodeNpz(tree, { compress: 1 as unknown as boolean })).toThrow(
      new ConfigError('encodeNpz', 'compress must be a boolean, got 1'),
    )
    expect(() => encodeNpz(ones([1]) as Params)).toThrow(
      new StructureError(
        'encodeNpz',
        'tree must be a record or an array of tensors, got a Tensor; name it: { weight: t }',
      ),
    )
  })
})

describe('decodeNpz with like', () => {
  it("gives the template's structure, and refuses an archive that does not fit it", () => {
    const likeLayers: Params[] = [{ w: zeros([2, 2]) }, { w: zeros([2], 'int32'), b: zeros([1], 'bool') }]
    const like = { bias: tensor(new Float64Array(2)), layers: likeLayers }
    expect(decodeNpz(encodeNpz(tree), { like })).toEqual(tree)
    expect(() => decodeNpz(encodeNpz(tree), { like: { bias: like.bias } })).toThrow(
      new CheckpointError('decodeNpz', 'the file holds the tensor "layers.0.w", which like has no place for'),
    )
  })
})

describe('decodeNpz refuses a malformed archive with a named error', () => {
  const refuse = (bytes: Uint8Array, message: string | RegExp) =>
    expect(() => decodeNpz(bytes)).toThrow(
      typeof message === 'string' ? new CheckpointError('decodeNpz', message) : message,
    )

  it('that is not a zip archive', () => {
    refuse(strToU8('not a zip at all, just text'), /^decodeNpz: not a valid zip archive \(/)
    refuse(encodeNpz(tree).subarray(0, 100), /^decodeNpz: not a valid zip archive \(/)
  })

  it('whose entry is not a .npy file, or is a corrupt one (named)', () => {
    refuse(zipSync({ 'notes.txt': strToU8('hello') }), 'the archive holds "notes.txt", which is not a .npy entry')
    refuse(zipSync({ 'w.npy': strToU8('hello') }), 'entry "w.npy": not a .npy file: it does not start with \\x93NUMPY')
  })

  it('whose stored entry was changed after writing (its CRC-32 no longer matches)', () => {
    const zip = encodeNpz({ w: tensor([1, 2]) })
    const npy = encodeNpy(tensor([1, 2]))
    const flipped = zip.slice()
    flipped[30 + 'w.npy'.length + npy.length - 1]! ^= 0x40 // the last data byte of the only entry
    const changed = npy.slice()
    changed[npy.length - 1]! ^= 0x40
    refuse(
      flipped,
      `entry "w.npy" is corrupted: its CRC-32 is 0x${crc32(changed).toString(16).padStart(8, '0')}, the archive records 0x${crc32(npy).toString(16).padStart(8, '0')}`,
    )
  })

  it('whose names do not form a tree', () => {
    const zip = zipSync({ 'a.npy': encodeNpy(ones([1])), 'a.b.npy': encodeNpy(ones([1])) })
    refuse(zip, 'the names "a" and "a.b" clash: "a" is a tensor and also a record holding "a.b"')
  })

  it('that is not a Uint8Array', () => {
    expect(() => decodeNpz([1, 2] as unknown as Uint8Array)).toThrow(
      new ConfigError('decodeNpz', 'bytes must be a Uint8Array, got an array'),
    )
  })
})

describe('crc32', () => {
  it('gives the check value of the CRC-32 catalogue for "123456789"', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926)
  })
})
