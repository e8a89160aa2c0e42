import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_FLAGS, openCheckedPage } from '../testing/chromiumPage'
import { serveLogdir } from './serveLogdir'
import type { LogdirDashboard } from './serveLogdir'

const present = existsSync(CHROMIUM)
const title = present
  ? 'the log-directory dashboard in headless Chromium'
  : `the log-directory dashboard in headless Chromium: SKIPPED, no browser at ${CHROMIUM} (apt-get install chromium)`

const WALL_START = 1764770000
/** Where the README's screenshots go, when asked for: GRADSTREAM_SCREENSHOTS=1 npx vitest run <this file>. */
const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url))
const SCREENSHOTS = process.env.GRADSTREAM_SCREENSHOTS === '1'

/** TensorBoard's smoothing, written out for the test: the EMA from 0, debiased by 1 - w^n. */
function smoothedAsTensorBoard(values: readonly number[], weight: number): number[] {
  let last = 0
  return values.map((value, i) => {
    last = last * weight + (1 - weight) * value
    return last / (1 - weight ** (i + 1))
  })
}

/** A run name that would run script if the page ever parsed names as HTML. */
const HOSTILE = '<img src=x onerror=window.pwned=1>'

interface ChartState {
  readonly series: readonly {
    readonly run: string
    readonly show: boolean
    readonly rawShow: boolean
    readonly points: number
    readonly smoothed: readonly number[]
  }[]
  readonly constant: boolean
  readonly x: string
  readonly log: boolean
  readonly zoom: readonly [number, number] | null
  readonly yLabels: readonly string[] | null
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

  /** Steps of a run, as jsonlLog writes them: 10 steps an epoch, a step a second, its hyper-parameters first. */
  function writeSteps(run: string, from: number, to: number, scale: number): void {
    mkdirSync(join(root, run), { recursive: true })
    const hparams = { type: 'hparams', wall_time: WALL_START, hparams: { optimizer: { name: run }, scale } }
    let text = from === 1 ? `${JSON.stringify(hparams)}\n` : ''
    for (let step = from; step <= to; step++) {
      const epoch = Math.ceil(step / 10)
      const record = { type: 'step', step, epoch, wall_time: WALL_START + step, loss: scale / step }
      text += `${JSON.stringify({ ...record, learning_rate: 0.01 * scale })}\n`
    }
    appendFileSync(join(root, run, 'log.jsonl'), text)
  }

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'logdir-page-'))
    writeSteps('adam', 1, 50, 1)
    writeSteps('sgd', 1, 30, 3)
    writeSteps(HOSTILE, 1, 10, 2) // found first: runs are listed by path
    dashboard = await serveLogdir(root, { pollMs: 20 })
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS })
  })

  afterAll(async () => {
    await browser?.close()
    await dashboard?.close()
    rmSync(root, { recursive: true, force: true })
  })

  const openPage = () => openCheckedPage(browser, dashboard.url, problems, { width: 1280, height: 900 })

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
  const lossState = (page: Page) => page.evaluate(() => window.gradstreamDashboard.overlay!.charts.loss!)
  /** Waits for the loss chart's state to satisfy `test`, which runs in the page. */
  const lossChartWhere = (page: Page, test: () => unknown) => page.waitForFunction(test)

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

  it('smooths as TensorBoard does, the raw series faint behind; the slider redraws; downloads hold the points drawn', async () => {
    const page = await openPage()
    const series = await lossSeries(page, [10, 50, 30])
    const adam = Array.from({ length: 50 }, (_, i) => 1 / (i + 1))
    // the default weight is TensorBoard's, 0.6; float64 on both sides, so only summation order differs
    series[1]!.smoothed.forEach((value, i) => expect(value).toBeCloseTo(smoothedAsTensorBoard(adam, 0.6)[i]!, 12))
    expect(series.map((s) => s.rawShow)).toEqual([true, true, true])
    const smoothedCanvas = await lossCanvas(page)
    await page.locator('.smoothing').fill('0.95')
    await lossChartWhere(
      page,
      () => Math.abs(window.gradstreamDashboard.overlay!.charts.loss!.series[1]!.smoothed[49]! - 0.02) > 0.01,
    )
    expect(await lossCanvas(page)).not.toBe(smoothedCanvas)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-metric="loss"] .download-csv').click(),
    ])
    expect(download.suggestedFilename()).toBe('loss.csv')
    const rows = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n')
    expect(rows[0]).toBe('run,step,value,smoothed')
    expect(rows).toHaveLength(1 + 10 + 50 + 30)
    const expected = smoothedAsTensorBoard(adam, 0.95)
    const adamRows = rows.filter((row) => row.startsWith('"adam"')).map((row) => row.split(',').map(Number))
    adamRows.forEach(([, step, value, smoothed], i) => {
      expect([step, value]).toEqual([i + 1, adam[i]])
      expect(smoothed).toBeCloseTo(expected[i]!, 12)
    })
    expect(rows[1]).toBe(`"${HOSTILE}",1,2,2`)
    // weight 0: the line is the raw series, and the faint copy is not drawn
    await page.locator('.smoothing').fill('0')
    await lossChartWhere(page, () => window.gradstreamDashboard.overlay!.charts.loss!.series.every((s) => !s.rawShow))
    expect((await lossState(page)).series[1]!.smoothed).toEqual(adam)
    const [json] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-metric="loss"] .download-json').click(),
    ])
    const table = JSON.parse(readFileSync((await json.path())!, 'utf8'))
    expect([table.metric, table.x, table.smoothing, table.runs.map((run: { run: string }) => run.run)]).toEqual([
      'loss',
      'step',
      0,
      [HOSTILE, 'adam', 'sgd'],
    ])
    expect(table.runs[2].points[1]).toEqual({ step: 2, value: 1.5, smoothed: 1.5 })
    await page.close()
  })

  it('labels every decade of a log axis; switches to linear y, and to epoch and wall time on x', async () => {
    const page = await openPage()
    await lossSeries(page, [10, 50, 30])
    // losses from 1/50 to 3: the decades 0.01 to 10
    await lossChartWhere(page, () => {
      const chart = window.gradstreamDashboard.overlay!.charts.loss!
      return chart.log && chart.yLabels !== null
    })
    expect((await lossState(page)).yLabels).toEqual(['0.01', '0.1', '1', '10'])
    await page.locator('.y-scale').selectOption('linear')
    await lossChartWhere(page, () => !window.gradstreamDashboard.overlay!.charts.loss!.log)
    await page.locator('.x-axis').selectOption('epoch')
    await lossChartWhere(page, () => {
      const chart = window.gradstreamDashboard.overlay!.charts.loss!
      return chart.x === 'epoch' && chart.series.every((s) => s.points > 0)
    })
    const plot = (await page.locator('[data-metric="loss"] .u-over').boundingBox())!
    const readout = page.locator('[data-metric="loss"] .readout')
    await page.mouse.move(plot.x + 2, plot.y + plot.height / 2)
    await expect.poll(() => readout.locator('.readout-step').textContent()).toBe('epoch 1')
    await page.locator('.x-axis').selectOption('wall_time')
    await lossChartWhere(page, () => window.gradstreamDashboard.overlay!.charts.loss!.x === 'wall_time')
    await page.mouse.move(plot.x + 3, plot.y + plot.height / 2)
    await expect
      .poll(() => readout.locator('.readout-step').textContent())
      .toBe(`wall time ${new Date((WALL_START + 1) * 1000).toISOString().replace('T', ' ').slice(0, 19)}`)
    expect(problems).toEqual([])
    await page.close()
  })

  it('shows a constant learning rate as a one-line note, and a hyper-parameter table sorted by any column', async () => {
    const page = await openPage()
    await lossSeries(page, [10, 50, 30])
    const note = page.locator('.constant-note[data-metric="learning_rate"]')
    await expect.poll(() => note.textContent()).toBe(`learning_rateconstant${HOSTILE} 0.02adam 0.01sgd 0.03`)
    expect(await page.locator('.metric[data-metric="learning_rate"]').isHidden()).toBe(true)
    const headers = page.locator('table.hparams th')
    expect(await headers.allTextContents()).toEqual(['run', 'optimizer.name', 'scale', 'final loss', 'best loss'])
    const column = (index: number) => page.locator(`table.hparams tbody tr td:nth-child(${index})`).allTextContents()
    // sorted by run name at first, then by the final loss, both ways
    expect(await column(1)).toEqual([HOSTILE, 'adam', 'sgd'])
    await headers.filter({ hasText: 'final loss' }).click()
    expect(await column(1)).toEqual(['adam', 'sgd', HOSTILE])
    expect(await column(4)).toEqual(['0.02', '0.1', '0.2'])
    await headers.filter({ hasText: 'final loss' }).click()
    expect(await column(1)).toEqual([HOSTILE, 'sgd', 'adam'])
    expect(await column(5)).toEqual(['0.2', '0.1', '0.02'])
    await page.locator('.hparams-metric').selectOption('learning_rate')
    expect(await headers.allTextContents()).toContain('best learning_rate')
    expect(await page.locator('img').count()).toBe(0)
    await page.close()
  })

  it('zooms by dragging, keeps the zoom as lines arrive, resets on double-click; a reloaded page gets the whole history', async () => {
    const page = await openPage()
    await lossSeries(page, [10, 50, 30])
    const plot = (await page.locator('[data-metric="loss"] .u-over').boundingBox())!
    const middle = plot.y + plot.height / 2
    await page.mouse.move(plot.x + plot.width * 0.2, middle)
    await page.mouse.down()
    await page.mouse.move(plot.x + plot.width * 0.6, middle, { steps: 5 })
    await page.mouse.up()
    await lossChartWhere(page, () => window.gradstreamDashboard.overlay!.charts.loss!.zoom !== null)
    const zoom = (await lossState(page)).zoom!
    expect(zoom[0]).toBeGreaterThan(5)
    expect(zoom[1]).toBeLessThan(35)
    writeSteps('sgd', 31, 60, 3)
    await lossSeries(page, [10, 50, 60])
    expect((await lossState(page)).zoom).toEqual(zoom)
    await page.mouse.dblclick(plot.x + plot.width / 2, middle)
    await lossChartWhere(page, () => window.gradstreamDashboard.overlay!.charts.loss!.zoom === null)
    await page.reload()
    await lossSeries(page, [10, 50, 60])
    expect(problems).toEqual([])
    await page.close()
  })

  it.runIf(SCREENSHOTS)('saves the screenshots of the README', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'logdir-shots-'))
    const runs = [
      ['adam-0.01', 0.01, 1.1],
      ['sgd-0.1', 0.1, 0.6],
      ['sgd-0.3', 0.3, 0.9],
    ] as const
    runs.forEach(([name, learningRate, speed], r) => {
      mkdirSync(join(logdir, name))
      const hparams = { optimizer: { name: name.split('-')[0] }, learningRate, batchSize: 32 }
      let text = `${JSON.stringify({ type: 'hparams', wall_time: WALL_START, hparams })}\n`
      for (let step = 1; step <= 400; step++) {
        // a decaying loss with deterministic wiggles, so that smoothing shows
        const noise = 1 + 0.35 * Math.sin(step * 1.7 + r) * Math.cos(step * 0.31)
        const record: Record<string, unknown> = {
          type: 'step',
          step,
          epoch: Math.ceil(step / 40),
          wall_time: WALL_START + step * (1 + r * 0.2),
          loss: 2 * Math.exp((-speed * step) / 120) * noise + 0.02,
          learning_rate: learningRate,
        }
        if (step % 40 === 0) record['eval/accuracy'] = 1 - 0.5 * Math.exp((-speed * step) / 150) - 0.02 * r
        text += `${JSON.stringify(record)}\n`
      }
      appendFileSync(join(logdir, name, 'log.jsonl'), text)
    })
    const shots = await serveLogdir(logdir, { pollMs: 50, title: 'runs' })
    const page = await browser.newPage({ viewport: { width: 1100, height: 720 } })
    try {
      await page.goto(shots.url)
      await page.waitForFunction(() => window.gradstreamDashboard.overlay?.charts['eval/accuracy'] !== undefined)
      const plot = (await page.locator('[data-metric="loss"] .u-over').boundingBox())!
      await page.mouse.move(plot.x + plot.width * 0.3, plot.y + plot.height / 2)
      await page.screenshot({ path: join(DOCS, 'dashboard-logdir.png') })
      await page.locator('.y-scale').selectOption('linear')
      await page.locator('.x-axis').selectOption('epoch')
      await page.mouse.move(plot.x + plot.width * 0.1, plot.y + plot.height / 2)
      await page.mouse.down()
      await page.mouse.move(plot.x + plot.width * 0.5, plot.y + plot.height / 2, { steps: 5 })
      await page.mouse.up()
      await page.locator('.metric[data-metric="loss"]').screenshot({ path: join(DOCS, 'dashboard-logdir-zoom.png') })
      await page.locator('table.hparams th', { hasText: 'best loss' }).click()
      await page.locator('.hparams-section').screenshot({ path: join(DOCS, 'dashboard-logdir-hparams.png') })
    } finally {
      await page.close()
      await shots.close()
      rmSync(logdir, { recursive: true, force: true })
    }
  })
})
