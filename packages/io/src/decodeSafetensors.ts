import { CheckpointError, checkOptions } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import type { Params } from '@gradstream/tensor'
import { readElements } from './elements'
import { parseHeader } from './safetensorsHeader'
import type { HeaderEntry } from './safetensorsHeader'
import { treeFromNames } from './treeNames'
import { templateNames, treeLike } from './treeLike'
import type { LoadOptions } from './treeLike'
import { checkBytes } from './checkBytes'

/** What a safetensors file holds: the pytree of its tensors and the text of its `__metadata__`. */
export interface SafetensorsContents<P extends Params = Params> {
  readonly params: P
  readonly metadata: Readonly<Record<string, string>>
}

/**
 * Reads safetensors bytes back into a pytree: each name is split at '.', and a record whose keys are
 * exactly 0 to n - 1 becomes an array, so `encodeSafetensors` output comes back in the same shape. With
 * `like`, the result has the template's structure and type instead, and the file must hold exactly the
 * template's tensors with their shapes and dtypes.
 * Nothing is returned unless the whole file holds: the header size, UTF-8 JSON starting with '{',
 * `__metadata__` of strings, every dtype (F32, F64, I32 and BOOL are read; the format's others are
 * refused by name), every shape, and the byte ranges, which must fit their shapes, lie inside the data,
 * neither overlap nor leave a gap, and cover the data to its last byte (the format forbids holes).
 *
 * @throws CheckpointError naming the fault; StructureError for a bad `like`; ConfigError when `bytes` is
 * not a Uint8Array or for an unknown option.
 * @example
 * const { params, metadata } = decodeSafetensors(encodeSafetensors({ w: ones([2]) }, { metadata: { step: '10' } }))
 * metadata.step // '10'
 */
export function decodeSafetensors(bytes: Uint8Array): SafetensorsContents
export function decodeSafetensors<P extends Params>(bytes: Uint8Array, options: LoadOptions<P>): SafetensorsContents<P>
export function decodeSafetensors(bytes: Uint8Array, options: LoadOptions = {}): SafetensorsContents {
  return decodeSafetensorsAs('decodeSafetensors', bytes, options)
}

/** {@link decodeSafetensors} with `fn` naming the public function in errors. */
export function decodeSafetensorsAs<P extends Params>(
  fn: string,
  bytes: Uint8Array,
  options: LoadOptions<P>,
): SafetensorsContents<P> {
  checkOptions(fn, options, ['like'])
  const { like } = options
  if (like !== undefined) templateNames(fn, like)
  checkBytes(fn, bytes)
  const { header, dataStart } = parseHeader(fn, bytes)
  checkLayout(fn, header.entries, bytes.length - dataStart)
  const named = header.entries.map(({ name, dtype, shape, begin }) => {
    const count = shape.reduce((n, dim) => n * dim, 1)
    return { name, tensor: tensor(readElements(bytes, dataStart + begin, count, dtype, true), shape, dtype) }
  })
  // Without a template the overloads make P the general Params, which is what treeFromNames builds.
  const params = like === undefined ? (treeFromNames(fn, named) as P) : treeLike(fn, named, like)
  return { params, metadata: header.metadata }
}

/** The byte ranges, in data order, must tile the data exactly: no overlap, no gap, nothing past the end. */
function checkLayout(fn: string, entries: readonly HeaderEntry[], dataLength: number): void {
  for (const { name, begin, end } of entries) {
    if (end > dataLength) {
      throw new CheckpointError(
        fn,
        `tensor ${JSON.stringify(name)} has data_offsets [${begin}, ${end}], past the end of the data (${dataLength} bytes)`,
      )
    }
  }
  const ordered = [...entries].sort((a, b) => a.begin - b.begin || a.end - b.end)
  let covered = 0
  let previous: HeaderEntry | undefined
  for (const entry of ordered) {
    if (entry.begin < covered) {
      throw new CheckpointError(fn, `tensors ${range(previous!)} and ${range(entry)} overlap`)
    }
    if (entry.begin > covered) {
      throw new CheckpointError(
        fn,
        `bytes ${covered} to ${entry.begin} of the data belong to no tensor (a gap before ${range(entry)})`,
      )
    }
    covered = entry.end
    previous = entry
  }
  if (covered < dataLength) {
    throw new CheckpointError(
      fn,
      `bytes ${covered} to ${dataLength} of the data belong to no tensor (after the last one)`,
    )
  }
}

const range = ({ name, begin, end }: HeaderEntry) => `${JSON.stringify(name)} [${begin}, ${end}]`
