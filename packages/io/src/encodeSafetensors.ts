import { ConfigError, StructureError, checkOptions, describe, isPlainObject } from '@gradstream/core'
import type { Params } from '@gradstream/tensor'
import { ITEM_SIZE, littleEndianBytes } from './elements'
import { METADATA_KEY, SAFETENSORS_DTYPE_OF } from './safetensorsDTypes'
import { namedLeaves } from './treeNames'

/** Options of {@link encodeSafetensors} and `saveSafetensors`. */
export interface SafetensorsOptions {
  /** Free-form text the file carries in its header's `__metadata__` (string keys to string values). */
  readonly metadata?: Readonly<Record<string, string>>
}

/**
 * The safetensors bytes of a pytree of tensors: an 8-byte little-endian header size, a JSON header naming
 * each tensor (`layers.0.w`: the keys on its path joined with '.', array indices as numbers) with its
 * dtype (F32, F64, I32, BOOL), shape and byte range, then the little-endian data. The header is padded
 * with spaces to a multiple of 8 bytes and the data is laid out widest dtype first, so every tensor is
 * aligned to its element size, as the reference writer does; the header lists the tensors in leaf order.
 *
 * @throws StructureError when `params` is a single tensor, holds something other than tensors in records
 * and arrays, or has a key containing '.'; ConfigError for bad options or metadata.
 * @example
 * const bytes = encodeSafetensors({ dense: { w: ones([2, 3]), b: zeros([3]) } })
 * Object.keys(decodeSafetensors(bytes).params) // ['dense']
 */
export function encodeSafetensors(params: Params, options: SafetensorsOptions = {}): Uint8Array {
  return encodeSafetensorsAs('encodeSafetensors', params, options)
}

/** {@link encodeSafetensors} with `fn` naming the public function in errors. */
export function encodeSafetensorsAs(fn: string, params: Params, options: SafetensorsOptions): Uint8Array {
  checkOptions(fn, options, ['metadata'])
  const { metadata } = options
  if (metadata !== undefined) checkMetadata(fn, metadata)
  const named = namedLeaves(fn, params, 'params')
  if (named.some(({ name }) => name === METADATA_KEY)) {
    throw new StructureError(fn, `params.${METADATA_KEY} is a tensor, but the format keeps that name for the metadata`)
  }
  // Stable sort: within one element size, leaf order.
  const laidOut = [...named].sort((a, b) => ITEM_SIZE[b.tensor.dtype] - ITEM_SIZE[a.tensor.dtype])
  const begins = new Map<string, number>()
  let dataLength = 0
  for (const { name, tensor } of laidOut) {
    begins.set(name, dataLength)
    dataLength += tensor.size * ITEM_SIZE[tensor.dtype]
  }
  const entries = named.map(({ name, tensor }) => {
    const begin = begins.get(name)!
    const end = begin + tensor.size * ITEM_SIZE[tensor.dtype]
    return [name, { dtype: SAFETENSORS_DTYPE_OF[tensor.dtype], shape: tensor.shape, data_offsets: [begin, end] }]
  })
  // fromEntries defines own properties, so a tensor named '__proto__' is written like any other.
  const header = Object.fromEntries(metadata === undefined ? entries : [[METADATA_KEY, metadata], ...entries])
  const json = new TextEncoder().encode(JSON.stringify(header))
  const headerLength = Math.ceil(json.length / 8) * 8
  const out = new Uint8Array(8 + headerLength + dataLength)
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true)
  out.set(json, 8)
  out.fill(0x20, 8 + json.length, 8 + headerLength)
  for (const { name, tensor } of laidOut) {
    out.set(littleEndianBytes(tensor.dataSync()), 8 + headerLength + begins.get(name)!)
  }
  return out
}

function checkMetadata(fn: string, metadata: unknown): void {
  if (!isPlainObject(metadata)) {
    throw new ConfigError(fn, `metadata must be a record of strings, got ${describe(metadata)}`)
  }
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new ConfigError(fn, `metadata values must be strings, got ${describe(value)} for ${JSON.stringify(key)}`)
    }
  }
}
