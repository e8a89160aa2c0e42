import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { Subject } from 'rxjs'
import { add, slice } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSnapshot } from '../testing/eventStream'
import { CHROMIUM, CHROMIUM_FLAGS, openCheckedPage } from '../testing/chromiumPage'
import type { FakeSnapshot } from '../testing/eventStream'
import { serveDashboard } from './serveDashboard'
import type { Dashboard } from './serveDashboard'

const present = existsSync(CHROMIUM)
const title = present
  ? 'the live dashboard page in headless Chromium'
  : `the live dashboard page in headless Chromium: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium)`

interface SeriesState {
  readonly run: string
  readonly show: boolean
  readonly points: number
  readonly last: number | null
  readonly steps: readonly number[]
  readonly values: readonly number[]
}
declare const window: {
  gradstreamDashboard: {
    ended: boolean
    overlay?: {
      runs: Record<string, { name: string; visible: boolean; state: string; step: number | null }>
      charts: Record<string, { series: readonly SeriesState[]; constant: boolean }>
      boundaries: Record<string, number | null>
    }
  }
}
declare const document: { querySelector(selector: string): { toDataURL(): string } | null }

/** Waits until the chart of `metric` shows every run's series up to `step`, and returns them. */
const drawnUpTo = (page: Page, metric: string, step: number, runs = 2) =>
  page
    .waitForFunction(
      ({ metric, step, runs }) => {
        const series = window.gradstreamDashboard?.overlay?.charts[metric]?.series ?? []
        return series.length === runs && series.every((s) => s.last === step) && series
      },
      { metric, step, runs },
    )
    .then((handle) => handle.jsonValue() as Promise<SeriesState[]>)

// One browser for both dashboards of this file: each test opens its own pages.
let browser: Browser
beforeAll(async () => {
  if (present) browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
})
afterAll(async () => {
  await browser?.close()
})

describe.skipIf(!present)(title, () => {
  let dashboard: Dashboard
  const runA = new Subject<FakeSnapshot>()
  const runB = new Subject<FakeSnapshot>()
  const problems: string[] = []

  // boundary of run A moves right as it trains: x = 0.5 + step / 1000
  const predict = (snapshot: FakeSnapshot, points: Tensor) => add(slice(points, [0, 0], [-1, 1]), -snapshot.step / 1000)
  const classifier = {
    points: [
      [0, 0.5],
      [1, 0.5],
    ] as const,
    labels: [0, 1],
    predict,
    region: { x: [-0.2, 1.2] as const, y: [0, 1] as const, step: 0.05 },
    everySteps: 50,
  }

  beforeAll(async () => {
    // 64 points of history: 300 steps thin it three times, so pages get series whole again and again
    dashboard = await serveDashboard(
      { 'no L2': runA, L2: runB },
      { flushMs: 20, maxPoints: 64, params: (s) => ({ w: s.params.w }), classifier },
    )
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  const emit = (from: number, to: number) => {
    for (let step = from; step <= to; step++) {
      runA.next(fakeSnapshot(step))
      runB.next(fakeSnapshot(step))
    }
  }
  const lossCanvas = (page: Page) =>
    page.evaluate(() => document.querySelector('[data-metric="loss"] canvas')!.toDataURL())

  it('overlays the runs in one chart per metric, folds the constant learning rate into a note, and draws the boundaries', async () => {
    const page = await openCheckedPage(browser, dashboard.url, problems)
    emit(1, 100)
    await drawnUpTo(page, 'loss', 100)
    const before = await lossCanvas(page)
    expect(
      await page.locator('.metric').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-metric'))),
    ).toEqual(['loss', 'loss/l2', 'loss/mse', 'learning_rate', 'params/w'])
    expect(await page.locator('.metric[data-metric="learning_rate"]').isHidden()).toBe(true)
    expect(await page.locator('.constant-note[data-metric="learning_rate"]').textContent()).toBe(
      'learning_rateconstantno L2 0.001L2 0.001',
    )
    expect(await page.locator('.run-legend .run-name').allTextContents()).toEqual(['no L2', 'L2'])
    emit(101, 300)
    await drawnUpTo(page, 'loss', 300)
    expect(await lossCanvas(page)).not.toBe(before)
    await page.waitForFunction(() => (window.gradstreamDashboard.overlay!.boundaries.run0 ?? 0) >= 250)
    expect(await page.locator('.boundary[data-run="run0"] path.contour').count()).toBeGreaterThan(0)
    expect(await page.locator('.boundary[data-run="run0"] figcaption').textContent()).toMatch(
      /^no L2: decision boundary at step \d+$/,
    )
    await page.close()
  })

  it('holds after many updates the same series a reloaded page gets, at most maxPoints of them', async () => {
    const page = await openCheckedPage(browser, dashboard.url, problems)
    await drawnUpTo(page, 'loss', 300)
    // the history is thinned again at 512 steps, between two of these updates
    for (let last = 360; last <= 600; last += 60) {
      emit(last - 59, last)
      await drawnUpTo(page, 'loss', last)
    }
    const updated = await drawnUpTo(page, 'params/w', 600)
    const reloaded = await openCheckedPage(browser, dashboard.url, problems)
    const fresh = await drawnUpTo(reloaded, 'params/w', 600)
    expect(updated.map((s) => [s.steps, s.values])).toEqual(fresh.map((s) => [s.steps, s.values]))
    expect(fresh[0]!.steps.length).toBeLessThanOrEqual(65) // maxPoints and the latest step
    expect(fresh[0]!.steps[0]).toBe(1)
    fresh[0]!.steps.forEach((step, i) => expect(fresh[0]!.values[i]).toBeCloseTo(Math.log(step), 12))
    await Promise.all([page.close(), reloaded.close()])
  })

  it('toggles a run in every chart and hides its boundary', async () => {
    const page = await openCheckedPage(browser, dashboard.url, problems)
    await drawnUpTo(page, 'loss', 600)
    await page.locator('.run-entry[data-run="run1"] input').uncheck()
    await page.waitForFunction(() =>
      ['loss', 'params/w'].every((m) => window.gradstreamDashboard.overlay!.charts[m]!.series[1]!.show === false),
    )
    expect(await page.locator('.boundary[data-run="run1"]').isHidden()).toBe(true)
    const plot = (await page.locator('[data-metric="loss"] .u-over').boundingBox())!
    await page.mouse.move(plot.x + 2, plot.y + plot.height / 2)
    await expect.poll(() => page.locator('[data-metric="loss"] .readout').textContent()).toBe('step 1no L2 1.01')
    await page.close()
  })

  it('says how each run ended, closes the stream when training ends, and a late page still gets the whole run', async () => {
    const page = await openCheckedPage(browser, dashboard.url, problems)
    await drawnUpTo(page, 'loss', 600)
    runA.complete()
    runB.error(new Error('nanGuard: the loss is NaN at step 601'))
    await page.waitForFunction(() => window.gradstreamDashboard.ended)
    expect(await page.locator('#status').textContent()).toBe('training finished')
    expect(await page.locator('.run-entry .run-state').allTextContents()).toEqual([
      'done',
      'failed at step 600: nanGuard: the loss is NaN at step 601',
    ])
    const late = await openCheckedPage(browser, dashboard.url, problems)
    await late.waitForFunction(() => window.gradstreamDashboard.ended)
    expect((await drawnUpTo(late, 'loss', 600)).map((s) => s.steps[0])).toEqual([1, 1])
    expect(await late.evaluate(() => window.gradstreamDashboard.overlay!.runs.run1!.state)).toBe('failed')
    expect(problems).toEqual([])
    await Promise.all([page.close(), late.close()])
  })
})

describe.skipIf(!present)(`${title}: evaluation results`, () => {
  let dashboard: Dashboard
  type Evaluated = FakeSnapshot & { readonly eval?: Readonly<Record<string, number>> }
  const run = new Subject<Evaluated>()
  const problems: string[] = []

  beforeAll(async () => {
    dashboard = await serveDashboard(run, { flushMs: 20 })
  })

  afterAll(async () => {
    await dashboard?.close()
  })

  it('charts each evaluation result beside the training metrics, and takes a screenshot', async () => {
    const page = await openCheckedPage(browser, dashboard.url, problems)
    for (let step = 1; step <= 50; step++) {
      const evaluated = step % 10 === 0 ? { eval: { loss: 1 / step, accuracy: step / 100 } } : {}
      run.next({ ...fakeSnapshot(step), ...evaluated })
    }
    const accuracy = await drawnUpTo(page, 'eval/accuracy', 50, 1)
    expect(accuracy[0]!.steps).toEqual([10, 20, 30, 40, 50])
    expect(accuracy[0]!.values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5])
    expect(
      await page.locator('.metric:visible').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-metric'))),
    ).toEqual(['loss', 'loss/mse', 'eval/accuracy', 'eval/loss']) // loss/l2 is constant: a note
    const image = PNG.sync.read(await page.screenshot())
    expect([image.width, image.height]).toEqual([1280, 900])
    run.complete()
    await page.waitForFunction(() => window.gradstreamDashboard.ended)
    expect(problems).toEqual([])
    await page.close()
  })
})
