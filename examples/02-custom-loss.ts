// The seed's section 自定义损失函数 (custom loss functions): a linear model
// y = x·w1 fitted three times to data whose noise is known, with a loss that
// charges more for predicting too little, one that charges more for predicting
// too much, and the mean squared error. Printed as the seed prints it.
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/02-custom-loss.ts
import { asymmetricLoss, meanSquaredError } from '@gradstream/losses'
import { adam } from '@gradstream/optimizers'
import { formatTensor, matMul, randomNormal } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, fit, runTraining } from '@gradstream/train'
import { logSteps, pyFormat, pyPrint } from '@gradstream/plot'
import { last, pipe } from 'rxjs'
import { customLossData } from './seed/customLossData'

const batchSize = 8
const steps = 5000

// 3. Simulated data (built in seed/customLossData.ts exactly as the seed builds it).
const data = customLossData()

type Loss = (labels: Tensor, predictions: Tensor) => Tensor

async function run(title: string, loss: Loss): Promise<void> {
  console.log(title)
  // w1 = tf.Variable(tf.random_normal([2, 1], stddev=1, seed=1)): a new
  // session starts every run from the same draw.
  const params = { w1: randomNormal([2, 1], { stddev: 1, seed: 1 }) }
  const step$ = fit({
    params,
    loss: ({ w1 }, batch) => loss(batch.y, matMul(batch.x, w1)),
    optimizer: adam,
    learningRate: 0.001,
    data,
    steps,
    batching: { batchSize },
  })
  // numpy 1.13's layout, as the seed's arrays print.
  const show = (w1: Tensor) => formatTensor(w1, { legacy: '1.13' })
  // One run, two branches. The seed prints after the update of iteration i when i % 1000 == 0,
  // i.e. after steps 1, 1001, ...
  await runTraining(step$, [
    pipe(
      everySteps(1000, { first: 1 }),
      logSteps(
        (s) => `${pyFormat('After %d training step(s), w1 is: ', s.step - 1)}\n${pyPrint(show(s.params.w1), '\n')}`,
      ),
    ),
    pipe(
      last(),
      logSteps((s) => pyPrint('Final w1 is: \n', show(s.params.w1))),
    ),
  ])
}

// 2. Predicting too little costs 10 per unit, too much costs 1: the model leans high.
await run('loss_less = 10, loss_more = 1', asymmetricLoss({ under: 10, over: 1 }))
// 5. Predicting too much costs 10 per unit: the model leans low.
await run('loss_less = 1, loss_more = 10', asymmetricLoss({ under: 1, over: 10 }))
// 6. The mean squared error: tf.losses.mean_squared_error(y, y_).
await run('mean squared error', (labels, predictions) => meanSquaredError(predictions, labels))
