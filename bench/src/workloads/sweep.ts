// Sweep throughput: the same runs on the thread engine with one thread and with one per core (runs per second, the
// speedup, and the process's CPU time per run, which other programs on the machine do not change the way they change
// the wall clock), and the queue engine's overhead per run over the thread engine's, on runs of one step through a
// redis-server of the workload's own and a queue worker in this process.
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sweep, threads } from '@gradstream/sweep'
import type { SweepEngine } from '@gradstream/sweep'
import { queue, queueWorker } from '@gradstream/sweep/queue'
import { lastValueFrom, toArray } from 'rxjs'
import type { Report } from '../report'
import { formatTable } from '../table'
import type { SweepRunConfig } from './sweepRun'

const RUNS = 8
const STEPS = 100
const SAMPLES = 5
// Every thread compiles the run's code for itself (isolates share no JIT code): a thread's first few dozen runs are
// slower and keep the compiler's background threads busy (measured: the sweep's CPU time halved from the first sweep
// after one warm-up sweep to the tenth). So each engine first does this many runs per thread, and the samples compare
// warm threads, as most of a long sweep runs; with one warm-up sweep per engine, two threads had each done half the
// runs of one and spent more CPU time per run for that alone.
const WARM_RUNS_PER_THREAD = 40
const run = fileURLToPath(new URL('./sweepRun.ts', import.meta.url))

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

interface SweepTime {
  /** Wall-clock seconds. */
  readonly wall: number
  /** CPU seconds of the process, every thread counted. */
  readonly cpu: number
}

/** How long the sweep of `configs` takes on `engine`, failing on any run that does not finish. */
async function timeSweep(engine: SweepEngine, configs: readonly SweepRunConfig[], logdir: string): Promise<SweepTime> {
  const startedCpu = process.cpuUsage()
  const started = performance.now()
  const events = await lastValueFrom(sweep({ configs, run, logdir, engine }).pipe(toArray()))
  const wall = (performance.now() - started) / 1000
  const { user, system } = process.cpuUsage(startedCpu)
  const failed = events.find((event) => event.type === 'failed')
  if (failed !== undefined) throw new Error(`sweep workload: a run failed: ${JSON.stringify(failed)}`)
  return { wall, cpu: (user + system) / 1e6 }
}

/**
 * Median times of SAMPLES sweeps of `steps`-step runs on each engine, after `warmUpSweeps[e]` sweeps of engine e
 * (the first starts its threads); the engines take turns, sample by sample, so a change in the machine's load falls
 * on all of them.
 */
async function medianSweeps(
  engines: readonly SweepEngine[],
  warmUpSweeps: readonly number[],
  steps: number,
  root: string,
): Promise<SweepTime[]> {
  // Every sweep runs new configs (new seeds), so no run finds a checkpoint left by an earlier one.
  let sweeps = 0
  const nextSweep = (engine: SweepEngine, e: number) => {
    sweeps += 1
    const configs = Array.from({ length: RUNS }, (_, i) => ({ steps, lr: 0.01, seed: 1000 * sweeps + i }))
    return timeSweep(engine, configs, join(root, `engine${e}-sweep${sweeps}`))
  }
  for (const [e, engine] of engines.entries()) {
    for (let warm = 0; warm < warmUpSweeps[e]!; warm++) await nextSweep(engine, e)
  }
  const times = engines.map((): SweepTime[] => [])
  for (let sample = 0; sample < SAMPLES; sample++) {
    for (const [e, engine] of engines.entries()) times[e]!.push(await nextSweep(engine, e))
  }
  return times.map((list) => ({ wall: median(list.map((t) => t.wall)), cpu: median(list.map((t) => t.cpu)) }))
}

async function throughputRows(root: string): Promise<string[][]> {
  const counts = [...new Set([1, availableParallelism()])]
  const engines = counts.map((concurrency) => threads({ concurrency }))
  try {
    const warmUpSweeps = counts.map((count) => Math.ceil((WARM_RUNS_PER_THREAD * count) / RUNS))
    const times = await medianSweeps(engines, warmUpSweeps, STEPS, join(root, 'throughput'))
    return times.map(({ wall, cpu }, i) => [
      `threads, ${counts[i]}`,
      (RUNS / wall).toFixed(2),
      `${(times[0]!.wall / wall).toFixed(2)}x`,
      ((1000 * cpu) / RUNS).toFixed(1),
      `${(cpu / times[0]!.cpu).toFixed(2)}x`,
    ])
  } finally {
    await Promise.all(engines.map((engine) => engine.close()))
  }
}

/** Milliseconds per one-step run on one thread, directly and through the queue, and their difference. */
async function queueOverhead(root: string): Promise<string[]> {
  const redis = await startRedis(root)
  const direct = threads({ concurrency: 1 })
  const worker = await queueWorker({ connection: redis.url, queueName: 'bench', modules: dirname(run), logdir: root })
  const queued = queue({ connection: redis.url, queueName: 'bench' })
  try {
    const [threadMs, queueMs] = (await medianSweeps([direct, queued], [1, 1], 1, join(root, 'overhead'))).map(
      ({ wall }) => (1000 * wall) / RUNS,
    ) as [number, number]
    return [threadMs.toFixed(1), queueMs.toFixed(1), (queueMs - threadMs).toFixed(1)]
  } finally {
    await Promise.all([direct.close(), queued.close(), worker.close()])
    await redis.stop()
  }
}

export const sweepReport: Report = {
  title: `sweep: ${RUNS} runs of ${STEPS} Adam steps (MLP [8, 32, 32, 1], 256 rows) on worker threads; queue overhead per run`,
  run: async () => {
    const root = mkdtempSync(join(tmpdir(), 'bench-sweep-'))
    try {
      const loadBefore = loadAverage()
      const throughput = await throughputRows(root)
      const loadAfter = loadAverage()
      const overhead = await queueOverhead(root)
      return [
        formatTable(['engine, threads', 'runs/s', 'speedup', 'CPU ms per run', 'CPU per run vs 1'], throughput),
        `medians of ${SAMPLES} sweeps per engine, taking turns, after ${WARM_RUNS_PER_THREAD} warm-up runs per thread;`,
        `CPU: the process's, every thread counted; load average (1, 5, 15 min) ${loadBefore} before, ${loadAfter} after`,
        '',
        formatTable(['ms per 1-step run: threads', 'queue', 'queue overhead'], [overhead]),
        `medians of ${SAMPLES} sweeps per engine, taking turns, after a warm-up`,
      ].join('\n')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')

interface Redis {
  readonly url: string
  stop(): Promise<void>
}

/** A redis-server on a port of its own, without persistence, for the queue engine's measurement. */
async function startRedis(root: string): Promise<Redis> {
  const port = 20_000 + Math.floor(Math.random() * 20_000)
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root]
  const server: ChildProcess = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    server.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Ready to accept connections')) resolve()
    })
    server.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
  })
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.once('exit', () => resolve())
        server.kill('SIGTERM')
      }),
  }
}
