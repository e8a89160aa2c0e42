import { existsSync } from 'node:fs'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { Subject } from 'rxjs'
import { add, slice } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSnapshot } from '../testing/eventStream'
import type { FakeSnapshot } from '../testing/eventStream'
import { serveDashboard } from './serveDashboard'
import type { Dashboard } from './serveDashboard'

// Debian's chromium package; nothing is downloaded. CI installs it (.ci/run).
const CHROMIUM = '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]
const present = existsSync(CHROMIUM)
const title = present
  ? 'the dashboard page in headless Chromium'
  : `the dashboard page in headless Chromium: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium)`

declare const window: {
  gradstreamDashboard: {
    ended: boolean
    runs: Record<
      string,
      {
        step: number
        drawnStep: number | null
        points: number
        boundaryStep: number | null
        evals: number
        drawnEvalStep: number | null
      }
    >
  }
}
declare const document: { querySelector(selector: string): { toDataURL(): string } | null }

describe.skipIf(!present)(title, () => {
  let browser: Browser
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
    dashboard = await serveDashboard(
      { 'no L2': runA, L2: runB },
      { flushMs: 20, params: (s) => ({ w: s.params.w }), classifier },
    )
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  })

  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
  })

  async function openPage(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(dashboard.url)
    return page
  }

  const emit = (from: number, to: number) => {
    for (let step = from; step <= to; step++) {
      runA.next(fakeSnapshot(step))
      runB.next(fakeSnapshot(step))
    }
  }
  const lossCanvas = (page: Page) =>
    page.evaluate(() => document.querySelector('[data-run="run0"] canvas')!.toDataURL())
  const waitForStep = (page: Page, step: number) =>
    page.waitForFunction(
      (s) => window.gradstreamDashboard.runs.run0?.step === s && window.gradstreamDashboard.runs.run1?.step === s,
      step,
    )
  // the loss chart has drawn everything up to `step`
  const waitForDrawn = (page: Page, step: number) =>
    page.waitForFunction((s) => window.gradstreamDashboard.runs.run0?.drawnStep === s, step)

  it('draws points as they arrive and updates the charts while the runs stream', async () => {
    const page = await openPage()
    emit(1, 100)
    await waitForDrawn(page, 100)
    const before = await lossCanvas(page)
    emit(101, 300)
    await waitForDrawn(page, 300)
    expect(await lossCanvas(page)).not.toBe(before)
    const run = await page.evaluate(() => window.gradstreamDashboard.runs.run0!)
    expect(run.points).toBe(300)
    expect(run.boundaryStep).toBeGreaterThanOrEqual(250)
    expect(await page.locator('[data-run="run0"] path.contour').count()).toBeGreaterThan(0)
    expect(await page.locator('[data-run="run0"] .uplot').count()).toBe(3) // loss terms, learning rate, parameters
    await page.close()
  })

  it('shows the runs side by side and takes a screenshot', async () => {
    const page = await openPage()
    await waitForStep(page, 300) // the history so far, for a page opened mid-run
    const [a, b] = await Promise.all([
      page.locator('[data-run="run0"]').boundingBox(),
      page.locator('[data-run="run1"]').boundingBox(),
    ])
    expect(b!.x).toBeGreaterThan(a!.x + a!.width - 1)
    expect(b!.y).toBe(a!.y)
    const image = PNG.sync.read(await page.screenshot())
    expect([image.width, image.height]).toEqual([1280, 900])
    await page.close()
  })

  it('closes the stream when training ends, and a late page still gets the whole run', async () => {
    const page = await openPage()
    await waitForStep(page, 300)
    runA.complete()
    runB.complete()
    await page.waitForFunction(() => window.gradstreamDashboard.ended)
    expect(await page.locator('#status').textContent()).toBe('training finished')
    const late = await openPage()
    await late.waitForFunction(() => window.gradstreamDashboard.ended)
    expect(await late.evaluate(() => window.gradstreamDashboard.runs.run1!.points)).toBe(300)
    expect(problems).toEqual([])
  })
})

describe.skipIf(!present)(`${title}: evaluation results`, () => {
  let browser: Browser
  let dashboard: Dashboard
  type Evaluated = FakeSnapshot & { readonly eval?: Readonly<Record<string, number>> }
  const run = new Subject<Evaluated>()
  const problems: string[] = []

  beforeAll(async () => {
    dashboard = await serveDashboard(run, { flushMs: 20 })
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  })

  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
  })

  it('charts eval loss beside the training loss and the other results in a chart of their own, with the latest as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    await page.goto(dashboard.url)
    for (let step = 1; step <= 50; step++) {
      const evaluated = step % 10 === 0 ? { eval: { loss: 1 / step, accuracy: step / 100 } } : {}
      run.next({ ...fakeSnapshot(step), ...evaluated })
    }
    await page.waitForFunction(() => window.gradstreamDashboard.runs.run0?.drawnEvalStep === 50)
    expect(await page.evaluate(() => window.gradstreamDashboard.runs.run0!.evals)).toBe(5)
    expect(await page.locator('[data-run="run0"] .eval-latest').textContent()).toBe(
      'eval at step 50: loss 0.02 · accuracy 0.5',
    )
    // loss terms with eval loss, evaluation, learning rate
    expect(await page.locator('[data-run="run0"] .uplot').count()).toBe(3)
    const legends = await page.locator('[data-run="run0"] .u-legend').allTextContents()
    expect(legends[0]).toContain('eval loss')
    expect(legends[1]).toContain('accuracy')
    run.complete()
    await page.waitForFunction(() => window.gradstreamDashboard.ended)
    expect(problems).toEqual([])
    await page.close()
  })
})
