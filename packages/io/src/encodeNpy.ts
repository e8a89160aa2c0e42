import { checkTensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { littleEndianBytes } from './elements'
import { NPY_DESCR_OF } from './npyDTypes'
import { formatNpyHeader } from './npyHeader'

/** numpy pads the header so the data starts at a multiple of 64 bytes (its ARRAY_ALIGN). */
const ALIGN = 64
const MAGIC = [0x93, ...new TextEncoder().encode('NUMPY')]

/**
 * The .npy bytes of a tensor, as `np.save` writes them: format version 1.0 (2.0 when the header passes
 * 65535 bytes, never for a real shape), a little-endian type string (`<f4`, `<f8`, `<i4`, `|b1` for
 * bool), C order, the header padded with spaces and a newline to a multiple of 64 bytes.
 *
 * @throws DTypeError when `x` is not a Tensor.
 * @example
 * const bytes = encodeNpy(tensor([[1, 2, 3]]))
 * new TextDecoder().decode(bytes.subarray(10, 69)) // "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }"
 */
export function encodeNpy(x: Tensor): Uint8Array {
  checkTensor('encodeNpy', 'x', x)
  return npyBytes(x)
}

/** {@link encodeNpy} of a tensor already checked. */
export function npyBytes(x: Tensor): Uint8Array {
  const dict = formatNpyHeader({ descr: NPY_DESCR_OF[x.dtype], fortranOrder: false, shape: x.shape })
  // Magic, two version bytes and the header length (2 bytes in 1.0, 4 in 2.0) come before the text.
  const version = dict.length + 1 + 10 <= 0xffff ? 1 : 2
  const prefix = version === 1 ? 10 : 12
  const headerLength = Math.ceil((prefix + dict.length + 1) / ALIGN) * ALIGN - prefix
  const data = littleEndianBytes(x.dataSync())
  const out = new Uint8Array(prefix + headerLength + data.length)
  out.set(MAGIC)
  out[6] = version
  const view = new DataView(out.buffer)
  if (version === 1) view.setUint16(8, headerLength, true)
  else view.setUint32(8, headerLength, true)
  // Type strings and shapes are ASCII, so the text's length is its byte length.
  out.set(new TextEncoder().encode(dict.padEnd(headerLength - 1, ' ') + '\n'), prefix)
  out.set(data, prefix + headerLength)
  return out
}
