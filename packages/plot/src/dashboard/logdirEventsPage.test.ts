import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tensorBoard } from '@gradstream/logs'
import type { TensorBoardSnapshot } from '@gradstream/logs'
import { tensor } from '@gradstream/tensor'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { from, lastValueFrom } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_FLAGS, openCheckedPage } from '../testing/chromiumPage'
import { serveLogdir } from './serveLogdir'
import type { LogdirDashboard } from './serveLogdir'

const present = existsSync(CHROMIUM)
const title = present
  ? 'the log-directory dashboard over TensorBoard events files, in headless Chromium'
  : `the log-directory dashboard over events files in headless Chromium: SKIPPED, no browser at ${CHROMIUM}`

/** Where the README's screenshots go, when asked for: GRADSTREAM_SCREENSHOTS=1 npx vitest run <this file>. */
const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url))
const SCREENSHOTS = process.env.GRADSTREAM_SCREENSHOTS === '1'

interface DistributionsState {
  readonly tags: readonly string[]
  readonly tag: string | null
  readonly charts: Record<string, { readonly steps: number; readonly shown: boolean }>
}
declare const window: {
  gradstreamDashboard: {
    overlay?: { charts: Record<string, { series: readonly { readonly run: string; readonly points: number }[] }> }
    distributions?: DistributionsState
  }
}
declare const document: {
  querySelector(selector: string): {
    width: number
    height: number
    getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } }
  } | null
}

/** Steps from..to of a run: a loss of scale / step, a param w = [-s, -s/2, 0, s/2, s] widening with the step s, b = [s]. */
const snapshots = (fromStep: number, toStep: number, scale: number): TensorBoardSnapshot[] =>
  Array.from({ length: toStep - fromStep + 1 }, (_, i) => {
    const step = fromStep + i
    return {
      step,
      params: { w: tensor([-step, -step / 2, 0, step / 2, step].map((v) => v * scale)), b: tensor([step]) },
      loss: scale / step,
      losses: { loss: scale / step },
      learningRate: 0.01,
    }
  })

/** A run written by tensorBoard, as training writes it: a new events file per run, histograms every 5 steps. */
const logEvents = (logdir: string, fromStep: number, toStep: number, scale = 1) =>
  lastValueFrom(
    from(snapshots(fromStep, toStep, scale)).pipe(
      tensorBoard(logdir, { hparams: { optimizer: 'adam' }, histograms: { every: 5, params: ['w', 'b'] } }),
    ),
  )

describe.skipIf(!present)(title, () => {
  let root: string
  let browser: Browser
  let dashboard: LogdirDashboard
  const problems: string[] = []

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'logdir-events-page-'))
    mkdirSync(join(root, 'jsonl'))
    let text = ''
    for (let step = 1; step <= 30; step++) {
      text += `${JSON.stringify({ type: 'step', step, wall_time: 1764770000 + step, loss: 2 / step })}\n`
    }
    appendFileSync(join(root, 'jsonl', 'log.jsonl'), text)
    await logEvents(join(root, 'events'), 1, 10)
    dashboard = await serveLogdir(root, { pollMs: 20 })
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
  })

  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
    rmSync(root, { recursive: true, force: true })
  })

  const openPage = () => openCheckedPage(browser, dashboard.url, problems, { width: 1280, height: 1000 })

  /** The distribution chart of run1 (the events run) once it has `steps` steps drawn. */
  const distributionOf = (page: Page, steps: number) =>
    page
      .waitForFunction((expected) => {
        const state = window.gradstreamDashboard.distributions
        return state?.charts.run1?.steps === expected && state
      }, steps)
      .then((handle) => handle.jsonValue() as Promise<DistributionsState>)

  it("overlays the scalars of a run of events files only with a JSON Lines run's, and follows its new files", async () => {
    const page = await openPage()
    await page.waitForFunction(() => {
      const series = window.gradstreamDashboard.overlay?.charts.loss?.series ?? []
      return series.map((s) => s.points).join() === '30,10'
    })
    expect(await page.locator('.run-legend .run-name').allTextContents()).toEqual(['jsonl', 'events'])
    // a second events file in the run's folder continues the run, as TensorBoard reads a folder
    await logEvents(join(root, 'events'), 11, 20)
    await page.waitForFunction(() => {
      const series = window.gradstreamDashboard.overlay?.charts.loss?.series ?? []
      return series.map((s) => s.points).join() === '30,20'
    })
    await distributionOf(page, 4)
    expect(problems).toEqual([])
    await page.close()
  })

  it('draws the param chosen in the menu over the steps, reads a step out on hover, and hides with its run', async () => {
    const page = await openPage()
    const state = await distributionOf(page, 4)
    // the menu lists the params by name; the first one logged is drawn first
    expect([state.tags, state.tag]).toEqual([['params/b', 'params/w'], 'params/w'])
    // the JSON Lines run logged no histograms: no chart for it
    expect(Object.keys(state.charts)).toEqual(['run1'])
    expect(await page.locator('.distribution .run-name').allTextContents()).toEqual(['events'])
    // the bands are drawn: pixels of the run's colour on the canvas
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector('.distribution canvas')!
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height)
      let count = 0
      for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && data[i]! !== data[i + 2]) count++
      return count
    })
    expect(painted).toBeGreaterThan(1000)
    // hovering the left edge reads step 5: w = [-5, -2.5, 0, 2.5, 5], so min -5 and max 5 exactly
    const plot = (await page.locator('.distribution .u-over').boundingBox())!
    await page.mouse.move(plot.x + 2, plot.y + plot.height / 2)
    const readout = page.locator('.distribution .readout')
    await expect
      .poll(() => readout.locator('span').allTextContents())
      .toEqual(['step 5', 'min -5', expect.stringMatching(/^median /), 'max 5'])
    await page.locator('.run-entry[data-run="run1"] input').uncheck()
    await page.waitForFunction(() => window.gradstreamDashboard.distributions!.charts.run1!.shown === false)
    expect(await page.locator('.distribution[data-run="run1"]').isHidden()).toBe(true)
    await page.locator('.run-entry[data-run="run1"] input').check()
    await page.waitForFunction(() => window.gradstreamDashboard.distributions!.charts.run1!.shown === true)
    // the other param: b = [5] at step 5
    await page.locator('.distribution-tag').selectOption('params/b')
    await page.waitForFunction(() => {
      const distributions = window.gradstreamDashboard.distributions!
      return distributions.tag === 'params/b' && distributions.charts.run1?.steps === 4
    })
    const bPlot = (await page.locator('.distribution .u-over').boundingBox())!
    await page.mouse.move(bPlot.x + 2, bPlot.y + bPlot.height / 2)
    await expect.poll(() => readout.locator('span').allTextContents()).toEqual(['step 5', 'min 5', 'median 5', 'max 5'])
    expect(problems).toEqual([])
    await page.close()
  })

  it.runIf(SCREENSHOTS)('saves the screenshot of the README', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'logdir-events-shots-'))
    const shots = await Promise.all([
      logEvents(join(logdir, 'adam-0.01'), 1, 400, 1),
      logEvents(join(logdir, 'sgd-0.1'), 1, 400, 0.6),
    ]).then(() => serveLogdir(logdir, { pollMs: 50, title: 'runs' }))
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    try {
      await page.goto(shots.url)
      await page.waitForFunction(() => window.gradstreamDashboard.distributions?.charts.run1?.steps === 80)
      const plot = (await page.locator('.distribution[data-run="run0"] .u-over').boundingBox())!
      await page.mouse.move(plot.x + plot.width * 0.6, plot.y + plot.height / 2)
      await page
        .locator('.distributions-section')
        .screenshot({ path: join(DOCS, 'dashboard-logdir-distributions.png') })
    } finally {
      await page.close()
      await shots.close()
      rmSync(logdir, { recursive: true, force: true })
    }
  })
})
