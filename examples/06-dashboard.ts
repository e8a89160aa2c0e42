// A live dashboard of the seed's regularization section: the [2, 10, 5, 3, 1]
// ELU network trained on the 150-point circle data without and with an L2
// penalty, side by side in the browser: the loss terms, the learning rate,
// the output layer's weights and the decision boundary as it forms.
//
//   tsx --conditions=@gradstream/source 06-dashboard.ts [--port 8080] [--steps 40000] [--once]
//
// It serves until interrupted (Ctrl-C). With --once (as the demo runs it) it
// trains 4000 steps unless told otherwise, on any free port, and exits when
// training ends.
import { parseArgs } from 'node:util'
import { l2, regularization, weightsOnly } from '@gradstream/losses'
import { constantInit, mlp, randomNormalInit } from '@gradstream/nn'
import type { MlpParams } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { logSteps, pyFormat, serveDashboard, terminalChart } from '@gradstream/plot'
import { RandomState, div, elu, pow, sub, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, fit } from '@gradstream/train'
import { share } from 'rxjs'

const { values: args } = parseArgs({
  options: { port: { type: 'string' }, steps: { type: 'string' }, once: { type: 'boolean', default: false } },
})
const once = args.once
const steps = Number(args.steps ?? (once ? 4000 : 40000))
const port = Number(args.port ?? (once ? 0 : 8080))

// The seed's data: np.random.seed(0), 150 points, label 1 outside the unit circle.
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

/** One run as a shared stream: the dashboard, the logger and the chart watch the same training. */
function run(name: string, terms: (p: MlpParams, x: Tensor, y: Tensor) => Record<string, Tensor>) {
  // yieldEveryMs: training gives the event loop a turn every 20 ms, so the server answers while it runs
  const step$ = fit({
    params: net.init(),
    loss: (p, batch) => terms(p, batch.x, batch.y),
    optimizer: adam,
    learningRate: 0.001,
    data,
    steps,
    batching: { order: 'full', yieldEveryMs: 20 },
  }).pipe(share())
  step$
    .pipe(
      everySteps(Math.max(1, steps / 10), { first: 1 }),
      logSteps((s) => pyFormat('[%s] After %d steps, loss: %f', name, s.step - 1, s.loss)),
    )
    .subscribe()
  step$.pipe(terminalChart({ pick: (s) => s.losses, logY: true, title: `${name}: loss terms`, height: 8 })).subscribe()
  return step$
}

const noL2$ = run('no L2', (p, x, y) => ({ mse: mse(p, x, y) }))
const withL2$ = run('L2', (p, x, y) => ({ l2: regularization(l2(0.003), p, weightsOnly), mse: mse(p, x, y) }))

const dashboard = await serveDashboard(
  { 'no L2': noL2$, L2: withL2$ },
  {
    port,
    title: 'regularization: [2, 10, 5, 3, 1] ELU network',
    // the output layer's three weights
    params: (s) => Object.fromEntries(s.params.layers[3]!.w.toFlatArray().map((w, i) => [`w4[${i}]`, w])),
    classifier: {
      points: data.x,
      labels: data.y,
      predict: (s, grid) => net.apply(s.params, grid),
      region: { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.03 },
      everySteps: 500,
    },
  },
)
console.log(`dashboard: ${dashboard.url}`)
const ended = await dashboard.done
console.log(ended.map((run) => `${run.name}: ${run.state} at step ${run.step}`).join(', '))
if (once) await dashboard.close()
else console.log('training finished; the page stays up until Ctrl-C')
