import { CheckpointError, WalkGuard, childPath, describeNode, isPlainObject, rootedPath } from '@gradstream/core'
import { Tensor, formatShape, tensor } from '@gradstream/tensor'
import type { DType } from '@gradstream/tensor'

/** A tensor in a checkpoint: its dtype, shape and little-endian bytes in base64, so values round-trip bit for bit. */
export interface EncodedTensor {
  readonly $tensor: { readonly dtype: DType; readonly shape: readonly number[]; readonly data: string }
}

/** A number JSON cannot hold (NaN, ±Infinity). */
export interface EncodedNumber {
  readonly $number: 'NaN' | 'Infinity' | '-Infinity'
}

export type EncodedValue =
  | EncodedTensor
  | EncodedNumber
  | number
  | string
  | boolean
  | null
  | readonly EncodedValue[]
  | { readonly [key: string]: EncodedValue }

const BYTES: Record<DType, number> = { float32: 4, float64: 8, int32: 4, bool: 1 }

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!)
  return btoa(binary)
}

function fromBase64(fn: string, text: string, path: string): Uint8Array {
  let binary: string
  try {
    binary = atob(text)
  } catch {
    throw new CheckpointError(fn, `${path} holds data that is not base64`)
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/**
 * Encodes a state tree (tensors, numbers, strings, booleans, null, arrays,
 * plain objects, also with a null prototype) as JSON-safe values. `root`
 * names the tree in messages: `optimizer[0].mu.layers[2].w cannot be stored`.
 */
export function encodeValue(value: unknown, root: string): EncodedValue {
  return encodeNode(new WalkGuard('checkpoint', root, { error: CheckpointError }), root, value, '', 0, undefined)
}

function encodeNode(
  guard: WalkGuard,
  root: string,
  value: unknown,
  path: string,
  depth: number,
  key?: string | number,
): EncodedValue {
  if (value instanceof Tensor) {
    const data = value.dataSync()
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    return { $tensor: { dtype: value.dtype, shape: value.shape, data: toBase64(bytes) } }
  }
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : { $number: String(value) as EncodedNumber['$number'] }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value
  if (Array.isArray(value)) {
    guard.enter(value, depth, key)
    return value.map((item: unknown, i) => encodeNode(guard, root, item, childPath(path, i), depth + 1, i))
  }
  if (isPlainObject(value)) {
    guard.enter(value, depth, key)
    const out: Record<string, EncodedValue> = {}
    for (const k of Object.keys(value)) out[k] = encodeNode(guard, root, value[k], childPath(path, k), depth + 1, k)
    return out
  }
  throw new CheckpointError('checkpoint', `${rootedPath(root, path)} cannot be stored: ${describeNode(value)}`)
}

/**
 * Decodes what `encodeValue` wrote, checking every tensor's dtype, shape and
 * byte count. Any fault, also nesting too deep or a cycle, is a CheckpointError
 * naming the path; `fn`, the public function reading the checkpoint
 * (`parseCheckpoint`, `resume`), starts its message.
 */
export function decodeValue(fn: string, value: unknown, root: string): unknown {
  return decodeNode(fn, new WalkGuard(fn, root, { error: CheckpointError }), root, value, '', 0, undefined)
}

function decodeNode(
  fn: string,
  guard: WalkGuard,
  root: string,
  value: unknown,
  path: string,
  depth: number,
  key?: string | number,
): unknown {
  if (typeof value !== 'object' || value === null) return value
  guard.enter(value, depth, key)
  if (Array.isArray(value)) {
    return value.map((item: unknown, i) => decodeNode(fn, guard, root, item, childPath(path, i), depth + 1, i))
  }
  if ('$number' in value) return Number((value as EncodedNumber).$number)
  if ('$tensor' in value) return decodeTensor(fn, (value as EncodedTensor).$tensor, rootedPath(root, path))
  const out: Record<string, unknown> = {}
  for (const [k, item] of Object.entries(value))
    out[k] = decodeNode(fn, guard, root, item, childPath(path, k), depth + 1, k)
  return out
}

function decodeTensor(fn: string, encoded: EncodedTensor['$tensor'] | undefined, path: string): Tensor {
  const { dtype, shape, data } = encoded ?? {}
  if (typeof dtype !== 'string' || !Object.hasOwn(BYTES, dtype) || !Array.isArray(shape) || typeof data !== 'string') {
    throw new CheckpointError(fn, `${path} is not a well-formed tensor`)
  }
  const bytes = fromBase64(fn, data, path)
  const size = shape.reduce((a: number, d: number) => a * d, 1)
  if (bytes.length !== size * BYTES[dtype]) {
    throw new CheckpointError(
      fn,
      `${path} has ${bytes.length} bytes of data, its shape ${formatShape(shape)} needs ${size * BYTES[dtype]}`,
    )
  }
  const buffer = bytes.slice().buffer
  const views = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array }
  return tensor(new views[dtype](buffer), shape, dtype)
}
