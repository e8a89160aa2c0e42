import { Tensor, tensor } from '@gradstream/tensor'
import type { DType } from '@gradstream/tensor'
import { CheckpointError } from '../errors'

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

function fromBase64(text: string, path: string): Uint8Array {
  let binary: string
  try {
    binary = atob(text)
  } catch {
    throw new CheckpointError('resume', `${path} holds data that is not base64`)
  }
  return Uint8Array.from(binary, (c) => c.charCodeAt(0))
}

/** Encodes a state tree (tensors, numbers, strings, booleans, arrays, plain objects) as JSON-safe values. */
export function encodeValue(value: unknown, path: string): EncodedValue {
  if (value instanceof Tensor) {
    const data = value.dataSync()
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
    return { $tensor: { dtype: value.dtype, shape: value.shape, data: toBase64(bytes) } }
  }
  if (typeof value === 'number')
    return Number.isFinite(value) ? value : { $number: String(value) as EncodedNumber['$number'] }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value
  if (Array.isArray(value)) return value.map((item, i) => encodeValue(item, `${path}[${i}]`))
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encodeValue(item, `${path}.${key}`)]))
  }
  throw new CheckpointError(
    'checkpoint',
    `${path} cannot be stored: ${typeof value === 'object' ? 'a class instance' : typeof value}`,
  )
}

/** Decodes what `encodeValue` wrote, checking every tensor's dtype, shape and byte count. */
export function decodeValue(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item, i) => decodeValue(item, `${path}[${i}]`))
  if (value === null || typeof value !== 'object') return value
  if ('$number' in value) return Number((value as EncodedNumber).$number)
  if ('$tensor' in value) return decodeTensor((value as EncodedTensor).$tensor, path)
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decodeValue(item, `${path}.${key}`)]))
}

function decodeTensor(encoded: EncodedTensor['$tensor'], path: string): Tensor {
  const { dtype, shape, data } = encoded ?? {}
  if (!(dtype in BYTES) || !Array.isArray(shape) || typeof data !== 'string') {
    throw new CheckpointError('resume', `${path} is not a well-formed tensor`)
  }
  const bytes = fromBase64(data, path)
  const size = shape.reduce((a: number, d: number) => a * d, 1)
  if (bytes.length !== size * BYTES[dtype]) {
    throw new CheckpointError(
      'resume',
      `${path} has ${bytes.length} bytes of data, its shape [${shape.join(', ')}] needs ${size * BYTES[dtype]}`,
    )
  }
  const buffer = bytes.slice().buffer
  const views = { float32: Float32Array, float64: Float64Array, int32: Int32Array, bool: Uint8Array }
  return tensor(new views[dtype](buffer), shape, dtype)
}
