import { CheckpointError } from '@gradstream/core'

// fflate unpacks a zip without checking each entry's CRC-32, so a flipped bit in a stored entry would
// come back as a wrong number. The central directory keeps every entry's CRC; it is read here and
// checked against the unpacked bytes (as Python's zipfile does), so such a file is refused instead.

const END_OF_DIRECTORY = 0x06054b50
const ZIP64_LOCATOR = 0x07064b50
const ZIP64_END_OF_DIRECTORY = 0x06064b50
const DIRECTORY_ENTRY = 0x02014b50

/** Throws a CheckpointError unless each unpacked entry's CRC-32 is the one the central directory records. */
export function checkZipChecksums(
  fn: string,
  archive: Uint8Array,
  entries: Readonly<Record<string, Uint8Array>>,
): void {
  const recorded = directoryChecksums(fn, archive)
  for (const [name, content] of Object.entries(entries)) {
    const expected = recorded.get(name)
    const actual = crc32(content)
    if (expected !== actual) {
      throw new CheckpointError(
        fn,
        `entry ${JSON.stringify(name)} is corrupted: its CRC-32 is ${hex(actual)}, the archive records ${expected === undefined ? 'none' : hex(expected)}`,
      )
    }
  }
}

/** Each entry's name and recorded CRC-32, from the central directory. */
function directoryChecksums(fn: string, archive: Uint8Array): Map<string, number> {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.length)
  const u32 = (at: number) => (at + 4 <= archive.length ? view.getUint32(at, true) : fail(fn))
  const u16 = (at: number) => (at + 2 <= archive.length ? view.getUint16(at, true) : fail(fn))
  // The end record is 22 bytes plus a comment of at most 65535.
  let end = archive.length - 22
  while (end >= 0 && end >= archive.length - 22 - 0xffff && u32(end) !== END_OF_DIRECTORY) end--
  if (end < 0 || u32(end) !== END_OF_DIRECTORY) return fail(fn)
  let count = u16(end + 10)
  let at = u32(end + 16)
  if (at === 0xffffffff || count === 0xffff) {
    if (u32(end - 20) !== ZIP64_LOCATOR) return fail(fn)
    const zip64End = Number(view.getBigUint64(end - 12, true))
    if (u32(zip64End) !== ZIP64_END_OF_DIRECTORY || zip64End + 56 > archive.length) return fail(fn)
    count = Number(view.getBigUint64(zip64End + 32, true))
    at = Number(view.getBigUint64(zip64End + 48, true))
  }
  const checksums = new Map<string, number>()
  for (let i = 0; i < count; i++) {
    if (u32(at) !== DIRECTORY_ENTRY) return fail(fn)
    const nameLength = u16(at + 28)
    if (at + 46 + nameLength > archive.length) return fail(fn)
    // fflate decodes names the same way: UTF-8 (flag bit 11) or, for ASCII names, either.
    checksums.set(new TextDecoder().decode(archive.subarray(at + 46, at + 46 + nameLength)), u32(at + 16))
    at += 46 + nameLength + u16(at + 30) + u16(at + 32)
  }
  return checksums
}

function fail(fn: string): never {
  throw new CheckpointError(fn, 'not a valid zip archive (its central directory cannot be read)')
}

const hex = (x: number) => `0x${x.toString(16).padStart(8, '0')}`

/** The CRC-32 of zip (and PNG, gzip): reflected polynomial 0xedb88320. */
const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
