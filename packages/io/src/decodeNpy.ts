import { CheckpointError } from '@gradstream/core'
import { MAX_ELEMENTS, tensor, transpose } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { checkBytes } from './checkBytes'
import { ITEM_SIZE, readElements } from './elements'
import { NPY_DESCRS_READ, npyDType } from './npyDTypes'
import { parseNpyHeader, pythonTuple } from './npyHeader'
import type { NpyHeader } from './npyHeader'

const MAGIC = '\x93NUMPY'

/**
 * Reads a .npy file's bytes into a tensor, with the same bits. Format versions 1.0, 2.0 and 3.0 (a UTF-8
 * header) are read; type strings `<f4`, `<f8`, `<i4`, their big-endian forms `>f4`, `>f8`, `>i4`, and
 * `|b1` (bool: any byte other than 0 is true); `fortran_order: True` data is put into C order. The data
 * must be exactly what the shape needs.
 *
 * @throws CheckpointError naming the fault: not a .npy file, another version, a header that is not the
 * dict numpy writes, a type string it does not read (`<i8` and `<f2` among them: cast in numpy first,
 * `a.astype(np.int32)`), a shape too large, or data too short or too long; ConfigError when `bytes` is not
 * a Uint8Array.
 * @example decodeNpy(encodeNpy(tensor([1, 2], undefined, 'int32'))).toArray() // [1, 2]
 */
export function decodeNpy(bytes: Uint8Array): Tensor {
  checkBytes('decodeNpy', bytes)
  return npyTensor('decodeNpy', bytes, '')
}

/** {@link decodeNpy} with `fn` naming the public function in errors, and `where` (`entry "w.npy": `) the array. */
export function npyTensor(fn: string, bytes: Uint8Array, where: string): Tensor {
  const fail = (message: string): never => {
    throw new CheckpointError(fn, `${where}${message}`)
  }
  if (bytes.length < 10 || String.fromCharCode(...bytes.subarray(0, 6)) !== MAGIC) {
    fail('not a .npy file: it does not start with \\x93NUMPY')
  }
  const [major, minor] = [bytes[6]!, bytes[7]!]
  if (![1, 2, 3].includes(major) || minor !== 0) {
    fail(`format version ${major}.${minor} is not one gradstream reads (1.0, 2.0, 3.0)`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length)
  const prefix = major === 1 ? 10 : 12
  if (bytes.length < prefix) fail(`the file is ${bytes.length} bytes, too short for a version ${major}.0 preamble`)
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  if (prefix + headerLength > bytes.length) {
    fail(`the header length is ${headerLength} bytes, but only ${bytes.length - prefix} bytes follow it`)
  }
  const header = parseHeader(fn, bytes.subarray(prefix, prefix + headerLength), major, where)
  const type =
    npyDType(header.descr) ??
    fail(
      `dtype '${header.descr}' is not one gradstream reads (${NPY_DESCRS_READ}); cast it in numpy first, e.g. a.astype(np.int32)`,
    )
  const count = header.shape.reduce((n, dim) => n * dim, 1)
  if (count > MAX_ELEMENTS) {
    fail(`shape ${pythonTuple(header.shape)} has ${count} elements, more than a tensor can hold (${MAX_ELEMENTS})`)
  }
  const needed = count * ITEM_SIZE[type.dtype]
  const found = bytes.length - prefix - headerLength
  if (found !== needed) {
    fail(`shape ${pythonTuple(header.shape)} of ${header.descr} needs ${needed} bytes of data, the file has ${found}`)
  }
  const values = readElements(bytes, prefix + headerLength, count, type.dtype, type.littleEndian)
  if (!header.fortranOrder) return tensor(values, header.shape, type.dtype)
  // Fortran order is C order of the reversed shape; reversing the axes back gives C order.
  return transpose(tensor(values, [...header.shape].reverse(), type.dtype))
}

function parseHeader(fn: string, bytes: Uint8Array, major: number, where: string): NpyHeader {
  // numpy writes versions 1.0 and 2.0 in latin1 (every byte is a character), 3.0 in UTF-8.
  let text: string
  try {
    text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1', { fatal: true }).decode(bytes)
  } catch {
    throw new CheckpointError(fn, `${where}the header is not valid UTF-8`)
  }
  return parseNpyHeader(fn, text, where)
}
