import { maskedCrc32c } from './tfRecord'

/** One TFRecord's data and where its frame starts in the bytes read. */
export interface TfRecordFrame {
  readonly offset: number
  readonly data: Uint8Array
}

/** The whole records at the start of some bytes, and how many bytes they take. */
export interface TfRecordFrames {
  readonly records: readonly TfRecordFrame[]
  /** Bytes taken by whole records; what follows is a record not yet whole. */
  readonly consumed: number
  /**
   * Bytes the first record that is not whole needs, counted from `consumed`
   * (12 until its length is known, then 16 + its length); 0 when every byte was consumed or a CRC is wrong.
   */
  readonly needed: number
  /** The first frame whose CRC does not match (its start in the bytes given, and what is wrong); `consumed` stops there. */
  readonly corrupt?: { readonly offset: number; readonly problem: string }
}

const HEADER_BYTES = 12
const FOOTER_BYTES = 4

/**
 * Splits TFRecord frames (a little-endian uint64 length, the masked CRC-32C
 * of those 8 bytes, the data, the masked CRC-32C of the data) off the start
 * of `bytes`, checking both CRCs, as TensorFlow's `RecordReader` does. Stops
 * before a record cut short, which a writer may still be finishing.
 * A frame whose CRC is wrong ends the split: it is returned as `corrupt`,
 * with the records before it.
 * @example splitTfRecords(tfRecord(new Uint8Array(3))).records[0].data.length // 3
 */
export function splitTfRecords(bytes: Uint8Array): TfRecordFrames {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const records: TfRecordFrame[] = []
  let at = 0
  while (at < bytes.length) {
    if (bytes.length - at < HEADER_BYTES) return { records, consumed: at, needed: HEADER_BYTES }
    const lengthCrc = view.getUint32(at + 8, true)
    const expectedLengthCrc = maskedCrc32c(bytes.subarray(at, at + 8))
    if (lengthCrc !== expectedLengthCrc) {
      const problem = `the length's masked CRC-32C is ${hex(expectedLengthCrc)}, the record says ${hex(lengthCrc)}`
      return { records, consumed: at, needed: 0, corrupt: { offset: at, problem } }
    }
    // a length past 2^53 has a valid CRC only if written so; it cannot be whole in any file
    const length = Number(view.getBigUint64(at, true))
    const frame = HEADER_BYTES + length + FOOTER_BYTES
    if (bytes.length - at < frame) return { records, consumed: at, needed: frame }
    const data = bytes.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length)
    const dataCrc = view.getUint32(at + HEADER_BYTES + length, true)
    const expectedDataCrc = maskedCrc32c(data)
    if (dataCrc !== expectedDataCrc) {
      const problem = `the data's masked CRC-32C is ${hex(expectedDataCrc)}, the record says ${hex(dataCrc)}`
      return { records, consumed: at, needed: 0, corrupt: { offset: at, problem } }
    }
    records.push({ offset: at, data })
    at += frame
  }
  return { records, consumed: at, needed: 0 }
}

const hex = (crc: number) => `0x${crc.toString(16).padStart(8, '0')}`
