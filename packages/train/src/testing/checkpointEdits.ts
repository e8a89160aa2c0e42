import { CheckpointError } from '@gradstream/core'
import { expect } from 'vitest'
import { checksum } from '../checkpoint/checksum'
import { resume } from '../checkpoint/resume'

/** The checkpoint with its stored (encoded) state edited and the checksum recomputed, as a deliberate edit would. */
export function editedCheckpoint<S>(checkpointText: string, edit: (state: S) => void): string {
  const document = JSON.parse(checkpointText) as { state: S; checksum: string }
  edit(document.state)
  document.checksum = checksum(JSON.stringify(document.state))
  return JSON.stringify(document)
}

/** Asserts that resuming `run` from `checkpointText` throws a CheckpointError saying `resume: <message>`. */
export function expectResumeRefused(checkpointText: string, message: string, run: Parameters<typeof resume>[1]): void {
  let thrown: unknown
  try {
    resume(checkpointText, run)
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(CheckpointError)
  expect((thrown as Error).message).toBe(`resume: ${message}`)
}
