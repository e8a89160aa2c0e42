import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CheckpointError, ConfigError, DTypeError } from '@gradstream/core'
import { ones, tensor } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { afterAll, describe, expect, it } from 'vitest'
import {
  encodeNpy,
  encodeNpz,
  encodeSafetensors,
  loadNpy,
  loadNpz,
  loadSafetensors,
  saveNpy,
  saveNpz,
  saveSafetensors,
} from './index'

const work = mkdtempSync(join(tmpdir(), 'gradstream-io-files-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const layers: Params[] = [{ w: ones([2, 3]) }, { w: tensor([1, 2], [2], 'int32') }]
const params: Params = { dense: { b: tensor([0.5]) }, layers }

describe('the file functions', () => {
  it('write the bytes the in-memory encoders give, and read them back', () => {
    const paths = { st: join(work, 'm.safetensors'), npy: join(work, 'w.npy'), npz: join(work, 'p.npz') }
    saveSafetensors(params, paths.st, { metadata: { step: '3' } })
    saveNpy(ones([2, 3]), paths.npy)
    saveNpz(params, paths.npz, { compress: true })
    expect(new Uint8Array(readFileSync(paths.st))).toEqual(encodeSafetensors(params, { metadata: { step: '3' } }))
    expect(new Uint8Array(readFileSync(paths.npy))).toEqual(encodeNpy(ones([2, 3])))
    expect(new Uint8Array(readFileSync(paths.npz))).toEqual(encodeNpz(params, { compress: true }))
    expect(loadSafetensors(paths.st)).toEqual({ params, metadata: { step: '3' } })
    expect(loadNpy(paths.npy)).toEqual(ones([2, 3]))
    expect(loadNpz(paths.npz)).toEqual(params)
  })

  it('name the public function and the file in errors', () => {
    const missing = join(work, 'missing.npy')
    expect(() => loadNpy(missing)).toThrow(CheckpointError)
    expect(() => loadNpy(missing)).toThrow(`loadNpy: cannot read ${JSON.stringify(missing)}: ENOENT`)
    expect(() => saveNpz(params, join(work, 'no', 'such', 'dir.npz'))).toThrow(
      /^saveNpz: cannot write ".*dir\.npz": ENOENT/,
    )
    const notSafetensors = join(work, 'w.npy')
    expect(() => loadSafetensors(notSafetensors)).toThrow(CheckpointError)
    expect(() => loadSafetensors(notSafetensors)).toThrow(/^loadSafetensors: the header size is \d+ bytes/)
  })

  it('refuse a path that is not a string and a value that is not a tensor', () => {
    expect(() => loadSafetensors(3 as unknown as string)).toThrow(
      new ConfigError('loadSafetensors', 'path must be a string, got 3'),
    )
    expect(() => saveNpy({} as never, join(work, 'x.npy'))).toThrow(
      new DTypeError('saveNpy', "argument 'x' must be a Tensor, got an object"),
    )
  })
})
