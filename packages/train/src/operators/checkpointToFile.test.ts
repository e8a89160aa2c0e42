import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { adam } from '@gradstream/optimizers'
import { CheckpointError, ConfigError } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { lastValueFrom } from 'rxjs'
import { afterAll, describe, expect, it } from 'vitest'
import { parseCheckpoint } from '../checkpoint/format'
import type { CheckpointDocument } from '../checkpoint/format'
import { resume } from '../checkpoint/resume'
import { linearAdamRun } from '../testing/linearAdamRun'
import { linearProblem } from '../testing/linearProblem'
import { checkpoint } from './checkpoint'
import { checkpointToFile } from './checkpointToFile'

const directory = mkdtempSync(join(tmpdir(), 'gradstream-checkpoint-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

const { params } = linearProblem()
const STEPS = 20
// Yielding to the event loop at every step lets writes settle while the run goes on, as in a long run.
const run = () => linearAdamRun(STEPS, { batching: { yieldEverySteps: 1 } })

/** Deterministic latencies of 0 to 3 ms (a Lehmer generator), one sequence per run. */
function latencies(seed: number): () => number {
  let state = seed
  return () => (state = (state * 48271) % 2147483647) % 4
}

describe('checkpointToFile', () => {
  it('validates its arguments when called', () => {
    expect(() => checkpointToFile('', { everySteps: 1 })).toThrow(
      new ConfigError('checkpointToFile', 'path must be a non-empty string, got ""'),
    )
    expect(() => checkpointToFile(5 as never, { everySteps: 1 })).toThrow(
      new ConfigError('checkpointToFile', 'path must be a non-empty string, got 5'),
    )
    expect(() => checkpointToFile('run.json', { everySteps: 1, atomic: true } as never)).toThrow(
      new ConfigError('checkpointToFile', "unknown option 'atomic'; expected one of everySteps, hparams"),
    )
  })

  it('leaves the last step in the file, which resumes, over 50 runs', async () => {
    for (let i = 0; i < 50; i++) {
      const path = join(directory, `run${i}.json`)
      const last = await lastValueFrom(run().pipe(checkpointToFile(path, { everySteps: 1 })))
      const state = resume(readFileSync(path, 'utf8'), { params, optimizer: adam, learningRate: 0.01 })
      expect(state.step).toBe(STEPS)
      expect(state.params.w.toArray()).toEqual(last.params.w.toArray())
    }
  })

  it('leaves the last step with a writer of random latency over 50 runs, even a non-atomic one', async () => {
    for (let i = 0; i < 50; i++) {
      const path = join(directory, `random${i}.json`)
      const latency = latencies(i + 1)
      const write = async (text: string) => {
        await new Promise((resolve) => setTimeout(resolve, latency()))
        await writeFile(path, text)
      }
      const last = await lastValueFrom(run().pipe(checkpoint(write, { everySteps: 1 })))
      const state = resume(readFileSync(path, 'utf8'), { params, optimizer: adam, learningRate: 0.01 })
      expect(state.step).toBe(STEPS)
      expect(state.params.w.toArray()).toEqual(last.params.w.toArray())
    }
  })

  it('ends the run with a CheckpointError naming the step when the file cannot be written', async () => {
    const path = join(directory, 'missing', 'run.json') // no such directory
    const error: unknown = await lastValueFrom(run().pipe(checkpointToFile(path, { everySteps: 5 }))).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(CheckpointError)
    expect((error as Error).message).toMatch(/^checkpointToFile: writing the checkpoint of step 5 failed: ENOENT/)
    expect((error as Error).cause).toMatchObject({ code: 'ENOENT' })
  })

  it('leaves a whole checkpoint when the process is killed in the middle of writes', async () => {
    // Three writers at once, each killed at its own moment of its stream of 1 MB writes (a plain writeFile
    // leaves a truncated file in most such runs).
    await Promise.all([0, 7, 13].map((delay, i) => killWhileWriting(join(directory, `killed${i}.json`), delay)))
  })
})

/** Starts a process writing a checkpoint to `path` at every step, kills it `delayMs` after step 3, and checks the file. */
async function killWhileWriting(path: string, delayMs: number): Promise<void> {
  const child = fileURLToPath(new URL('../testing/writeCheckpointsUntilKilled.ts', import.meta.url))
  const writer = spawn(process.execPath, ['--import', 'tsx', '--conditions=@gradstream/source', child, path], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: 'ignore',
  })
  await waitForStep(path, 3)
  await new Promise((resolve) => setTimeout(resolve, delayMs))
  writer.kill('SIGKILL')
  await new Promise((resolve) => writer.once('exit', resolve))
  // Whole and of one step: parsing checks the checksum, and every value is the step's own.
  const { step, params: stored } = parseCheckpoint<{ w: Tensor }, object>(readFileSync(path, 'utf8'))
  expect(step).toBeGreaterThanOrEqual(3)
  expect(stored.w.dataSync().every((v) => v === step)).toBe(true)
}

/** Resolves once the checkpoint file at `path` holds step `step` or later. */
async function waitForStep(path: string, step: number): Promise<void> {
  for (;;) {
    const text = readFileSync(path, { encoding: 'utf8', flag: 'a+' }) // '' until the first write
    // The step alone: the whole parse, run every 20 ms, would slow the writer down.
    if (text !== '' && (JSON.parse(text) as CheckpointDocument).state.step >= step) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
