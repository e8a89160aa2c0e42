import { ConfigError } from '@gradstream/core'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { filter, firstValueFrom, lastValueFrom, take, tap, toArray } from 'rxjs'
import { getThreads, setThreads } from '@gradstream/tensor'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runOne } from '../runOne'
import { sweep } from '../sweep'
import type { SweepEvent } from '../sweepEvent'
import type { LinearRunConfig } from '../testing/linearRun'
import { threads } from './threads'
import runInThread from './threadWorker'

const run = fileURLToPath(new URL('../testing/linearRun.ts', import.meta.url))
const kernelThreadsRun = fileURLToPath(new URL('../testing/kernelThreadsRun.ts', import.meta.url))
// One engine for the file: a worker thread takes seconds to start on a loaded machine, a run here milliseconds.
const engine = threads({ concurrency: 2, checkpointEvery: 7 })
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'threads-'))
})
afterAll(async () => {
  await engine.close()
  await rm(dir, { recursive: true, force: true })
})

const stepScalars = (events: readonly SweepEvent<unknown>[], runId: string) =>
  events.filter((e) => e.type === 'step' && e.runId === runId).map((e) => e.type === 'step' && e.scalars)
const logLines = async (runDir: string) =>
  (await readFile(join(runDir, 'log.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .map(({ wall_time: _wallTime, ...rest }) => rest)

describe('threads', () => {
  it('runs each config of a sweep of four as the config alone, bit for bit, and a crashed worker fails its run only', async () => {
    const configs: LinearRunConfig[] = [
      ...[0.05, 0.1, 0.2, 0.3].map((lr) => ({ lr, steps: 30, evalEvery: 10 })),
      { lr: 0.1, steps: 10, exitAtStep: 3 },
    ]
    const events = await lastValueFrom(sweep({ configs, run, logdir: join(dir, 'four'), engine }).pipe(toArray()))
    const ends = events.filter((e) => e.type === 'finished' || e.type === 'failed')
    expect(ends.map((e) => `${e.runId} ${e.type}`).sort()).toEqual([
      'lr=0.05,steps=30,evalEvery=10 finished',
      'lr=0.1,steps=10,exitAtStep=3 failed',
      'lr=0.1,steps=30,evalEvery=10 finished',
      'lr=0.2,steps=30,evalEvery=10 finished',
      'lr=0.3,steps=30,evalEvery=10 finished',
    ])
    const crashed = ends.find((e) => e.type === 'failed')
    expect(crashed?.type === 'failed' && crashed.error.message).toMatch(/^the worker thread crashed: /)

    const job = { runId: 'alone', config: configs[2]!, module: run, runDir: join(dir, 'alone') }
    const alone = await lastValueFrom(runOne(job, { checkpointEvery: 7 }).pipe(toArray()))
    const runId = 'lr=0.2,steps=30,evalEvery=10'
    expect(stepScalars(events, runId)).toEqual(stepScalars(alone, 'alone'))
    expect(await logLines(join(dir, 'four', runId))).toEqual(await logLines(join(dir, 'alone')))
    const stateOf = async (runDir: string) => JSON.parse(await readFile(join(runDir, 'checkpoint.json'), 'utf8')).state
    expect(await stateOf(join(dir, 'four', runId))).toEqual(await stateOf(join(dir, 'alone')))
  })

  it('stops a run through its signal, completing its stream once its log and checkpoint are written', async () => {
    const controller = new AbortController()
    const runDir = join(dir, 'signal')
    const job = { runId: 'signal', config: { lr: 0.1, steps: 1_000_000 }, module: run, runDir }
    const events = await lastValueFrom(
      engine.run(job, { signal: controller.signal }).pipe(
        tap((e) => e.type === 'step' && e.step === 20 && controller.abort()),
        toArray(),
      ),
    )
    const lastStep = events.filter((e) => e.type === 'step').at(-1)!.step
    expect(events.map((e) => e.type)).toEqual(['started', ...Array<string>(lastStep).fill('step')])
    expect(lastStep).toBeLessThan(1_000_000)
    // Completed, so written: the log and the checkpoint end at the last step the run emitted.
    expect((await logLines(runDir)).map((line) => line.step)).toEqual([
      undefined,
      ...Array.from({ length: lastStep }, (_, i) => i + 1),
    ])
    expect(JSON.parse(await readFile(join(runDir, 'checkpoint.json'), 'utf8')).state.step).toBe(lastStep)
  })

  it("runs each run's tensor kernels on its own thread alone unless told kernelThreads", async () => {
    const job = (runId: string) => ({ runId, config: {}, module: kernelThreadsRun, runDir: join(dir, runId) })
    const events = await lastValueFrom(engine.run(job('kernels-default')).pipe(toArray()))
    expect(events.map((e) => (e.type === 'failed' ? e.error.message : e.type))).toEqual([
      'started',
      'kernel threads: 1',
    ])
    // What a worker does with the engine's kernelThreads, on this thread (a new engine's thread takes seconds to start).
    const before = getThreads()
    const { port1, port2 } = new MessageChannel()
    const stop = new Int32Array(new SharedArrayBuffer(4))
    try {
      await runInThread({ job: job('kernels-3'), checkpointEvery: 7, kernelThreads: 3, port: port2, stop })
    } finally {
      setThreads(before)
    }
    const posted: SweepEvent<unknown>[] = []
    for (let batch = receiveMessageOnPort(port1); batch !== undefined; batch = receiveMessageOnPort(port1)) {
      posted.push(...(batch.message as SweepEvent<unknown>[]))
    }
    expect(posted.map((e) => (e.type === 'failed' ? e.error.message : e.type))).toEqual([
      'started',
      'kernel threads: 3',
    ])
  })

  it('refuses a kernelThreads that is not a positive integer', () => {
    expect(() => threads({ kernelThreads: 0 })).toThrow(
      new ConfigError('threads', 'kernelThreads must be an integer >= 1, got 0'),
    )
    expect(() => threads({ kernelThreads: 1.5 })).toThrow(
      new ConfigError('threads', 'kernelThreads must be an integer >= 1, got 1.5'),
    )
  })

  it('refuses a run option it does not know, and a signal that is not an AbortSignal', () => {
    const job = { runId: 'x', config: { lr: 0.1, steps: 1 }, module: run, runDir: join(dir, 'x') }
    expect(() => engine.run(job, { every: 1 } as never)).toThrow(
      new ConfigError('threads', "unknown option 'every'; expected one of signal"),
    )
    expect(() => engine.run(job, { signal: 'stop' } as never)).toThrow(
      new ConfigError('threads', 'signal must be an AbortSignal, got "stop"'),
    )
  })

  it('stops every run promptly on unsubscribe, leaving whole logs and checkpoints at the last step logged', async () => {
    const configs: LinearRunConfig[] = [0.01, 0.02].map((lr) => ({ lr, steps: 1_000_000 }))
    const logdir = join(dir, 'cancel')
    const sweep$ = sweep({ configs, run, logdir, engine })
    // Both runs have taken 20 steps: then cancel (last test: closing ends the engine).
    await firstValueFrom(
      sweep$.pipe(
        filter((e) => e.type === 'step' && e.step === 20),
        take(2),
        toArray(),
      ),
    )
    const started = Date.now()
    await engine.close()
    expect(Date.now() - started).toBeLessThan(5000)
    for (const config of configs) {
      const runDir = join(logdir, `lr=${config.lr},steps=1000000`)
      const lines = await logLines(runDir)
      const lastStep = lines.at(-1)!.step as number
      expect(lastStep).toBeGreaterThanOrEqual(20)
      expect(lastStep).toBeLessThan(1_000_000)
      expect(lines.slice(1).map((line) => line.step)).toEqual(Array.from({ length: lastStep }, (_, i) => i + 1))
      const checkpoint = JSON.parse(await readFile(join(runDir, 'checkpoint.json'), 'utf8'))
      expect(checkpoint.state.step).toBe(lastStep)
    }
  })
})
