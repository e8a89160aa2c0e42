import type { DType, TypedArray } from '@gradstream/tensor'

// Both formats store little-endian elements; typed arrays use the host's order, little-endian on every
// platform Node and the browsers run on today, with a byte swap kept for the others and for big-endian .npy.
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

/** Bytes per element of each dtype as stored in a file. */
export const ITEM_SIZE: Readonly<Record<DType, number>> = { float32: 4, float64: 8, int32: 4, bool: 1 }

/** The little-endian bytes of `values`, a view when the host is little-endian. */
export function littleEndianBytes(values: TypedArray): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
  return HOST_LITTLE_ENDIAN ? bytes : swapBytes(bytes.slice(), values.BYTES_PER_ELEMENT)
}

/**
 * Storage of `dtype` for `count` elements stored from `bytes[offset]` in the given byte order: a copy, so
 * the result is aligned and owns its buffer. A bool byte other than 0 is true (numpy's view of it).
 */
export function readElements(
  bytes: Uint8Array,
  offset: number,
  count: number,
  dtype: DType,
  littleEndian: boolean,
): TypedArray {
  const size = ITEM_SIZE[dtype]
  // The constructor copies; `slice` would not on a Node Buffer, whose slice is a view into a shared pool.
  const copy = new Uint8Array(bytes.subarray(offset, offset + count * size))
  if (littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(copy, size)
  switch (dtype) {
    case 'float32':
      return new Float32Array(copy.buffer)
    case 'float64':
      return new Float64Array(copy.buffer)
    case 'int32':
      return new Int32Array(copy.buffer)
    case 'bool':
      return copy.map((byte) => (byte === 0 ? 0 : 1))
  }
}

/** Reverses the bytes of each `size`-byte element of `bytes` in place. */
function swapBytes(bytes: Uint8Array, size: number): Uint8Array {
  for (let start = 0; start < bytes.length; start += size) bytes.subarray(start, start + size).reverse()
  return bytes
}
