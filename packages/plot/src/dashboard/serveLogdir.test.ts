import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '@gradstream/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readEvents } from '../testing/eventStream'
import type { AxisEvent, SeriesEvent } from './logdirHub'
import { serveLogdir } from './serveLogdir'
import type { LogdirDashboard } from './serveLogdir'

let root: string
const open: LogdirDashboard[] = []
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'serve-logdir-'))
})
afterEach(async () => {
  await Promise.all(open.splice(0).map((dashboard) => dashboard.close()))
  rmSync(root, { recursive: true, force: true })
})

async function serve(options: Parameters<typeof serveLogdir>[1] = {}): Promise<LogdirDashboard> {
  const dashboard = await serveLogdir(root, { pollMs: 10, ...options })
  open.push(dashboard)
  return dashboard
}

function writeSteps(run: string, from: number, to: number): void {
  mkdirSync(join(root, run), { recursive: true })
  let text = ''
  for (let step = from; step <= to; step++) text += `${JSON.stringify({ type: 'step', step, loss: 1 / step })}\n`
  appendFileSync(join(root, run, 'log.jsonl'), text)
}

const isSeries = (run: string, lastStep: number) => (event: { event: string; data: unknown }) =>
  event.event === 'series' &&
  (event.data as SeriesEvent).run === run &&
  (event.data as SeriesEvent).steps.at(-1) === lastStep

describe('serveLogdir', () => {
  it('sends a page the runs, then each series whole, on 127.0.0.1', async () => {
    writeSteps('a', 1, 5)
    writeSteps('b', 1, 3)
    const dashboard = await serve()
    expect(dashboard.url).toBe(`http://127.0.0.1:${dashboard.port}/`)
    expect(dashboard.runs()).toEqual(['a', 'b'])
    const page = await readEvents(dashboard.url)
    const series = await page.next(isSeries('run1', 3))
    expect(page.events.slice(0, 3).map(({ event, data }) => [event, data])).toEqual([
      ['hello', { title: root, status: 'following the log directory' }],
      ['run', { id: 'run0', name: 'a', hparams: null }],
      ['run', { id: 'run1', name: 'b', hparams: null }],
    ])
    expect(series.data).toEqual({
      run: 'run1',
      metric: 'loss',
      keep: 0,
      steps: [1, 2, 3],
      values: [1, 0.5, 1 / 3],
      min: 1 / 3,
      max: 1,
    })
  })

  it('sends each run’s epoch and wall time over its steps, and the extremes of every point, not only those drawn', async () => {
    mkdirSync(join(root, 'a'))
    let text = ''
    for (let step = 1; step <= 100; step++) {
      const loss = step === 37 ? 0.001 : 1 / step // a dip that three points leave out
      text += `${JSON.stringify({ type: 'step', step, epoch: Math.ceil(step / 10), wall_time: 1000 + step / 2, loss })}\n`
    }
    writeFileSync(join(root, 'a', 'log.jsonl'), text)
    const dashboard = await serve({ maxPoints: 3 })
    const page = await readEvents(dashboard.url)
    const series = (await page.next(isSeries('run0', 100))).data as SeriesEvent
    expect(series.steps).toHaveLength(3)
    expect(series.values).not.toContain(0.001)
    expect([series.min, series.max]).toEqual([0.001, 1])
    const axes = page.events.filter((event) => event.event === 'axis').map((event) => event.data as AxisEvent)
    expect(axes.map(({ axis, steps }) => [axis, steps.length, steps[0], steps.at(-1)])).toEqual([
      ['epoch', 3, 1, 91], // 10 epochs, where each starts, downsampled to 3
      ['wall_time', 3, 1, 100],
    ])
    expect(axes[1]!.values[0]).toBe(1000.5)
  })

  it('sends lines appended while serving, and a run that appears, to open pages', async () => {
    writeSteps('a', 1, 5)
    const dashboard = await serve()
    const page = await readEvents(dashboard.url)
    await page.next(isSeries('run0', 5))
    writeSteps('a', 6, 9)
    writeSteps('late', 1, 2)
    // only what the page lacks: it keeps its 5 points and appends the new ones
    const appended = (await page.next(isSeries('run0', 9))).data as SeriesEvent
    expect([appended.keep, appended.steps]).toEqual([5, [6, 7, 8, 9]])
    await page.next((event) => event.event === 'run' && (event.data as { name: string }).name === 'late')
    await page.next(isSeries('run1', 2))
  })

  it('downsamples to between maxPoints / 2 and maxPoints points, keeping step 1 and the last step', async () => {
    writeSteps('a', 1, 500)
    const dashboard = await serve({ maxPoints: 50 })
    const page = await readEvents(dashboard.url)
    const { steps, values } = (await page.next(isSeries('run0', 500))).data as SeriesEvent
    expect(steps.length).toBeGreaterThanOrEqual(26)
    expect(steps.length).toBeLessThanOrEqual(50)
    expect([steps[0], values[0]]).toEqual([1, 1])
  })

  it('sends appended points as updates, so that a page after many of them holds what a reloaded page gets', async () => {
    writeSteps('a', 1, 40)
    const dashboard = await serve({ maxPoints: 20 })
    const page = await readEvents(dashboard.url)
    await page.next(isSeries('run0', 40))
    for (let last = 45; last <= 400; last += 5) {
      writeSteps('a', last - 4, last)
      await page.next(isSeries('run0', last))
    }
    const updates = page.events.filter((e) => e.event === 'series').map((e) => e.data as SeriesEvent)
    const held = updates.reduce<{ steps: number[]; values: number[] }>(
      (series, { keep, steps, values }) => ({
        steps: [...series.steps.slice(0, keep), ...steps],
        values: [...series.values.slice(0, keep), ...values],
      }),
      { steps: [], values: [] },
    )
    const reloaded = await readEvents(dashboard.url)
    const whole = (await reloaded.next(isSeries('run0', 400))).data as SeriesEvent
    expect(whole.keep).toBe(0)
    expect(held).toEqual({ steps: whole.steps, values: whole.values })
    // most updates carry a few points; the series came whole only when it was re-bucketed
    const resent = updates.filter((update) => update.keep === 0).length
    expect(resent).toBeLessThanOrEqual(6)
    expect(updates.filter((update) => update.keep > 0).every((update) => update.steps.length <= 8)).toBe(true)
    reloaded.response.destroy()
  })

  it('sends the warnings of malformed lines with their run', async () => {
    mkdirSync(join(root, 'a'))
    writeFileSync(join(root, 'a', 'log.jsonl'), '{"type":"step","step":1,"loss":1}\n{oops\n')
    const dashboard = await serve()
    const page = await readEvents(dashboard.url)
    const warning = await page.next((event) => event.event === 'warning')
    expect(warning.data).toEqual({ run: 'run0', message: 'a/log.jsonl: line 2 is not JSON, skipped' })
  })

  it('tells open pages when it closes', async () => {
    const dashboard = await serve()
    const page = await readEvents(dashboard.url)
    await page.next((event) => event.event === 'hello')
    await dashboard.close()
    await page.ended
    expect(page.events.at(-1)?.event).toBe('bye')
  })

  it('rejects a logdir that is not a directory and bad options with a ConfigError', async () => {
    const file = join(root, 'file.jsonl')
    writeFileSync(file, '')
    const missing = join(root, 'missing')
    await expect(serveLogdir(missing)).rejects.toThrow(
      new ConfigError(
        'serveLogdir',
        `logdir must be a directory, got ${JSON.stringify(missing)}, which does not exist`,
      ),
    )
    await expect(serveLogdir(file)).rejects.toThrow(
      `serveLogdir: logdir must be a directory, got ${JSON.stringify(file)}, which is a file`,
    )
    await expect(serveLogdir(root, { maxPoints: 2 })).rejects.toThrow(
      new ConfigError('serveLogdir', 'maxPoints must be an integer >= 3, got 2'),
    )
    await expect(serveLogdir(root, { pollMs: 0 })).rejects.toThrow(
      'serveLogdir: pollMs must be a finite number > 0, got 0',
    )
    await expect(serveLogdir(root, { host: '' })).rejects.toThrow('serveLogdir: host must name an interface')
    // @ts-expect-error: an unknown option
    await expect(serveLogdir(root, { portt: 1 })).rejects.toThrow("serveLogdir: unknown option 'portt'")
  })
})
