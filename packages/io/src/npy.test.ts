import { CheckpointError, ConfigError, DTypeError } from '@gradstream/core'
import { range, reshape, scalar, tensor, zeros } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { decodeNpy, encodeNpy } from './index'
import { float32Bytes, npyFile } from './testing/rawFiles'

const bytesOf = (t: Tensor) => new Uint8Array(t.dataSync().buffer)
const text = (bytes: Uint8Array, from: number, to: number) => new TextDecoder().decode(bytes.subarray(from, to))
const fail = (bytes: Uint8Array, message: string) =>
  expect(() => decodeNpy(bytes)).toThrow(new CheckpointError('decodeNpy', message))

describe('encodeNpy', () => {
  it("writes numpy's magic, version 1.0, the header dict padded to 64 bytes with a newline, then the data", () => {
    const bytes = encodeNpy(tensor([[1, 2, 3]]))
    expect([...bytes.subarray(0, 8)]).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0])
    expect(new DataView(bytes.buffer).getUint16(8, true)).toBe(118)
    const dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 3), }"
    expect(text(bytes, 10, 128)).toBe(dict.padEnd(117, ' ') + '\n')
    expect([...bytes.subarray(128)]).toEqual([...float32Bytes([1, 2, 3])])
  })

  it('writes the type string of each dtype and the shape as a Python tuple', () => {
    const header = (t: Tensor) => text(encodeNpy(t), 10, 70)
    expect(header(scalar(1, 'float64'))).toMatch(/^\{'descr': '<f8', 'fortran_order': False, 'shape': \(\), \}/)
    expect(header(tensor([1], [1], 'int32'))).toMatch(/'descr': '<i4', .* 'shape': \(1,\), \}/)
    expect(header(tensor([true]))).toMatch(/'descr': '\|b1'/)
  })

  it('refuses what is not a tensor', () => {
    expect(() => encodeNpy([1] as unknown as Tensor)).toThrow(
      new DTypeError('encodeNpy', "argument 'x' must be a Tensor, got an array"),
    )
  })
})

describe('decodeNpy', () => {
  it('reads back every dtype, scalars and empty tensors with the same bits', () => {
    const cases = [
      tensor(new Float32Array([NaN, -0, -Infinity, 1e-45, 0.1]), [5]),
      tensor(new Float64Array([NaN, -0, 5e-324, 0.1]), [2, 2]),
      tensor([-(2 ** 31), 7], [2], 'int32'),
      tensor([[true], [false]]),
      scalar(3),
      zeros([2, 0, 3], 'int32'),
    ]
    for (const t of cases) {
      const back = decodeNpy(encodeNpy(t))
      expect(back).toEqual(t)
      expect(bytesOf(back)).toEqual(bytesOf(t))
    }
  })

  it('reads big-endian data and turns a true byte other than 1 into true', () => {
    const big = npyFile("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }", float32Bytes([1.5, -2], false))
    expect(decodeNpy(big)).toEqual(tensor([1.5, -2]))
    const bools = npyFile("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", new Uint8Array([0, 1, 7]))
    expect(decodeNpy(bools).toFlatArray()).toEqual([0, 1, 1])
  })

  it('puts Fortran-order data into C order', () => {
    // [[0, 1, 2], [3, 4, 5]] in column-major order
    const fortran = npyFile(
      "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
      float32Bytes([0, 3, 1, 4, 2, 5]),
    )
    expect(decodeNpy(fortran)).toEqual(reshape(range(0, 6), [2, 3]))
  })

  it('reads versions 2.0 and 3.0, and headers in any key order, with double quotes and without the trailing comma', () => {
    const data = float32Bytes([1, 2])
    expect(decodeNpy(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data, 2))).toEqual(
      tensor([1, 2]),
    )
    expect(decodeNpy(npyFile("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", data, 3))).toEqual(
      tensor([1, 2]),
    )
    expect(decodeNpy(npyFile('{"shape": (1, 2), "fortran_order": False, "descr": "<f4"}', data))).toEqual(
      tensor([[1, 2]]),
    )
  })
})

describe('decodeNpy refuses a malformed file with a named error', () => {
  const data = float32Bytes([1, 2])
  const dict = (descr: string, shape: string, fortran = 'False') =>
    `{'descr': '${descr}', 'fortran_order': ${fortran}, 'shape': ${shape}, }`

  it('that is not a .npy file or of another version', () => {
    fail(new TextEncoder().encode('PK\x03\x04 not numpy'), 'not a .npy file: it does not start with \\x93NUMPY')
    fail(npyFile(dict('<f4', '(2,)'), data, 4), 'format version 4.0 is not one gradstream reads (1.0, 2.0, 3.0)')
    const short = npyFile(dict('<f4', '(2,)'), data).subarray(0, 40)
    fail(short, 'the header length is 118 bytes, but only 30 bytes follow it')
  })

  it('whose header is not the dict numpy writes', () => {
    const bad = (header: string, message: string) =>
      fail(npyFile(header, data), `the header is not one numpy writes: ${message}`)
    bad("['descr', '<f4']", "expected '{' at character 0, got \"['descr', \"")
    bad(
      "{'descr': '<f4', 'fortran_order': No, 'shape': (2,), }",
      'expected True or False at character 34, got "No, \'shape"',
    )
    bad(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2), }",
      'a one-dimension shape needs a trailing comma, (2,)',
    )
    bad(
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }",
      'expected a dimension at character 54, got "-1), }    "',
    )
    bad(
      "{'descr': '<f4', 'shape': (2,), }",
      'the header must have the keys descr, fortran_order and shape, got descr, shape',
    )
    bad("{'descr': '<f4', 'descr': '<f4', }", "the key 'descr' appears twice")
    bad("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), } x", 'unexpected text after the dict at character 57')
    bad(
      "{'descr': '<f4\\n', 'fortran_order': False, 'shape': (2,), }",
      'escapes in strings are not read, got "<f4\\\\n"',
    )
  })

  it('whose type string gradstream does not read', () => {
    fail(
      npyFile(dict('<i8', '(1,)'), new Uint8Array(8)),
      "dtype '<i8' is not one gradstream reads (<f4, <f8, <i4, >f4, >f8, >i4, |b1); cast it in numpy first, e.g. a.astype(np.int32)",
    )
  })

  it('whose data is shorter or longer than the shape needs', () => {
    fail(npyFile(dict('<f4', '(3,)'), data), 'shape (3,) of <f4 needs 12 bytes of data, the file has 8')
    fail(npyFile(dict('<f4', '(1,)'), data), 'shape (1,) of <f4 needs 4 bytes of data, the file has 8')
    fail(
      npyFile(dict('<f4', '(65536, 65536)'), data),
      'shape (65536, 65536) has 4294967296 elements, more than a tensor can hold (2147483647)',
    )
  })

  it('that is not a Uint8Array', () => {
    expect(() => decodeNpy(null as unknown as Uint8Array)).toThrow(
      new ConfigError('decodeNpy', 'bytes must be a Uint8Array, got null'),
    )
  })
})
