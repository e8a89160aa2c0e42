import { readFileSync, writeFileSync } from 'node:fs'
import { CheckpointError, checkString } from '@gradstream/core'
import { checkTensor } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { npyTensor } from './decodeNpy'
import { decodeSafetensorsAs } from './decodeSafetensors'
import type { SafetensorsContents } from './decodeSafetensors'
import { npyBytes } from './encodeNpy'
import { encodeSafetensorsAs } from './encodeSafetensors'
import type { SafetensorsOptions } from './encodeSafetensors'
import { decodeNpzAs, encodeNpzAs } from './npz'
import type { NpzOptions } from './npz'
import type { LoadOptions } from './treeLike'

// The file functions: each encodes or decodes in memory (see the functions they call) and reads or writes
// the whole file synchronously, as np.save and np.load do.

/**
 * Writes a pytree of tensors to a safetensors file (see `encodeSafetensors` for names and layout).
 * @throws as `encodeSafetensors`; CheckpointError when the file cannot be written.
 * @example saveSafetensors({ dense: { w: ones([2, 3]), b: zeros([3]) } }, 'model.safetensors', { metadata: { step: '100' } })
 */
export function saveSafetensors(params: Params, path: string, options: SafetensorsOptions = {}): void {
  checkString('saveSafetensors', 'path', path)
  writeBytes('saveSafetensors', path, encodeSafetensorsAs('saveSafetensors', params, options))
}

/**
 * Reads a safetensors file into a pytree and its metadata, every header field validated; with `like`, into
 * the template's structure and type, the file holding exactly its tensors (see `decodeSafetensors`).
 * @throws CheckpointError naming the fault, or when the file cannot be read.
 * @example const { params } = loadSafetensors('model.safetensors', { like: model.init(key) }) // typed as the model's params
 */
export function loadSafetensors(path: string): SafetensorsContents
export function loadSafetensors<P extends Params>(path: string, options: LoadOptions<P>): SafetensorsContents<P>
export function loadSafetensors(path: string, options: LoadOptions = {}): SafetensorsContents {
  checkString('loadSafetensors', 'path', path)
  return decodeSafetensorsAs('loadSafetensors', readBytes('loadSafetensors', path), options)
}

/**
 * Writes a tensor to a .npy file that `np.load` reads (see `encodeNpy`).
 * @throws DTypeError when `x` is not a Tensor; CheckpointError when the file cannot be written.
 * @example saveNpy(tensor([[1, 2], [3, 4]]), 'w.npy') // np.load('w.npy') is array([[1., 2.], [3., 4.]], dtype=float32)
 */
export function saveNpy(x: Tensor, path: string): void {
  checkTensor('saveNpy', 'x', x)
  checkString('saveNpy', 'path', path)
  writeBytes('saveNpy', path, npyBytes(x))
}

/**
 * Reads a .npy file (from `np.save` or `saveNpy`) into a tensor with the same bits (see `decodeNpy`).
 * @throws CheckpointError naming the fault, or when the file cannot be read.
 * @example loadNpy('w.npy').shape // [2, 2]
 */
export function loadNpy(path: string): Tensor {
  checkString('loadNpy', 'path', path)
  return npyTensor('loadNpy', readBytes('loadNpy', path), '')
}

/**
 * Writes a pytree of tensors to a .npz file that `np.load` reads (see `encodeNpz`).
 * @throws as `encodeNpz`; CheckpointError when the file cannot be written.
 * @example saveNpz({ w: ones([2, 2]), layers: [{ b: zeros([2]) }] }, 'params.npz') // np.load('params.npz')['layers.0.b']
 */
export function saveNpz(tree: Params, path: string, options: NpzOptions = {}): void {
  checkString('saveNpz', 'path', path)
  writeBytes('saveNpz', path, encodeNpzAs('saveNpz', tree, options))
}

/**
 * Reads a .npz file (from `np.savez`, `np.savez_compressed` or `saveNpz`) into a pytree, or with `like`
 * into the template's structure and type (see `decodeNpz`).
 * @throws CheckpointError naming the fault (and the entry), or when the file cannot be read.
 * @example Object.keys(loadNpz('params.npz')) // ['w', 'layers']
 */
export function loadNpz(path: string): Params
export function loadNpz<P extends Params>(path: string, options: LoadOptions<P>): P
export function loadNpz(path: string, options: LoadOptions = {}): Params {
  checkString('loadNpz', 'path', path)
  return decodeNpzAs('loadNpz', readBytes('loadNpz', path), options)
}

function readBytes(fn: string, path: string): Uint8Array {
  try {
    return readFileSync(path)
  } catch (error) {
    throw new CheckpointError(fn, `cannot read ${JSON.stringify(path)}: ${(error as Error).message}`, { cause: error })
  }
}

function writeBytes(fn: string, path: string, bytes: Uint8Array): void {
  try {
    writeFileSync(path, bytes)
  } catch (error) {
    throw new CheckpointError(fn, `cannot write ${JSON.stringify(path)}: ${(error as Error).message}`, { cause: error })
  }
}
