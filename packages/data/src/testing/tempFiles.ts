import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'

/** A folder of its own for the calling test file, removed after its tests; returns a writer of files in it. */
export function tempFolder(): { readonly folder: string; readonly write: (name: string, text: string) => string } {
  const folder = mkdtempSync(join(tmpdir(), 'gradstream-data-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))
  return {
    folder,
    write: (name, text) => {
      const path = join(folder, name)
      writeFileSync(path, text)
      return path
    },
  }
}

/** The error `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }
  throw new Error('the promise resolved')
}
