// Makes the pictures in @gradstream/plot's README: packages/plot/docs/*.png from real runs of the seed's
// sections, and the SVG gallery (packages/plot/docs/*.svg, fixed synthetic data, checked to be current by
// packages/plot/src/figure/gallery.test.ts):  pnpm --filter @gradstream/examples figures
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { asymmetricLoss, meanSquaredError } from '@gradstream/losses'
import { adam } from '@gradstream/optimizers'
import { collectSeries, lineChart, saveFigure, scatterPlot, serveDashboard } from '@gradstream/plot'
import { matMul, randomNormal } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, fit } from '@gradstream/train'
import type { Snapshot } from '@gradstream/train'
import { chromium } from 'playwright-core'
import { firstValueFrom, lastValueFrom, share } from 'rxjs'
import { galleryFigures } from '../packages/plot/docs/gallery'
import { customLossData } from './seed/customLossData'
import { circleData, net, runs, trainRun } from './seed/regularizationModel'
import type { LossTerms } from './seed/regularizationModel'
import { regularizationDashboard } from './seed/regularizationDashboard'

const docs = (name: string) => fileURLToPath(new URL(`../packages/plot/docs/${name}`, import.meta.url))

/** The seed's custom-loss section: w1 over 5000 Adam steps under three losses. */
async function customLossFigure(): Promise<void> {
  const data = customLossData()
  const losses = {
    'less 10, more 1': asymmetricLoss({ under: 10, over: 1 }),
    'less 1, more 10': asymmetricLoss({ under: 1, over: 10 }),
    mse: (labels: Tensor, predictions: Tensor) => meanSquaredError(predictions, labels),
  }
  const lines = []
  for (const [name, loss] of Object.entries(losses)) {
    const step$ = fit({
      params: { w1: randomNormal([2, 1], { stddev: 1, seed: 1 }) },
      loss: ({ w1 }, batch) => loss(batch.y, matMul(batch.x, w1)),
      optimizer: adam,
      learningRate: 0.001,
      data,
      steps: 5000,
      batching: { batchSize: 8 },
    })
    const w1 = collectSeries(
      (s: Snapshot<{ w1: Tensor }>) => {
        const [a, b] = s.params.w1.toFlatArray()
        return { 'w1[0]': a!, 'w1[1]': b! }
      },
      { run: name },
    )
    lines.push(...(await firstValueFrom(step$.pipe(everySteps(10), w1))))
  }
  const svg = lineChart(lines, { title: 'w1 under three losses (Adam, lr 0.001)', xLabel: 'step', yLabel: 'w1' })
  saveFigure(docs('custom-loss-w1.png'), svg)
}

/**
 * The seed's regularization section: data, network, the two losses, and `regularizationRun`, the stream of `fit`
 * snapshots of one run (named so that it is not taken for `@gradstream/train`'s `train` operator).
 */
function regularizationSetup() {
  const data = circleData()
  const regularizationRun = (terms: LossTerms, steps: number, yieldEveryMs?: number) =>
    trainRun(terms, steps, yieldEveryMs === undefined ? {} : { yieldEveryMs })
  return { data, net, runs, regularizationRun }
}

/** The data, and the boundary each run reaches after the seed's 40000 steps, over the whole plotted range. */
async function boundaryFigures(): Promise<void> {
  const { data, net, runs, regularizationRun } = regularizationSetup()
  const look = { classNames: ['0', '1'], equalAspect: true, xLabel: 'x1', yLabel: 'x2', width: 480, height: 400 }
  saveFigure(docs('data.png'), scatterPlot({ points: data.x, labels: data.y }, { ...look, title: 'the 150 points' }))
  for (const [name, terms] of Object.entries(runs)) {
    const last = await lastValueFrom(regularizationRun(terms, 40000))
    const svg = scatterPlot(
      { points: data.x, labels: data.y },
      { ...look, boundary: { predict: (grid) => net.apply(last.params, grid) }, title: `${name}, step 40000` },
    )
    saveFigure(docs(`boundary-${name === 'with L2' ? 'l2' : 'no-l2'}.png`), svg)
  }
}

/** The live dashboard of both regularization runs, photographed in headless Chromium when they end. */
async function dashboardScreenshot(): Promise<void> {
  const { runs, regularizationRun } = regularizationSetup()
  const streams = Object.fromEntries(
    Object.entries(runs).map(([name, terms]) => [name, regularizationRun(terms, 6000, 20).pipe(share())]),
  )
  const dashboard = await serveDashboard(streams, regularizationDashboard())
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  })
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  await page.goto(dashboard.url)
  await dashboard.done
  await page.waitForFunction(
    () => (globalThis as { gradstreamDashboard?: { ended: boolean } }).gradstreamDashboard?.ended === true,
  )
  // the whole page: the charts, the boundary panel and the table of runs under them
  await page.screenshot({ path: docs('dashboard.png'), fullPage: true })
  await browser.close()
  await dashboard.close()
}

/** The README's SVG figures of fixed data: several runs, classes, a boundary, params histograms. */
function galleryFigureFiles(): void {
  for (const [name, svg] of Object.entries(galleryFigures())) writeFileSync(docs(name), svg)
}

galleryFigureFiles()
await customLossFigure()
await boundaryFigures()
await dashboardScreenshot()
