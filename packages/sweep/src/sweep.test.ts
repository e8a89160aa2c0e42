import { ConfigError } from '@gradstream/core'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { filter, firstValueFrom, lastValueFrom, take, toArray } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { inProcess } from './engines/inProcess'
import { successiveHalving } from './pruning/successiveHalving'
import { sweep } from './sweep'
import type { SweepEvent } from './sweepEvent'

const run = fileURLToPath(new URL('./testing/linearRun.ts', import.meta.url))
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sweep-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const endsOf = (events: readonly SweepEvent<unknown>[]) =>
  events.filter((e) => !['step', 'eval'].includes(e.type)).map((e) => `${e.type} ${e.runId}`)

describe('sweep', () => {
  it('runs every config in its own directory, named from the config, and a failed run does not stop the others', async () => {
    const configs = [
      { lr: 0.1, steps: 3 },
      { lr: 0.2, steps: 3, failAtStep: 2 },
      { lr: 0.1, steps: 3 },
    ]
    const logdir = join(dir, 'runs')
    const events = await lastValueFrom(
      sweep({ configs, run, logdir, engine: inProcess({ concurrency: 1 }) }).pipe(toArray()),
    )
    expect(endsOf(events)).toEqual([
      'started lr=0.1,steps=3',
      'finished lr=0.1,steps=3',
      'started lr=0.2,steps=3,failAtStep=2',
      'failed lr=0.2,steps=3,failAtStep=2',
      'started lr=0.1,steps=3-2',
      'finished lr=0.1,steps=3-2',
    ])
    expect((await readdir(logdir)).sort()).toEqual([
      'lr=0.1,steps=3',
      'lr=0.1,steps=3-2',
      'lr=0.2,steps=3,failAtStep=2',
    ])
    const steps = (runId: string) =>
      events.filter((e) => e.type === 'step' && e.runId === runId).map((e) => e.type === 'step' && e.scalars)
    expect(steps('lr=0.1,steps=3-2')).toEqual(steps('lr=0.1,steps=3'))
  })

  it('interleaves runs that yield, each one the same as alone', async () => {
    const configs = [0.1, 0.2].map((lr) => ({ lr, steps: 4, yieldEverySteps: 1 }))
    const together = await lastValueFrom(sweep({ configs, run, logdir: join(dir, 'together') }).pipe(toArray()))
    const alone = await lastValueFrom(
      sweep({ configs: [configs[1]!], run, logdir: join(dir, 'alone') }).pipe(toArray()),
    )
    const runId = 'lr=0.2,steps=4,yieldEverySteps=1'
    // Interleaved: the second run takes a step before the first has taken its last.
    const order = together.filter((e) => e.type === 'step').map((e) => e.runId.slice(0, 6))
    expect(order.indexOf('lr=0.2')).toBeLessThan(order.lastIndexOf('lr=0.1'))
    expect(together.filter((e) => e.runId === runId)).toEqual(alone)
  })

  it('cancels every run on unsubscribe, and close() resolves once their logs and checkpoints are whole', async () => {
    const engine = inProcess({ checkpointEvery: 1000 })
    const configs = [0.1, 0.2].map((lr) => ({ lr, steps: 100_000, yieldEverySteps: 1 }))
    const logdir = join(dir, 'cancel')
    const sweep$ = sweep({ configs, run, logdir, engine })
    await firstValueFrom(
      sweep$.pipe(
        filter((e) => e.type === 'step' && e.step === 5),
        take(2),
        toArray(),
      ),
    )
    await engine.close()
    for (const name of ['lr=0.1,steps=100000,yieldEverySteps=1', 'lr=0.2,steps=100000,yieldEverySteps=1']) {
      const lines = (await readFile(join(logdir, name, 'log.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
      const checkpoint = JSON.parse(await readFile(join(logdir, name, 'checkpoint.json'), 'utf8'))
      expect(lines.at(-1).step).toBeGreaterThanOrEqual(5)
      expect(lines.at(-1).step).toBeLessThan(100)
      expect(checkpoint.state.step).toBe(lines.at(-1).step)
    }
  })

  it('prunes from the step records: stops the run and says why after the deciding step', async () => {
    // Rung 0 at step 2, η = 2: the first run sets the bar, the second (lr 0.01, barely moving) is worse, pruned.
    const configs = [
      { lr: 0.1, steps: 4 },
      { lr: 0.01, steps: 4 },
    ]
    const prune = successiveHalving({ metric: 'loss', minSteps: 2, reductionFactor: 2 })
    const engine = inProcess({ concurrency: 1 })
    const events = await lastValueFrom(
      sweep({ configs, run, logdir: join(dir, 'prune'), engine, prune }).pipe(toArray()),
    )
    await engine.close()
    const pruned = events.filter((e) => e.runId === 'lr=0.01,steps=4')
    expect(pruned.map((e) => e.type)).toEqual(['started', 'step', 'step', 'pruned'])
    const lossAt2 = (runId: string) =>
      events.flatMap((e) => (e.type === 'step' && e.runId === runId && e.step === 2 ? [e.scalars.loss!] : []))[0]!
    expect(lossAt2('lr=0.01,steps=4')).toBeGreaterThan(lossAt2('lr=0.1,steps=4'))
    expect(pruned.at(-1)).toEqual({
      type: 'pruned',
      runId: 'lr=0.01,steps=4',
      step: 2,
      reason:
        `loss ${lossAt2('lr=0.01,steps=4')} at step 2 is not among the best 1 of the 2 runs at rung 0 (2 steps), ` +
        `which need <= ${lossAt2('lr=0.1,steps=4')}`,
    })
  })

  it('refuses bad options when called', () => {
    const ok = { configs: [{ lr: 0.1 }], run, logdir: dir }
    expect(() => sweep({ ...ok, configs: 3 as never })).toThrow(
      new ConfigError('sweep', 'configs must be an array or an iterable of configs, got 3'),
    )
    expect(() => sweep({ ...ok, configs: [[1]] as never })).toThrow('sweep: configs[0] must be a plain object, got')
    expect(() => sweep({ ...ok, configs: [{ lr: NaN }] })).toThrow(ConfigError)
    expect(() => sweep({ ...ok, logdir: 1 as never })).toThrow('sweep: logdir must be a string, got 1')
    expect(() => sweep({ ...ok, engine: {} as never })).toThrow(
      'sweep: engine must be a SweepEngine such as inProcess() or threads(), got',
    )
    expect(() => sweep({ ...ok, concurrency: 0 })).toThrow(ConfigError)
    expect(() => sweep({ ...ok, name: () => '../up' })).toThrow(
      'sweep: name must return a directory name of letters, digits and ._=,+-, got "../up" for configs[0]',
    )
    expect(() => sweep({ ...ok, workers: 2 } as never)).toThrow(
      "sweep: unknown option 'workers'; expected one of configs, run, logdir, engine, concurrency, name, prune",
    )
  })
})
