import { appendFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serveLogdir } from './serveLogdir'
import type { LogdirDashboard } from './serveLogdir'

// Debian's chromium package; nothing is downloaded. CI installs it (.ci/run).
const CHROMIUM = '/usr/bin/chromium'
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
const present = existsSync(CHROMIUM)
const title = present
  ? 'the log-directory dashboard in headless Chromium'
  : `the log-directory dashboard in headless Chromium: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium)`

/** A run name that would run script if the page ever parsed names as HTML. */
const HOSTILE = '<img src=x onerror=window.pwned=1>'

interface ChartState {
  readonly series: readonly { readonly run: string; readonly show: boolean; readonly points: number }[]
}
declare const window: {
  pwned?: number
  gradstreamDashboard: {
    overlay?: { runs: Record<string, { name: string; visible: boolean }>; charts: Record<string, ChartState> }
  }
}
declare const document: { querySelector(selector: string): { toDataURL(): string } | null }

describe.skipIf(!present)(title, () => {
  let root: string
  let browser: Browser
  let dashboard: LogdirDashboard
  const problems: string[] = []

  function writeSteps(run: string, from: number, to: number, scale: number): void {
    mkdirSync(join(root, run), { recursive: true })
    let text = ''
    for (let step = from; step <= to; step++) {
      text += `${JSON.stringify({ type: 'step', step, loss: scale / step, learning_rate: 0.01 * scale })}\n`
    }
    appendFileSync(join(root, run, 'log.jsonl'), text)
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'logdir-page-'))
    writeSteps('adam', 1, 50, 1)
    writeSteps('sgd', 1, 30, 3)
    writeSteps(HOSTILE, 1, 10, 2) // found first: runs are listed by path
    dashboard = await serveLogdir(root, { pollMs: 20 })
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  })

  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
    rmSync(root, { recursive: true, force: true })
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

  /** The loss chart's series once every run has `points` drawn in it. */
  const lossSeries = (page: Page, points: readonly number[]) =>
    page
      .waitForFunction((expected) => {
        const series = window.gradstreamDashboard.overlay?.charts.loss?.series ?? []
        return JSON.stringify(series.map((s) => s.points)) === JSON.stringify(expected) && series
      }, points)
      .then((handle) => handle.jsonValue() as Promise<ChartState['series']>)
  const lossCanvas = (page: Page) =>
    page.evaluate(() => document.querySelector('[data-metric="loss"] canvas')!.toDataURL())

  it('overlays the runs in one chart per metric, with a legend entry per run, names escaped', async () => {
    const page = await openPage()
    const series = await lossSeries(page, [10, 50, 30])
    expect(series.map((s) => s.show)).toEqual([true, true, true])
    expect(
      await page.locator('.metric').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-metric'))),
    ).toEqual(['loss', 'learning_rate'])
    expect(await page.locator('.run-legend .run-name').allTextContents()).toEqual([HOSTILE, 'adam', 'sgd'])
    // the hostile name is text: nothing of it ran or became an element
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.evaluate(() => window.pwned)).toBeUndefined()
    await page.close()
  })

  it('shows every visible run at the hovered step; toggling a run hides it in every chart; the filter box picks runs', async () => {
    const page = await openPage()
    await lossSeries(page, [10, 50, 30])
    const plot = (await page.locator('[data-metric="loss"] .u-over').boundingBox())!
    await page.mouse.move(plot.x + 2, plot.y + plot.height / 2) // near step 1
    const readout = page.locator('[data-metric="loss"] .readout')
    await expect.poll(() => readout.textContent()).toBe(`step 1${HOSTILE} 2adam 1sgd 3`)
    const before = await lossCanvas(page)
    await page.locator('.run-entry[data-run="run2"] input').uncheck()
    await page.waitForFunction(() =>
      ['loss', 'learning_rate'].every((m) => window.gradstreamDashboard.overlay!.charts[m]!.series[2]!.show === false),
    )
    expect(await lossCanvas(page)).not.toBe(before)
    await page.mouse.move(plot.x + 3, plot.y + plot.height / 2)
    await expect.poll(() => readout.textContent()).toBe(`step 1${HOSTILE} 2adam 1`)
    // the filter box shows the matching runs only; a run unchecked stays hidden
    await page.locator('.run-filter').fill('SG')
    await page.waitForFunction(() => {
      const series = window.gradstreamDashboard.overlay!.charts.loss!.series
      return series.every((s) => !s.show)
    })
    expect(await page.locator('.run-entry:visible .run-name').allTextContents()).toEqual(['sgd'])
    await page.locator('.run-entry[data-run="run2"] input').check()
    await page.waitForFunction(() => {
      const series = window.gradstreamDashboard.overlay!.charts.loss!.series
      return series.map((s) => s.show).join() === 'false,false,true'
    })
    await page.close()
  })

  it('draws lines written while it is open, and a reloaded page gets the whole history', async () => {
    const page = await openPage()
    await lossSeries(page, [10, 50, 30])
    writeSteps('sgd', 31, 60, 3)
    await lossSeries(page, [10, 50, 60])
    await page.reload()
    await lossSeries(page, [10, 50, 60])
    expect(problems).toEqual([])
    await page.close()
  })
})
