import { ConfigError } from '@gradstream/core'
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { firstValueFrom, tap, toArray } from 'rxjs'
import type { Observable } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runOne } from './runOne'
import type { SweepEvent } from './sweepEvent'

const module = fileURLToPath(new URL('./testing/linearRun.ts', import.meta.url))
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runOne-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const eventsOf = (event$: Observable<SweepEvent<unknown>>) => firstValueFrom(event$.pipe(toArray()))
const logLines = async (runDir: string) =>
  (await readFile(join(runDir, 'log.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
const withoutWallTime = (lines: Record<string, unknown>[]) => lines.map(({ wall_time: _wallTime, ...rest }) => rest)
const finishedOf = (events: SweepEvent<unknown>[]) => events.find((e) => e.type === 'finished')
/** A run of `config` stopped when step 4 ends: its log and checkpoint end at step 4, and it emits no finished. */
const stoppedAfterStep4 = (runDir: string, config: { lr: number; steps: number }) => {
  let stop = false
  const run$ = runOne({ runId: 'r', config, module, runDir }, { checkpointEvery: 4, stopRequested: () => stop })
  return eventsOf(run$.pipe(tap((e) => void (stop ||= e.type === 'step' && e.step === 3))))
}
const checkpointStep = async (runDir: string) =>
  (JSON.parse(await readFile(join(runDir, 'checkpoint.json'), 'utf8')) as { state: { step: number } }).state.step

describe('runOne', () => {
  it('emits started, a step per step, eval where one ran, and finished with the final and best records', async () => {
    const runDir = join(dir, 'a')
    const config = { lr: 0.1, steps: 4, evalEvery: 2 }
    const events = await eventsOf(runOne({ runId: 'a', config, module, runDir }, { checkpointEvery: 3 }))
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'eval', 'step', 'step', 'eval', 'finished'])
    expect(events[0]).toEqual({ type: 'started', runId: 'a', config, attempt: 1 })
    const steps = events.filter((e) => e.type === 'step')
    const evals = events.filter((e) => e.type === 'eval')
    expect(steps[1]).toMatchObject({ step: 2, epoch: 1, scalars: { learning_rate: 0.1 } })
    expect(steps[1]!.scalars['eval/loss']).toBe(evals[0]!.metrics.loss)
    const finished = events.at(-1) as Extract<SweepEvent<unknown>, { type: 'finished' }>
    expect(finished.steps).toBe(4)
    expect(finished.final).toEqual({ step: 4, ...steps[3]!.scalars })
    const bestEval = evals[0]!.metrics.loss! <= evals[1]!.metrics.loss! ? 2 : 4
    expect(finished.best).toEqual({ step: bestEval, ...steps[bestEval - 1]!.scalars })
    // The log: the config as hparams, then one line per step; the checkpoint at the last step, not only at 3.
    const lines = await logLines(runDir)
    expect(lines[0]).toMatchObject({ type: 'hparams', hparams: config })
    expect(lines.slice(1).map((line) => [line.step, line.loss])).toEqual(steps.map((e) => [e.step, e.scalars.loss]))
    expect(await checkpointStep(runDir)).toBe(4)
  })

  it('turns an error of the run into a failed event after the steps done, with the log written', async () => {
    const runDir = join(dir, 'b')
    const events = await eventsOf(runOne({ runId: 'b', config: { lr: 0.1, steps: 5, failAtStep: 3 }, module, runDir }))
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'failed'])
    expect(events.at(-1)).toMatchObject({ type: 'failed', runId: 'b', error: { name: 'TrainStepError' } })
    expect((events.at(-1) as { error: { message: string } }).error.message).toContain('failing at step 3 as asked')
    expect((await logLines(runDir)).map((line) => line.step)).toEqual([undefined, 1, 2])
  })

  it('fails a run whose module has no run function as its default export', async () => {
    const bad = join(dir, 'bad.mjs')
    await writeFile(bad, 'export default 42\n')
    const events = await eventsOf(runOne({ runId: 'c', config: {}, module: bad, runDir: join(dir, 'c') }))
    expect(events).toEqual([
      {
        type: 'failed',
        runId: 'c',
        error: {
          name: 'ConfigError',
          message: `runOne: the run module ${bad} must export a run function as default, got 42`,
        },
      },
    ])
  })

  it('continues from the checkpoint in its directory, as the uninterrupted run', async () => {
    const whole = await eventsOf(
      runOne({ runId: 'w', config: { lr: 0.1, steps: 6 }, module, runDir: join(dir, 'w') }, { checkpointEvery: 4 }),
    )
    const runDir = join(dir, 'r')
    const first = await eventsOf(runOne({ runId: 'r', config: { lr: 0.1, steps: 4 }, module, runDir }))
    expect(first.at(-1)).toMatchObject({ type: 'finished', steps: 4 })
    const second = await eventsOf(runOne({ runId: 'r', config: { lr: 0.1, steps: 6 }, module, runDir }, { attempt: 2 }))
    expect(second[0]).toEqual({
      type: 'started',
      runId: 'r',
      config: { lr: 0.1, steps: 6 },
      attempt: 2,
      resumedFromStep: 4,
    })
    const scalars = (events: SweepEvent<unknown>[]) => events.flatMap((e) => (e.type === 'step' ? [e.scalars] : []))
    expect(scalars(second)).toEqual(scalars(whole).slice(4))
  })

  it('cuts the log back to the checkpoint on resuming, torn line included, leaving the uninterrupted log', async () => {
    const config = { lr: 0.1, steps: 6 }
    const wholeDir = join(dir, 'w')
    const whole = await eventsOf(runOne({ runId: 'r', config, module, runDir: wholeDir }, { checkpointEvery: 4 }))
    const runDir = join(dir, 'r')
    await stoppedAfterStep4(runDir, config)
    expect(await checkpointStep(runDir)).toBe(4)
    // As a process killed after logging steps 5 and 6 past its checkpoint, in the middle of a seventh line.
    const wholeLog = (await readFile(join(wholeDir, 'log.jsonl'), 'utf8')).split('\n')
    await appendFile(join(runDir, 'log.jsonl'), `${wholeLog[5]}\n${wholeLog[6]}\n{"type":"step","step":7,"lo`)
    const resumed = await eventsOf(runOne({ runId: 'r', config, module, runDir }, { checkpointEvery: 4, attempt: 2 }))
    expect(resumed[0]).toMatchObject({ type: 'started', resumedFromStep: 4 })
    const lines = await logLines(runDir)
    expect(lines.filter((line) => line.type === 'hparams')).toHaveLength(1)
    expect(withoutWallTime(lines)).toEqual(withoutWallTime(await logLines(wholeDir)))
    expect(finishedOf(resumed)).toEqual(finishedOf(whole))
    expect(await checkpointStep(runDir)).toBe(6)
  })

  it('reports as best a step before the checkpoint a resumed run started from', async () => {
    // lr = 10 diverges: the first step's loss is the lowest of the run.
    const config = { lr: 10, steps: 6 }
    const whole = await eventsOf(runOne({ runId: 'r', config, module, runDir: join(dir, 'w') }, { checkpointEvery: 4 }))
    const runDir = join(dir, 'r')
    await stoppedAfterStep4(runDir, config)
    const resumed = await eventsOf(runOne({ runId: 'r', config, module, runDir }, { checkpointEvery: 4, attempt: 2 }))
    const finished = finishedOf(resumed) as Extract<SweepEvent<unknown>, { type: 'finished' }>
    expect(finished.best.step).toBe(1)
    expect(finished).toEqual(finishedOf(whole))
  })

  it('stops between two steps when asked, with the log and the checkpoint at the last step done, and no finished', async () => {
    const runDir = join(dir, 's')
    let stop = false
    const run$ = runOne(
      { runId: 's', config: { lr: 0.1, steps: 1000 }, module, runDir },
      { checkpointEvery: 100, stopRequested: () => stop },
    )
    // Asked after step 3's event, seen when step 4 ends: step 4 is the last, logged and checkpointed.
    const events = await eventsOf(
      run$.pipe(
        tap((e) => {
          if (e.type === 'step' && e.step === 3) stop = true
        }),
      ),
    )
    expect(events.map((e) => e.type)).toEqual(['started', 'step', 'step', 'step', 'step'])
    expect((await logLines(runDir)).at(-1)!.step).toBe(4)
    expect(await checkpointStep(runDir)).toBe(4)
  })

  it('does not start a run whose signal is aborted', async () => {
    const events = await eventsOf(
      runOne(
        { runId: 'x', config: { lr: 0.1, steps: 3 }, module, runDir: join(dir, 'x') },
        { signal: AbortSignal.abort() },
      ),
    )
    expect(events).toEqual([])
  })

  it('refuses a job without an absolute module path, and bad options, when called', () => {
    const job = { runId: 'a', config: {}, module: 'run.mjs', runDir: 'runs/a' }
    expect(() => runOne(job)).toThrow(
      new ConfigError('runOne', "job.module must be an absolute path or a URL, got 'run.mjs'"),
    )
    expect(() => runOne({ ...job, module })).not.toThrow()
    expect(() => runOne({ ...job, module }, { checkpointEvery: 0 })).toThrow(ConfigError)
    expect(() => runOne({ ...job, module }, { every: 3 } as never)).toThrow(
      "runOne: unknown option 'every'; expected one of checkpointEvery, signal, stopRequested, attempt",
    )
    expect(() => runOne(null as never)).toThrow(
      'runOne: job must be an object { runId, config, module, runDir }, got null',
    )
  })
})
