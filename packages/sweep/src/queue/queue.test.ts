// The queue engine against a real redis-server on loopback (started by the test, skipped without one) and two
// `gradstream-worker` processes run from source with tsx, as a user's workers on two machines would be.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { filter, firstValueFrom, lastValueFrom, take, tap, toArray } from 'rxjs'
import type { Observable } from 'rxjs'
import { Queue } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runOne } from '../runOne'
import { sweep } from '../sweep'
import type { RunJob } from '../runJob'
import type { SweepEngine } from '../sweepEngine'
import type { SweepEvent } from '../sweepEvent'
import { queue } from './queueEngine'
import { jobIdOf } from './queueJob'
import { hasRedisServer, startRedisServer } from './testing/redisServer'
import type { RedisServer } from './testing/redisServer'
import type { SlowLinearRunConfig } from './testing/slowLinearRun'

const here = fileURLToPath(new URL('.', import.meta.url))
const modules = join(here, 'testing')
const module = join(modules, 'slowLinearRun.ts')
const QUEUE = 'queue-test'
const CHECKPOINT_EVERY = 10

type Event = SweepEvent<SlowLinearRunConfig>

let redis: RedisServer
let logdir: string
let engine: SweepEngine
const workers: Worker[] = []

interface Worker {
  readonly process: ChildProcess
  readonly lines: string[]
}

/** A worker process; resolves once it says it takes runs. */
function startWorker(): Promise<Worker> {
  const args = [
    '--import',
    'tsx',
    '--conditions=@gradstream/source',
    join(here, 'workerCli.ts'),
    ...['--redis', redis.url, '--queue', QUEUE, '--modules', modules, '--logdir', logdir],
    ...['--checkpoint-every', String(CHECKPOINT_EVERY), '--stall-timeout', '1000'],
  ]
  const child = spawn(process.execPath, args, { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] })
  const worker = { process: child, lines: [] as string[] }
  workers.push(worker)
  return new Promise((resolve, reject) => {
    let rest = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString()
      const lines = text.split('\n')
      rest = lines.pop()!
      worker.lines.push(...lines)
      if (lines.some((line) => line.includes('taking runs from queue'))) resolve(worker)
    })
    child.once('exit', (code) => reject(new Error(`the worker exited with ${code}: ${worker.lines.join('\n')}`)))
  })
}

function job(runId: string, config: Partial<SlowLinearRunConfig> = {}): RunJob<SlowLinearRunConfig> {
  return { runId, config: { lr: 0.2, steps: 30, stepMs: 10, ...config }, module, runDir: join(logdir, runId) }
}

/** The same run alone, in this process, with no delay: the numbers every queued run must reproduce. */
async function alone(runId: string, config: Partial<SlowLinearRunConfig> = {}): Promise<Event> {
  const solo = { ...job(runId, { ...config, stepMs: 0 }), runDir: mkdtempSync(join(logdir, 'alone-')) }
  const events = await lastValueFrom(runOne(solo, { checkpointEvery: CHECKPOINT_EVERY }).pipe(toArray()))
  return events.at(-1)!
}

/** The step records of a run's log.jsonl (the hparams line left out). */
const stepLines = (runId: string): { step: number }[] =>
  readFileSync(join(logdir, runId, 'log.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type?: string; step: number })
    .filter((record) => record.type !== 'hparams')

const eventsOf = (run$: Observable<Event>) => lastValueFrom(run$.pipe(toArray()))
const workerOf = (runId: string) => workers.findIndex((w) => w.lines.some((l) => l.includes(`${runId}: started`)))

if (!hasRedisServer) {
  console.warn('queue.test.ts: redis-server is not installed (Debian package redis-server); skipping')
}

// Each test ends in seconds on a quiet machine; the timeouts leave room for a loaded one, and stop a hung test
// well before the suite's two minutes. Starting the workers (tsx compiling their imports) is the longest part.
describe.skipIf(!hasRedisServer)('queue engine with redis-server and two worker processes', { timeout: 30_000 }, () => {
  beforeAll(async () => {
    redis = await startRedisServer()
    logdir = mkdtempSync(join(tmpdir(), 'queue-runs-'))
    await Promise.all([startWorker(), startWorker()])
    engine = queue({ connection: redis.url, queueName: QUEUE })
  }, 60_000)

  afterAll(async () => {
    await engine?.close()
    await Promise.all(
      workers.map(({ process: child }) =>
        child.exitCode === null && child.signalCode === null
          ? new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))
          : undefined,
      ),
    )
    await redis?.stop()
    rmSync(logdir, { recursive: true, force: true })
  })

  it('spreads the runs over both workers, each run the same numbers as alone', async () => {
    const runIds = ['lr=0.1', 'lr=0.2', 'lr=0.3', 'lr=0.4']
    const runs = runIds.map((runId, i) => eventsOf(engine.run(job(runId, { lr: 0.1 * (i + 1) }))))
    const results = await Promise.all(runs)
    for (const [i, events] of results.entries()) {
      expect(events.map((e) => e.type)).toEqual(['started', ...Array<string>(30).fill('step'), 'finished'])
      expect(events.at(-1)).toEqual(await alone(runIds[i]!, { lr: 0.1 * (i + 1) }))
      expect(stepLines(runIds[i]!)).toHaveLength(30)
    }
    expect(new Set(runIds.map(workerOf))).toEqual(new Set([0, 1]))
  })

  it('runs a sweep: one directory per run under its log directory, every run finished', async () => {
    const configs = [0.1, 0.3].map((lr) => ({ lr, steps: 20, stepMs: 5 }))
    const events = await eventsOf(sweep({ configs, run: module, logdir: join(logdir, 'sweep'), engine }))
    const finished = events.filter((e) => e.type === 'finished')
    expect(finished.map((e) => e.runId).sort()).toEqual(readdirSync(join(logdir, 'sweep')).sort())
    expect(finished.map((e) => e.type === 'finished' && e.steps)).toEqual([20, 20])
  })

  it('joins its jobs when a sweep is run again: a finished run is not run again', async () => {
    expect(await eventsOf(engine.run(job('lr=0.2', { lr: 0.2 })))).toEqual([await alone('lr=0.2', { lr: 0.2 })])
    expect(workers.flatMap(({ lines }) => lines.filter((line) => line.includes('lr=0.2: started')))).toHaveLength(1)
  })

  it('ends a failing run with its failed event, not retried until the sweep runs again', async () => {
    const first = await eventsOf(engine.run(job('failing', { failAtStep: 3 })))
    // (the steps before the failure are held back by the module's delay, and the failure overtakes them)
    expect(first.map((e) => e.type)).toEqual(['started', 'failed'])
    expect(first.at(-1)).toEqual({
      type: 'failed',
      runId: 'failing',
      error: { name: 'TrainStepError', message: 'train: step 3 failed: failing at step 3 as asked' },
    })
    expect(await eventsOf(engine.run(job('failing', { failAtStep: 3 })))).toEqual(first)
    expect(
      workers.flatMap(({ lines }) =>
        lines.filter((line) => line === 'gradstream-worker: failing: started (attempt 1)'),
      ),
    ).toHaveLength(2)
  })

  it("fails a run whose module is not under the workers' --modules, without importing it", async () => {
    const outside = fileURLToPath(new URL('../testing/linearRun.ts', import.meta.url))
    const events = await eventsOf(engine.run({ ...job('outside'), module: outside }))
    expect(events).toEqual([
      {
        type: 'failed',
        runId: 'outside',
        error: {
          name: 'ConfigError',
          message: `gradstream-worker: the run module ${outside} is not under the modules directory ${modules}`,
        },
      },
    ])
  })

  it('completes runs across a Redis restart that keeps its data', async () => {
    const runs = ['kept-a', 'kept-b'].map((runId) => engine.run(job(runId, { steps: 60 })))
    const restarted = runs[0]!.pipe(
      tap((e) => e.type === 'step' && e.step === 10 && void redis.restart({ keepData: true })),
    )
    const [a, b] = await Promise.all([eventsOf(restarted), eventsOf(runs[1]!)])
    const reference = await alone('kept-a', { steps: 60 })
    expect(a!.at(-1)).toEqual(reference)
    expect(b!.at(-1)).toEqual({ ...reference, runId: 'kept-b' })
  })

  it('fails the runs whose jobs a Redis restart without persistence lost, saying so', async () => {
    const run$ = engine.run(job('lost', { steps: 100 }))
    const events = await eventsOf(
      run$.pipe(tap((e) => e.type === 'step' && e.step === 10 && void redis.restart({ keepData: false }))),
    )
    expect(events.at(-1)).toEqual({
      type: 'failed',
      runId: 'lost',
      error: {
        name: 'GradstreamError',
        message:
          "queue: the job of run 'lost' is no longer in Redis (restarted without persistence?); its directory " +
          'keeps what was logged and checkpointed, and running the sweep again resumes it',
      },
    })
  })

  it('cancels a run on unsubscribe: its worker stops it, leaving its log and checkpoint whole', async () => {
    const events = await firstValueFrom(
      engine.run(job('cancelled', { steps: 200 })).pipe(
        filter((e) => e.type === 'step' && e.step >= 15),
        take(1),
      ),
    )
    expect(events).toMatchObject({ type: 'step', step: 15 })
    await engine.close() // waits until the worker says the run has stopped
    engine = queue({ connection: redis.url, queueName: QUEUE })
    const worker = workers[workerOf('cancelled')]!
    expect(worker.lines).toContain('gradstream-worker: cancelled: stopped: cancelled by the sweep')
    const log = stepLines('cancelled')
    const checkpoint = JSON.parse(readFileSync(join(logdir, 'cancelled', 'checkpoint.json'), 'utf8'))
    expect(log.length).toBeLessThan(200)
    expect(log.at(-1)!.step).toBe(checkpoint.state.step)
  })

  it('retries the run of a killed worker from its last checkpoint, to the numbers of an uninterrupted run', async () => {
    const run$ = engine.run(job('killed', { steps: 60, stepMs: 20 }))
    const killAt = run$.pipe(
      tap((e) => e.type === 'step' && e.step === 25 && workers[workerOf('killed')]!.process.kill('SIGKILL')),
    )
    const events = await eventsOf(killAt)
    const starts = events.filter((e) => e.type === 'started')
    expect(starts).toEqual([
      expect.objectContaining({ attempt: 1 }),
      expect.objectContaining({ attempt: 2, resumedFromStep: 20 }),
    ])
    expect(events.at(-1)).toEqual(await alone('killed', { steps: 60 }))
    // the retry cut the log back to its checkpoint before going on: every step once, in order, as a run alone
    const logged = stepLines('killed').map(({ step }) => step)
    expect(logged).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
  })

  it('gives the job of a worker stopped by SIGTERM back to the queue, once its files are whole', async () => {
    const worker = workers.find(({ process: child }) => child.exitCode === null && child.signalCode === null)!
    const exited = new Promise((resolve) => worker.process.once('exit', resolve))
    const subscription = engine
      .run(job('stopped', { steps: 200 }))
      .subscribe((e) => e.type === 'step' && e.step === 15 && worker.process.kill('SIGTERM'))
    expect(await exited).toBe(0)
    expect(worker.lines).toContain('gradstream-worker: stopped: stopped: the worker is closing')
    const jobs = new Queue(QUEUE, { connection: { url: redis.url } })
    expect(await jobs.getJobState(jobIdOf({ ...job('stopped'), runDir: join(logdir, 'stopped') }))).toBe('waiting')
    await jobs.close()
    const checkpoint = JSON.parse(readFileSync(join(logdir, 'stopped', 'checkpoint.json'), 'utf8'))
    expect(stepLines('stopped').at(-1)!.step).toBe(checkpoint.state.step)
    subscription.unsubscribe()
  })
})
