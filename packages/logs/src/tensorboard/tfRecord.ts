import { crc32c } from './crc32c'

// TFRecord's mask (tensorflow/core/lib/hash/crc32c.h): a CRC of data that holds CRCs is masked, rotated right
// by 15 bits and offset, so it does not look like the CRC of that data itself.
const MASK_DELTA = 0xa282ead8

/**
 * The masked CRC-32C TFRecord stores: `((crc >>> 15) | (crc << 17)) + 0xa282ead8` (mod 2³²).
 * @example maskedCrc32c(new Uint8Array([24, 0, 0, 0, 0, 0, 0, 0])).toString(16) // '224b7fa3'
 */
export function maskedCrc32c(data: Uint8Array): number {
  const crc = crc32c(data)
  return (((crc >>> 15) | (crc << 17)) + MASK_DELTA) >>> 0
}

/**
 * One TFRecord around `data`: its length as a little-endian uint64, the
 * masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data
 * (each CRC a little-endian uint32), as TensorFlow's `RecordWriter` frames
 * every event of an events file.
 * @example tfRecord(new Uint8Array(24)).length // 40
 */
export function tfRecord(data: Uint8Array): Uint8Array {
  const record = new Uint8Array(data.length + 16)
  const view = new DataView(record.buffer)
  view.setBigUint64(0, BigInt(data.length), true)
  view.setUint32(8, maskedCrc32c(record.subarray(0, 8)), true)
  record.set(data, 12)
  view.setUint32(12 + data.length, maskedCrc32c(data), true)
  return record
}
