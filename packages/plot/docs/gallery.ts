// The SVG figures of @gradstream/plot's README (docs/*.svg), built from fixed, synthetic data so that they are
// the same on every machine: examples/figures.ts writes them, and src/figure/gallery.test.ts checks that the
// committed files are what this code draws today.
import { add, mul, randomNormal, sum, square, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { confusionMatrixFigure, lineChart, paramsHistogram, scatterPlot } from '../src/figure/index'
import type { LineSeries, Point } from '../src/figure/index'

/** Three illustrative runs' loss curves: exponential decay to a floor, with a deterministic wobble. */
function runSeries(): LineSeries[] {
  const runs = [
    { run: 'lr 0.1', rate: 0.004, floor: 0.02, lr: 0.1 },
    { run: 'lr 0.03', rate: 0.0015, floor: 0.015, lr: 0.03 },
    { run: 'lr 0.01', rate: 0.0005, floor: 0.01, lr: 0.01 },
  ]
  const steps = Array.from({ length: 200 }, (_, i) => 1 + i * 10)
  return runs.flatMap(({ run, rate, floor, lr }) => [
    {
      run,
      name: 'loss',
      points: steps.map((step): Point => [step, floor + 2 * Math.exp(-rate * step) * (1 + 0.15 * Math.sin(step / 37))]),
    },
    {
      run,
      name: 'val loss',
      points: steps.map((step): Point => [step, 1.4 * floor + 2.1 * Math.exp(-rate * step)]),
    },
    { run, name: 'lr', points: steps.map((step): Point => [step, lr]) },
  ])
}

/** Three interleaved spiral arms of 60 points each, class k the k-th arm (cs231n's toy data, without noise). */
function spiral(): { points: Point[]; labels: number[] } {
  const points: Point[] = []
  const labels: number[] = []
  for (let k = 0; k < 3; k++) {
    for (let i = 0; i < 60; i++) {
      const r = i / 59
      const angle = (k * 2 * Math.PI) / 3 + r * 4 + 0.2 * Math.sin(i * 7.1)
      points.push([r * Math.sin(angle), r * Math.cos(angle)])
      labels.push(k)
    }
  }
  return { points, labels }
}

/** Points on a 15 x 11 lattice, labelled 1 above the parabola y = x²/4. */
function parabolaData(): { points: Point[]; labels: number[] } {
  const points: Point[] = []
  for (let i = 0; i < 15; i++) for (let j = 0; j < 11; j++) points.push([-2.8 + i * 0.4, -0.5 + j * 0.3])
  return { points, labels: points.map(([x, y]) => (y > (x * x) / 4 ? 1 : 0)) }
}

/** A fixed "model" of the parabola: 0.5 + y - x²/4, which crosses 0.5 on it. */
const parabolaModel = (grid: Tensor): Tensor =>
  add(tensor(0.5), sum(add(mul(square(grid), tensor([-0.25, 0])), mul(grid, tensor([0, 1]))), 1))

/** Figures by file name (under docs/), as SVG text. */
export function galleryFigures(): Record<string, string> {
  const weights = randomNormal([64, 32], { stddev: 0.25, seed: 3 })
  return {
    'runs.svg': lineChart(runSeries(), {
      logY: true,
      title: 'three runs: loss and val loss (log y)',
      xLabel: 'step',
      yLabel: 'loss',
      width: 720,
    }),
    'spiral-classes.svg': scatterPlot(spiral(), {
      classNames: ['arm 0', 'arm 1', 'arm 2'],
      equalAspect: true,
      title: 'three classes, equal aspect',
      xLabel: 'x1',
      yLabel: 'x2',
    }),
    'parabola-boundary.svg': scatterPlot(parabolaData(), {
      classNames: ['below', 'above'],
      boundary: { predict: parabolaModel },
      equalAspect: true,
      title: 'the boundary over the whole plotted range',
      height: 380,
      xLabel: 'x1',
      yLabel: 'x2',
    }),
    'params-histogram.svg': paramsHistogram(
      { 'kernel at init': weights, 'kernel later': mul(weights, tensor(2.2)) },
      { bins: 40, title: 'dense kernel values', xLabel: 'weight' },
    ),
    'params-multiples.svg': paramsHistogram(
      Object.fromEntries(
        [0, 1, 2, 3].map((k) => [`layer ${k}`, randomNormal([32, 32], { stddev: 0.1 * (k + 1), seed: 10 + k })]),
      ),
      { bins: 30, multiples: true, title: 'kernels by layer', xLabel: 'weight' },
    ),
    'confusion-matrix.svg': confusionMatrixFigure(
      [
        [48, 2, 0],
        [5, 41, 4],
        [1, 6, 43],
      ],
      {
        classNames: ['cat', 'dog', 'fox'],
        title: 'three classes, 150 test images',
        xLabel: 'predicted',
        yLabel: 'true',
      },
    ),
  }
}
