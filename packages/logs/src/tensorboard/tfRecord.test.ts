import { crc32c } from '@aws-crypto/crc32c'
import { describe, expect, it } from 'vitest'
import { maskedCrc32c, tfRecord } from './tfRecord'

describe('maskedCrc32c', () => {
  it('masks the CRC-32C (Castagnoli) of the data', () => {
    // the standard check value of CRC-32C over the nine ASCII digits
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283)
    // the length CRC of a 24-byte record: bytes 8..11 of every TensorFlow events file, a3 7f 4b 22 in little-endian
    expect(maskedCrc32c(new Uint8Array([24, 0, 0, 0, 0, 0, 0, 0]))).toBe(0x224b7fa3)
  })
})

describe('tfRecord', () => {
  it('frames data as length, masked length CRC, data, masked data CRC, all little-endian', () => {
    const data = new Uint8Array([1, 2, 3])
    const record = tfRecord(data)
    const view = new DataView(record.buffer)
    expect(record).toHaveLength(19)
    expect(view.getBigUint64(0, true)).toBe(3n)
    expect(view.getUint32(8, true)).toBe(maskedCrc32c(record.subarray(0, 8)))
    expect([...record.subarray(12, 15)]).toEqual([1, 2, 3])
    const crc = crc32c(data)
    expect(view.getUint32(15, true)).toBe((((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0)
  })
})
