// Makes the pictures in this package's README (docs/*.png) from real runs of
// the seed's sections:  pnpm --filter @gradstream/plot figures
import { fileURLToPath } from 'node:url'
import { asymmetricLoss, l2, meanSquaredError, regularization, weightsOnly } from '@gradstream/losses'
import { constantInit, mlp, randomNormalInit } from '@gradstream/nn'
import type { MlpParams } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { RandomState, cast, div, elu, matMul, pow, randomNormal, sub, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, fit } from '@gradstream/train'
import type { Snapshot } from '@gradstream/train'
import { chromium } from 'playwright-core'
import { firstValueFrom, lastValueFrom, share } from 'rxjs'
import { collectSeries, decisionBoundary, lineChart, saveFigure, scatterPlot, serveDashboard } from '../src/index'

const docs = (name: string) => fileURLToPath(new URL(`../docs/${name}`, import.meta.url))

/** The seed's custom-loss section: w1 over 5000 Adam steps under three losses. */
async function customLossFigure(): Promise<void> {
  const rdm = new RandomState(1)
  const X = rdm.rand(128, 2)
  const Y = tensor(
    (X.toArray() as number[][]).map(([a, b]) => [a! + b! + (rdm.rand() / 10 - 0.05)]),
    undefined,
    'float64',
  )
  const data = { x: cast(X, 'float32'), y: cast(Y, 'float32') }
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

/** The seed's regularization section: data, network and the two losses. */
function regularizationSetup() {
  const rng = new RandomState(0)
  const points: number[][] = []
  const labels: number[][] = []
  for (let i = 0; i < 150; i++) {
    const x1 = rng.uniform(-1, 1)
    const x2 = rng.uniform(0, 2)
    labels.push([x1 ** 2 + x2 ** 2 <= 1 ? 0 : 1])
    points.push([rng.normal(x1, 0.1), rng.normal(x2, 0.1)])
  }
  const data = { x: tensor(points), y: tensor(labels) }
  const net = mlp({
    sizes: [2, 10, 5, 3, 1],
    activation: elu,
    kernelInitializer: randomNormalInit(),
    biasInitializer: constantInit(0.1),
    seed: 7,
  })
  const mse = (p: MlpParams, x: Tensor, y: Tensor) => div(sum(pow(sub(y, net.apply(p, x)), 2)), 150)
  type Terms = (p: MlpParams, x: Tensor, y: Tensor) => Record<string, Tensor>
  const runs: Record<string, Terms> = {
    'no L2': (p: MlpParams, x: Tensor, y: Tensor) => ({ mse: mse(p, x, y) }),
    L2: (p: MlpParams, x: Tensor, y: Tensor) => ({ l2: regularization(l2(0.003), p, weightsOnly), mse: mse(p, x, y) }),
  }
  const train = (terms: Terms, steps: number, yieldEveryMs?: number) =>
    fit({
      params: net.init(),
      loss: (p, batch) => terms(p, batch.x, batch.y),
      optimizer: adam,
      learningRate: 0.001,
      data,
      steps,
      batching: { order: 'full', ...(yieldEveryMs === undefined ? {} : { yieldEveryMs }) },
    })
  return { data, net, runs, train }
}

/** The data with the boundary each run reaches after the seed's 40000 steps, on the seed's grids. */
async function boundaryFigures(): Promise<void> {
  const { data, net, runs, train } = regularizationSetup()
  const grids = { 'no L2': { x: [-1.2, 1.2], y: [-0.2, 2.2] }, L2: { x: [-1, 1], y: [0, 2] } } as const
  saveFigure(
    docs('data.png'),
    scatterPlot({ points: data.x, labels: data.y }, { title: 'the 150 points', width: 480, height: 400 }),
  )
  for (const [name, terms] of Object.entries(runs)) {
    const last = await lastValueFrom(train(terms, 40000))
    const boundary = decisionBoundary((grid) => net.apply(last.params, grid), {
      ...grids[name as keyof typeof grids],
      step: 0.01,
    })
    const svg = scatterPlot(
      { points: data.x, labels: data.y },
      { contours: boundary, title: `${name}, step 40000`, width: 480, height: 400 },
    )
    saveFigure(docs(`boundary-${name === 'L2' ? 'l2' : 'no-l2'}.png`), svg)
  }
}

/** The live dashboard of both regularization runs, photographed in headless Chromium when they end. */
async function dashboardScreenshot(): Promise<void> {
  const { data, net, runs, train } = regularizationSetup()
  const streams = Object.fromEntries(
    Object.entries(runs).map(([name, terms]) => [name, train(terms, 6000, 20).pipe(share())]),
  )
  const dashboard = await serveDashboard(streams, {
    title: 'regularization: [2, 10, 5, 3, 1] ELU network',
    params: (s) => Object.fromEntries(s.params.layers[3]!.w.toFlatArray().map((w, i) => [`w4[${i}]`, w])),
    classifier: {
      points: data.x,
      labels: data.y,
      predict: (s, grid) => net.apply(s.params, grid),
      region: { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.03 },
    },
  })
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
