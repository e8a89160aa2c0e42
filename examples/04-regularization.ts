// The seed's section 正则化 (regularization): the L1 and L2 regularizers,
// then a [2, 10, 5, 3, 1] ELU network fitted to 150 noisy points inside and
// outside a circle, once on the mean squared error alone (it over-fits) and
// once with an L2 penalty on its weights (a smoother boundary).
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/04-regularization.ts
import { mkdirSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { l1, l2 } from '@gradstream/losses'
import { decisionBoundary, logSteps, pyFormat, saveFigure, scatterPlot } from '@gradstream/plot'
import type { GridRegion } from '@gradstream/plot'
import { add, formatTensor, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, runTraining } from '@gradstream/train'
import { last, pipe, tap } from 'rxjs'
import { circleData, net, runs, trainRun } from './seed/regularizationModel'
import type { LossTerms } from './seed/regularizationModel'

const show = (x: Tensor) => formatTensor(x, { legacy: '1.13' })

// tf.contrib.layers.l1_regularizer(.5)(w) and l2_regularizer(.5)(w): 0.5·Σ|w| and 0.5·Σw²/2.
const w = tensor([
  [1, -2],
  [-3, 4],
])
console.log(show(l1(0.5)(w)))
console.log(show(l2(0.5)(w)))

// 1. The data (built in seed/regularizationModel.ts exactly as the seed builds it).
const data = circleData()
const steps = 40000
// add_n: the terms summed left to right.
const total = (terms: Record<string, Tensor>) => Object.values(terms).reduce((sum, term) => add(sum, term))

// The seed's figures go to examples/out/: the data, then each run's boundary (the 0.5 level of the output).
const out = (name: string) => fileURLToPath(new URL(`out/${name}`, import.meta.url))
mkdirSync(out(''), { recursive: true })

/** Saves a figure as SVG and as PNG under examples/out/, and says where (relative to where it was run from). */
function save(name: string, svg: string): void {
  const paths = [out(`${name}.svg`), out(`${name}.png`)]
  for (const path of paths) saveFigure(path, svg)
  console.log(`saved ${paths.map((path) => relative(process.cwd(), path)).join(' and ')}`)
}

const scatter = { points: data.x, labels: data.y }
save('data', scatterPlot(scatter, { title: 'the 150 points' }))

async function run(label: string, terms: LossTerms, figure: string, region: GridRegion): Promise<void> {
  await runTraining(trainRun(terms, steps), [
    // Like the seed, evaluate the loss again after the printed step's update.
    pipe(
      everySteps(2000, { first: 1 }),
      logSteps((s) =>
        pyFormat(`After %d steps, ${label}: %f`, s.step - 1, total(terms(s.params, data.x, data.y)).item()),
      ),
    ),
    pipe(
      last(),
      tap((s) => {
        const boundary = decisionBoundary((grid) => net.apply(s.params, grid), region)
        const svg = scatterPlot(scatter, { contours: boundary, title: `decision boundary, ${figure}` })
        save(`boundary-${figure.replace(/ /g, '-')}`, svg)
      }),
    ),
  ])
}

// 4. Trained on the mean squared error alone: the boundary bends around single points.
await run('mse_loss', runs['no L2'], 'no L2', { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.01 })
// 5. Trained on the L2 penalty plus the mean squared error: a smoother boundary.
await run('loss', runs['with L2'], 'with L2', { x: [-1, 1], y: [0, 2], step: 0.01 })
