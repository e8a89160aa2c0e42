// Makes the pictures in @gradstream/plot's README (packages/plot/docs/*.png)
// from real runs of the seed's sections:  pnpm --filter @gradstream/examples figures
import { fileURLToPath } from 'node:url'
import { asymmetricLoss, meanSquaredError } from '@gradstream/losses'
import { adam } from '@gradstream/optimizers'
import { collectSeries, decisionBoundary, lineChart, saveFigure, scatterPlot, serveDashboard } from '@gradstream/plot'
import { matMul, randomNormal } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, fit } from '@gradstream/train'
import type { Snapshot } from '@gradstream/train'
import { chromium } from 'playwright-core'
import { firstValueFrom, lastValueFrom, share } from 'rxjs'
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
    const w1 = collectSeries((s: Snapshot<{ w1: Tensor }>) => {
      const [a, b] = s.params.w1.toFlatArray()
      return { [`${name}: w1[0]`]: a!, [`${name}: w1[1]`]: b! }
    })
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

/** The data with the boundary each run reaches after the seed's 40000 steps, on the seed's grids. */
async function boundaryFigures(): Promise<void> {
  const { data, net, runs, regularizationRun } = regularizationSetup()
  const grids = { 'no L2': { x: [-1.2, 1.2], y: [-0.2, 2.2] }, 'with L2': { x: [-1, 1], y: [0, 2] } } as const
  saveFigure(
    docs('data.png'),
    scatterPlot({ points: data.x, labels: data.y }, { title: 'the 150 points', width: 480, height: 400 }),
  )
  for (const [name, terms] of Object.entries(runs)) {
    const last = await lastValueFrom(regularizationRun(terms, 40000))
    const boundary = decisionBoundary((grid) => net.apply(last.params, grid), {
      ...grids[name as keyof typeof grids],
      step: 0.01,
    })
    const svg = scatterPlot(
      { points: data.x, labels: data.y },
      { contours: boundary, title: `${name}, step 40000`, width: 480, height: 400 },
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
  const page = await browser.newPage({ viewport: { width: 1100, height: 860 } })
  await page.goto(dashboard.url)
  await dashboard.done
  await page.waitForFunction(
    () => (globalThis as { gradstreamDashboard?: { ended: boolean } }).gradstreamDashboard?.ended === true,
  )
  await page.screenshot({ path: docs('dashboard.png') })
  await browser.close()
  await dashboard.close()
}

await customLossFigure()
await boundaryFigures()
await dashboardScreenshot()
