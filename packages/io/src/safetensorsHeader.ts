import { CheckpointError, describe, isPlainObject } from '@gradstream/core'
import { MAX_ELEMENTS, formatShape } from '@gradstream/tensor'
import type { DType } from '@gradstream/tensor'
import { ITEM_SIZE } from './elements'
import { METADATA_KEY, OTHER_SAFETENSORS_DTYPES, SAFETENSORS_DTYPES, isSafetensorsDType } from './safetensorsDTypes'

/** The reference implementation's limit: a larger header is refused before it is read. */
export const MAX_HEADER_BYTES = 100_000_000

/** One tensor of a safetensors header, validated on its own (its byte range not yet against the others). */
export interface HeaderEntry {
  readonly name: string
  readonly dtype: DType
  readonly shape: readonly number[]
  readonly begin: number
  readonly end: number
}

/** A parsed and validated header: the tensors in the header's order, and the metadata. */
export interface SafetensorsHeader {
  readonly entries: readonly HeaderEntry[]
  readonly metadata: Readonly<Record<string, string>>
}

/** The JSON header of a safetensors file, from its bytes, with each tensor's fields validated. */
export function parseHeader(fn: string, bytes: Uint8Array): { header: SafetensorsHeader; dataStart: number } {
  if (bytes.length < 8) {
    throw new CheckpointError(fn, `the file is ${bytes.length} bytes, too short for the 8-byte header size`)
  }
  const size = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true)
  if (size > BigInt(MAX_HEADER_BYTES)) {
    throw new CheckpointError(fn, `the header size is ${size} bytes, more than the format's ${MAX_HEADER_BYTES}`)
  }
  if (Number(size) > bytes.length - 8) {
    throw new CheckpointError(fn, `the header size is ${size} bytes, but only ${bytes.length - 8} bytes follow it`)
  }
  const dataStart = 8 + Number(size)
  return { header: headerFromText(fn, headerText(fn, bytes.subarray(8, dataStart))), dataStart }
}

function headerText(fn: string, bytes: Uint8Array): string {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    throw new CheckpointError(fn, 'the header is not valid UTF-8')
  }
  if (!text.startsWith('{')) throw new CheckpointError(fn, `the header must be a JSON object, starting with '{'`)
  return text
}

function headerFromText(fn: string, text: string): SafetensorsHeader {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new CheckpointError(fn, `the header is not valid JSON (${(error as Error).message})`)
  }
  if (!isPlainObject(parsed)) throw new CheckpointError(fn, `the header must be a JSON object, got ${describe(parsed)}`)
  const entries: HeaderEntry[] = []
  let metadata: Record<string, string> = {}
  for (const [name, info] of Object.entries(parsed)) {
    if (name === METADATA_KEY) metadata = checkMetadata(fn, info)
    else entries.push(headerEntry(fn, name, info))
  }
  return { entries, metadata }
}

function checkMetadata(fn: string, info: unknown): Record<string, string> {
  if (!isPlainObject(info)) throw new CheckpointError(fn, `${METADATA_KEY} must be an object, got ${describe(info)}`)
  for (const [key, value] of Object.entries(info)) {
    if (typeof value !== 'string') {
      throw new CheckpointError(
        fn,
        `${METADATA_KEY} must map strings to strings, got ${describe(value)} for ${JSON.stringify(key)}`,
      )
    }
  }
  return { ...(info as Record<string, string>) }
}

function headerEntry(fn: string, name: string, info: unknown): HeaderEntry {
  const tensor = `tensor ${JSON.stringify(name)}`
  if (!isPlainObject(info)) {
    throw new CheckpointError(fn, `${tensor} must be an object { dtype, shape, data_offsets }, got ${describe(info)}`)
  }
  const { dtype, shape, data_offsets: offsets } = info
  if (!isSafetensorsDType(dtype)) {
    const known = typeof dtype === 'string' && OTHER_SAFETENSORS_DTYPES.includes(dtype)
    throw new CheckpointError(
      fn,
      known
        ? `${tensor} has dtype ${dtype}, which gradstream does not read; it reads F32, F64, I32 and BOOL`
        : `${tensor} has the unknown dtype ${describe(dtype)}`,
    )
  }
  if (!Array.isArray(shape) || !shape.every((dim) => Number.isSafeInteger(dim) && dim >= 0)) {
    throw new CheckpointError(fn, `${tensor} must have a shape of non-negative integers, got ${describeList(shape)}`)
  }
  const count = shape.reduce((n: number, dim: number) => n * dim, 1)
  if (count > MAX_ELEMENTS) {
    throw new CheckpointError(
      fn,
      `${tensor} has shape ${formatShape(shape)}, ${count} elements, more than a tensor can hold (${MAX_ELEMENTS})`,
    )
  }
  const isOffset = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isOffset) || offsets[0]! > offsets[1]!) {
    throw new CheckpointError(
      fn,
      `${tensor} must have data_offsets [begin, end] of integers with 0 <= begin <= end, got ${describeList(offsets)}`,
    )
  }
  const [begin, end] = offsets as [number, number]
  const needed = count * ITEM_SIZE[SAFETENSORS_DTYPES[dtype]]
  if (end - begin !== needed) {
    throw new CheckpointError(
      fn,
      `${tensor} has ${end - begin} bytes (data_offsets [${begin}, ${end}]), but shape ${formatShape(shape)} of ${dtype} needs ${needed}`,
    )
  }
  return { name, dtype: SAFETENSORS_DTYPES[dtype], shape, begin, end }
}

/** A short JSON view of a header value for a message: `[2, -1]`, or its kind when it is not short. */
function describeList(value: unknown): string {
  const text = JSON.stringify(value)
  return Array.isArray(value) && text !== undefined && text.length <= 40 ? text.replaceAll(',', ', ') : describe(value)
}
