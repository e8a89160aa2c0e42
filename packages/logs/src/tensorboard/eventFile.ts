import { mkdir, open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'

/**
 * The name TF1's `FileWriter` gives an events file:
 * `events.out.tfevents.<seconds since the epoch, 10 digits>.<host name>`.
 * @example eventFileName(1764771000.5, 'box') // 'events.out.tfevents.1764771000.box'
 */
export function eventFileName(startTimeSecs: number, host = hostname()): string {
  return `events.out.tfevents.${String(Math.floor(startTimeSecs)).padStart(10, '0')}.${host}`
}

/**
 * Creates a new events file in `logdir` (and the folder, if need be). An
 * existing file is never opened: a second run started in the same second on
 * the same host gets the name with `.1`, `.2`, ... after it, which
 * TensorBoard reads like any name holding `tfevents`.
 */
export async function createEventFile(logdir: string, startTimeSecs: number): Promise<FileHandle> {
  await mkdir(logdir, { recursive: true })
  const name = eventFileName(startTimeSecs)
  for (let copy = 0; ; copy++) {
    try {
      return await open(join(logdir, copy === 0 ? name : `${name}.${copy}`), 'wx')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
}
