import { mkdir, open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { dirname } from 'node:path'

// Writes of at most this many bytes, cut at line or record ends: one write is one system call on a regular file,
// which a killed process never leaves half done, so a crash loses whole lines at the end, never part of one.
const MAX_WRITE_BYTES = 1 << 20

/**
 * Opens `path` for appending, creating it and its folder if need be; an
 * existing file is continued, never truncated. `endsWithNewline` is false
 * when the file's last line was cut short (by a crash of another writer), so
 * the caller can start on a line of its own.
 */
export async function openForAppend(path: string): Promise<{ handle: FileHandle; endsWithNewline: boolean }> {
  await mkdir(dirname(path), { recursive: true })
  const handle = await open(path, 'a+')
  const { size } = await handle.stat()
  if (size === 0) return { handle, endsWithNewline: true }
  const last = Buffer.alloc(1)
  await handle.read(last, 0, 1, size - 1)
  return { handle, endsWithNewline: last[0] === 0x0a }
}

/** Writes `pieces` (whole lines or whole records) in order, grouped into writes of at most 1 MiB unless a piece is larger. */
export async function appendPieces(handle: FileHandle, pieces: readonly Uint8Array[]): Promise<void> {
  let group: Uint8Array[] = []
  let groupBytes = 0
  for (const piece of pieces) {
    if (groupBytes > 0 && groupBytes + piece.length > MAX_WRITE_BYTES) {
      await writeAll(handle, Buffer.concat(group))
      group = []
      groupBytes = 0
    }
    group.push(piece)
    groupBytes += piece.length
  }
  if (groupBytes > 0) await writeAll(handle, Buffer.concat(group))
}

// UTF-8 takes at most 3 bytes per UTF-16 unit, so a group of this many units stays under MAX_WRITE_BYTES.
const MAX_GROUP_UNITS = Math.floor(MAX_WRITE_BYTES / 3)

/** The lines, each with its newline, as UTF-8 pieces of whole lines: one piece per group of lines under 1 MiB. */
export function encodeLines(lines: readonly string[]): Uint8Array[] {
  const pieces: Uint8Array[] = []
  let group: string[] = []
  let units = 0
  for (const line of lines) {
    if (units > 0 && units + line.length + 1 > MAX_GROUP_UNITS) {
      pieces.push(Buffer.from(group.join(''), 'utf8'))
      group = []
      units = 0
    }
    group.push(`${line}\n`)
    units += line.length + 1
  }
  if (units > 0) pieces.push(Buffer.from(group.join(''), 'utf8'))
  return pieces
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
    offset += bytesWritten
  }
}
