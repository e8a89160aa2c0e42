import { get } from 'node:http'
import { Subject, share, tap, throwError, concat, from } from 'rxjs'
import { GradstreamError } from '@gradstream/core'
import { add, slice } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { afterEach, describe, expect, it } from 'vitest'
import { fakeSnapshot, readEvents, yieldingRun } from '../testing/eventStream'
import type { FakeSnapshot, ServerEvent } from '../testing/eventStream'
import { MAX_WARNINGS } from './warningList'
import { serveDashboard } from './serveDashboard'
import type { Dashboard } from './serveDashboard'

const open: Dashboard[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((dashboard) => dashboard.close()))
})

async function serve(...args: Parameters<typeof serveDashboard<FakeSnapshot>>): Promise<Dashboard> {
  const dashboard = await serveDashboard<FakeSnapshot>(...args)
  open.push(dashboard)
  return dashboard
}

function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), body }),
      )
    }).on('error', reject)
  })
}

interface SeriesUpdate {
  readonly run: string
  readonly metric: string
  readonly keep: number
  readonly steps: number[]
  readonly values: number[]
}
const isSeries =
  (metric: string, run = 'run0') =>
  (e: ServerEvent) =>
    e.event === 'series' && (e.data as SeriesUpdate).metric === metric && (e.data as SeriesUpdate).run === run

/** The points a page holds of a series after the events: each drops the points from `keep` on and appends its own. */
function held(events: readonly ServerEvent[], metric: string, run = 'run0'): { steps: number[]; values: number[] } {
  return events
    .filter(isSeries(metric, run))
    .map((e) => e.data as SeriesUpdate)
    .reduce<{ steps: number[]; values: number[] }>(
      (series, { keep, steps, values }) => ({
        steps: [...series.steps.slice(0, keep), ...steps],
        values: [...series.values.slice(0, keep), ...values],
      }),
      { steps: [], values: [] },
    )
}
const lossSteps = (events: readonly ServerEvent[]) => held(events, 'loss').steps
const lastStep = (step: number) => (e: ServerEvent) =>
  isSeries('loss')(e) && (e.data as SeriesUpdate).steps.at(-1) === step

describe('serveDashboard', () => {
  it('serves the page, its script and uPlot from this machine, on 127.0.0.1', async () => {
    const dashboard = await serve(new Subject<FakeSnapshot>())
    expect(dashboard.url).toBe(`http://127.0.0.1:${dashboard.port}/`)
    const page = await fetchText(dashboard.url)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<script src="/vendor/uPlot.iife.min.js"></script>')
    expect(page.body).not.toMatch(/https?:\/\//) // no CDN
    const script = await fetchText(new URL('dashboard.js', dashboard.url).href)
    expect([script.status, script.type]).toEqual([200, 'text/javascript; charset=utf-8'])
    const uplot = await fetchText(new URL('vendor/uPlot.iife.min.js', dashboard.url).href)
    expect(uplot.body).toContain('uPlot')
    expect((await fetchText(new URL('nope', dashboard.url).href)).status).toBe(404)
  })

  it('sends a page opened mid-run the history first, then live points, then the end', async () => {
    const run$ = new Subject<FakeSnapshot>()
    const dashboard = await serve({ 'no L2': run$ }, { flushMs: 5, params: (s) => ({ w: s.params.w }) })
    for (let step = 1; step <= 40; step++) run$.next(fakeSnapshot(step))
    const page = await readEvents(dashboard.url)
    await page.next(isSeries('params/w'))
    expect(page.events.slice(0, 2)).toEqual([
      { event: 'hello', data: { title: 'gradstream', status: 'training…' } },
      { event: 'run', data: { id: 'run0', name: 'no L2', hparams: null } },
    ])
    expect(lossSteps(page.events)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    const metrics = page.events.filter((e) => e.event === 'series').map((e) => e.data as SeriesUpdate)
    expect(metrics.map(({ metric, steps, values }) => [metric, steps[0], values[0]])).toEqual([
      ['loss', 1, 1.01],
      ['loss/mse', 1, 1],
      ['loss/l2', 1, 0.01],
      ['learning_rate', 1, 0.001],
      ['params/w', 1, 0],
    ])
    for (let step = 41; step <= 60; step++) run$.next(fakeSnapshot(step))
    const update = (await page.next(lastStep(60))).data as SeriesUpdate
    expect(update.keep).toBeGreaterThanOrEqual(39) // the points it has, but perhaps the latest
    run$.complete()
    await page.ended
    expect(lossSteps(page.events)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
    expect(page.events.slice(-2)).toEqual([
      { event: 'status', data: { run: 'run0', state: 'done', step: 60, message: null } },
      { event: 'end', data: {} },
    ])
    expect(await dashboard.done).toEqual([{ name: 'no L2', state: 'done', step: 60 }])
  })

  it('announces several runs and ends when the last one ends', async () => {
    const a$ = new Subject<FakeSnapshot>()
    const b$ = new Subject<FakeSnapshot>()
    const dashboard = await serve({ 'no L2': a$, L2: b$ }, { flushMs: 5 })
    const page = await readEvents(dashboard.url)
    await page.next((e) => e.event === 'run' && (e.data as { id: string }).id === 'run1')
    expect(page.events.filter((e) => e.event === 'run').map((e) => e.data)).toEqual([
      { id: 'run0', name: 'no L2', hparams: null },
      { id: 'run1', name: 'L2', hparams: null },
    ])
    a$.next(fakeSnapshot(1))
    a$.complete()
    await page.next((e) => e.event === 'status')
    expect(page.events.some((e) => e.event === 'end')).toBe(false)
    b$.next(fakeSnapshot(1))
    b$.complete()
    await page.ended
    expect(page.events.at(-1)!.event).toBe('end')
  })

  it('gives a page opened after training the whole history and the end', async () => {
    const dashboard = await serve(from([1, 2, 3].map(fakeSnapshot)), { flushMs: 5 })
    await dashboard.done
    const page = await readEvents(dashboard.url)
    await page.ended
    expect(page.events.map((e) => e.event)).toEqual(['hello', 'run', ...new Array(4).fill('series'), 'status', 'end'])
    expect(lossSteps(page.events)).toEqual([1, 2, 3])
  })

  it('keeps at most maxPoints of history, thinned evenly, from step 1 to the last step', async () => {
    const dashboard = await serve(yieldingRun(1000, 100), { flushMs: 5, maxPoints: 50 })
    await dashboard.done
    const page = await readEvents(dashboard.url)
    await page.ended
    const steps = lossSteps(page.events)
    expect(steps.length).toBeLessThanOrEqual(51)
    expect(steps[0]).toBe(1)
    expect(steps.at(-1)).toBe(1000)
    // between the kept points after step 1 and before the last step
    const gaps = steps.slice(1, -2).map((step, i) => steps[i + 2]! - step)
    expect(new Set(gaps).size).toBe(1)
  })

  it('reports a failed run with its message', async () => {
    const failing$ = concat(
      from([fakeSnapshot(1)]),
      throwError(() => new Error('nanGuard: the loss is NaN at step 2')),
    )
    const dashboard = await serve(failing$, { flushMs: 5 })
    expect(await dashboard.done).toEqual([
      { name: 'run', state: 'failed', step: 1, message: 'nanGuard: the loss is NaN at step 2' },
    ])
  })

  it('turns a throwing params callback into a warning and lets training finish', async () => {
    const dashboard = await serve(yieldingRun(50, 10), {
      flushMs: 5,
      params: () => {
        throw new Error('no such weight')
      },
    })
    expect(await dashboard.done).toEqual([{ name: 'run', state: 'done', step: 50 }])
    const page = await readEvents(dashboard.url)
    await page.ended
    expect(page.events.filter((e) => e.event === 'warning').map((e) => e.data)).toEqual([
      { run: 'run0', message: 'params failed: no such weight' },
    ])
  })

  it('never stops training when the server closes mid-run', async () => {
    const run$ = new Subject<FakeSnapshot>()
    const dashboard = await serve(run$, { flushMs: 5 })
    const page = await readEvents(dashboard.url)
    run$.next(fakeSnapshot(1))
    await dashboard.close()
    await page.ended
    expect(page.events.at(-1)!.event).toBe('bye')
    expect(run$.observed).toBe(true) // still subscribed
    for (let step = 2; step <= 10; step++) run$.next(fakeSnapshot(step))
    run$.complete()
    expect(await dashboard.done).toEqual([{ name: 'run', state: 'done', step: 10 }])
  })

  it('never stops training when a page goes away', async () => {
    const seen: number[] = []
    const run$ = yieldingRun(300, 10).pipe(
      tap((s) => seen.push(s.step)),
      share(),
    )
    const dashboard = await serve(run$, { flushMs: 5 })
    const page = await readEvents(dashboard.url)
    await page.next(isSeries('loss'))
    page.response.destroy()
    await dashboard.done
    expect(seen).toHaveLength(300)
  })

  it('keeps a slow classifier plot from holding training back: it samples the run', async () => {
    let predictions = 0
    const predict = (snapshot: FakeSnapshot, points: Tensor) => {
      predictions++
      const until = Date.now() + 20 // a deliberately slow model
      while (Date.now() < until);
      return add(slice(points, [0, 0], [-1, 1]), -snapshot.step / 2000) // crosses 0.5 at x = 0.5 + step / 2000
    }
    const seen: number[] = []
    const run$ = yieldingRun(2000, 20).pipe(tap((s) => seen.push(s.step)))
    const classifier = {
      points: [[0, 0] as const],
      labels: [0],
      predict,
      region: { x: [-1, 2] as const, y: [0, 1] as const, step: 0.1 },
      everySteps: 100,
    }
    const dashboard = await serve(run$, { flushMs: 5, classifier })
    const page = await readEvents(dashboard.url)
    await dashboard.done
    await page.ended
    expect(seen).toHaveLength(2000)
    expect(predictions).toBeLessThanOrEqual(21) // at most once per 100 steps, and once at the end
    const boundaries = page.events
      .filter((e) => e.event === 'boundary')
      .map((e) => e.data as { step: number; lines: number[][][] })
    const last = boundaries.at(-1)!
    expect(last.step).toBe(2000)
    for (const [x] of last.lines.flat()) expect(x).toBeCloseTo(1.5, 5)
  })

  it('caps the warnings of a callback that fails differently on every step', async () => {
    const dashboard = await serve(yieldingRun(200, 10), {
      flushMs: 5,
      maxPoints: 1000,
      params: (s) => {
        throw new Error(`no weight at step ${s.step}`)
      },
    })
    await dashboard.done
    const page = await readEvents(dashboard.url)
    await page.ended
    const warnings = page.events
      .filter((e) => e.event === 'warning')
      .map((e) => (e.data as { message: string }).message)
    expect(warnings).toEqual([
      ...Array.from({ length: MAX_WARNINGS }, (_, i) => `params failed: no weight at step ${i + 1}`),
      `more than ${MAX_WARNINGS} different warnings; the rest are not shown`,
    ])
  })

  it('warns when params returns something other than named numbers', async () => {
    // @ts-expect-error: params must return numbers
    const dashboard = await serve(from([fakeSnapshot(1)]), { flushMs: 5, params: () => ['w'] })
    await dashboard.done
    const page = await readEvents(dashboard.url)
    await page.ended
    expect(page.events.filter((e) => e.event === 'warning').map((e) => e.data)).toEqual([
      { run: 'run0', message: 'params failed: it must return an object of numbers, got an array' },
    ])
  })
})

describe('serveDashboard arguments', () => {
  // Each case rejects the returned promise with a named error (a ConfigError, or a ShapeError for sizes); none throws.
  const run$ = new Subject<FakeSnapshot>()
  // the arguments a JavaScript caller could pass, which the types would refuse
  const untyped = serveDashboard as (runs: unknown, options?: unknown) => Promise<Dashboard>
  const cases: [string, () => Promise<unknown>, string][] = [
    ['no runs', () => untyped(undefined), 'runs must be an Observable or an object of Observables, got undefined'],
    ['a run that is not a stream', () => untyped({ run: 42 }), 'runs["run"] must be an Observable, got 42'],
    ['an empty object of runs', () => untyped({}), 'runs must name at least one run, got {}'],
    ['a bad port', () => untyped(run$, { port: -1 }), 'port must be an integer >= 0 and <= 65535, got -1'],
    [
      'an unknown option',
      () => untyped(run$, { prot: 80 }),
      "unknown option 'prot'; expected one of port, host, title, params, classifier, maxPoints, flushMs",
    ],
    [
      'an empty host, which would bind every interface',
      () => untyped(run$, { host: '' }),
      `host must name an interface, e.g. '127.0.0.1' or '0.0.0.0', got ""`,
    ],
    ['a title that is not text', () => untyped(run$, { title: 5 }), 'title must be a string, got 5'],
    ['params that is not a function', () => untyped(run$, { params: 'x' }), 'params must be a function, got "x"'],
    ['flushMs of 0', () => untyped(run$, { flushMs: 0 }), 'flushMs must be a finite number > 0, got 0'],
    [
      'a classifier without predict',
      () => untyped(run$, { classifier: { points: [], labels: [], region: { x: [0, 1], y: [0, 1], step: 0.1 } } }),
      'classifier.predict must be a function, got undefined',
    ],
    [
      'a classifier region too fine to draw',
      () =>
        untyped(run$, {
          classifier: {
            points: [],
            labels: [],
            predict: (_: unknown, p: unknown) => p,
            region: { x: [0, 1], y: [0, 1], step: 1e-9 },
          },
        }),
      'the grid would have 1000000000 x 1000000000 points; at most 4000000 (2000 x 2000)',
    ],
  ]

  it.each(cases)('rejects %s with a named error before listening', async (_, call, message) => {
    let promise: Promise<unknown> | undefined
    expect(() => (promise = call())).not.toThrow()
    await expect(promise).rejects.toThrow(GradstreamError)
    await expect(promise).rejects.toThrow(`serveDashboard: ${message}`)
  })
})
