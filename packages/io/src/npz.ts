import { CheckpointError, checkBoolean, checkOptions } from '@gradstream/core'
import { unzipSync, zipSync } from 'fflate'
import type { Params } from '@gradstream/tensor'
import { checkBytes } from './checkBytes'
import { npyTensor } from './decodeNpy'
import { npyBytes } from './encodeNpy'
import { namedLeaves, treeFromNames } from './treeNames'
import { templateNames, treeLike } from './treeLike'
import type { LoadOptions } from './treeLike'
import { checkZipChecksums } from './zipChecksums'

/** Options of {@link encodeNpz} and `saveNpz`. */
export interface NpzOptions {
  /** Deflate each entry, as `np.savez_compressed` does (default false: stored, as `np.savez`). */
  readonly compress?: boolean
}

// A fixed entry time (the zip format's earliest), so the same tree always gives the same bytes.
const ENTRY_TIME = new Date(1980, 0, 1)

/**
 * The .npz bytes of a pytree: a zip with one .npy entry per tensor, named as in safetensors files
 * (`layers.0.w.npy`), so `np.load(path)['layers.0.w']` reads it. Entries are stored (`np.savez`) or, with
 * `compress: true`, deflated (`np.savez_compressed`), in leaf order, dated 1980-01-01 so the bytes depend
 * on the tree only.
 *
 * @throws StructureError when `tree` is a single tensor, holds something other than tensors in records
 * and arrays, or has a key containing '.'; ConfigError for bad options.
 * @example
 * const bytes = encodeNpz({ w: ones([2, 2]), layers: [{ b: zeros([2]) }] }, { compress: true })
 * Object.keys(decodeNpz(bytes)) // ['w', 'layers']
 */
export function encodeNpz(tree: Params, options: NpzOptions = {}): Uint8Array {
  return encodeNpzAs('encodeNpz', tree, options)
}

/** {@link encodeNpz} with `fn` naming the public function in errors. */
export function encodeNpzAs(fn: string, tree: Params, options: NpzOptions): Uint8Array {
  checkOptions(fn, options, ['compress'])
  const { compress = false } = options
  checkBoolean(fn, 'compress', compress)
  const named = namedLeaves(fn, tree, 'tree')
  const entries = Object.fromEntries(named.map(({ name, tensor }) => [`${name}.npy`, npyBytes(tensor)]))
  return zipSync(entries, { level: compress ? 6 : 0, mtime: ENTRY_TIME })
}

/**
 * Reads .npz bytes (from `np.savez`, `np.savez_compressed` or `encodeNpz`) into a pytree: each entry's
 * name less `.npy`, split at '.', as `decodeSafetensors` does (`np.savez(a, b)` gives `{ arr_0, arr_1 }`),
 * or, with `like`, into the template's structure, the archive holding exactly its tensors. Each entry is
 * read as `decodeNpy` reads a file, and checked against the CRC-32 the archive records for it.
 *
 * @throws CheckpointError for bytes that are not a zip archive, an entry not named `*.npy`, a corrupted
 * entry or one `decodeNpy` refuses (the message names the entry), or an archive that does not fit `like`;
 * StructureError for a bad `like`; ConfigError when `bytes` is not a Uint8Array or for an unknown option.
 * @example (decodeNpz(encodeNpz({ w: ones([2]) })) as { w: Tensor }).w.toArray() // [1, 1]
 */
export function decodeNpz(bytes: Uint8Array): Params
export function decodeNpz<P extends Params>(bytes: Uint8Array, options: LoadOptions<P>): P
export function decodeNpz(bytes: Uint8Array, options: LoadOptions = {}): Params {
  return decodeNpzAs('decodeNpz', bytes, options)
}

/** {@link decodeNpz} with `fn` naming the public function in errors. */
export function decodeNpzAs<P extends Params>(fn: string, bytes: Uint8Array, options: LoadOptions<P>): P {
  checkOptions(fn, options, ['like'])
  const { like } = options
  if (like !== undefined) templateNames(fn, like)
  checkBytes(fn, bytes)
  let entries: Record<string, Uint8Array>
  try {
    entries = unzipSync(bytes)
  } catch (error) {
    throw new CheckpointError(fn, `not a valid zip archive (${(error as Error).message})`, { cause: error })
  }
  checkZipChecksums(fn, bytes, entries)
  const named = Object.entries(entries).map(([file, content]) => {
    if (!file.endsWith('.npy')) {
      throw new CheckpointError(fn, `the archive holds ${JSON.stringify(file)}, which is not a .npy entry`)
    }
    return { name: file.slice(0, -'.npy'.length), tensor: npyTensor(fn, content, `entry ${JSON.stringify(file)}: `) }
  })
  // Without a template the overloads make P the general Params, which is what treeFromNames builds.
  return like === undefined ? (treeFromNames(fn, named) as P) : treeLike(fn, named, like)
}
