// The seed's section 学习率的设置 (setting the learning rate): gradient
// descent on y = x² from x = 5 with a learning rate that is too large, one
// that is too small, and an exponentially decaying one.
//
// Run it alone from the repository root, after `npx -y pnpm@10 install` (the
// condition runs the workspace's packages from their sources, so nothing needs building):
//   npx tsx --conditions=@gradstream/source examples/03-learning-rate.ts
import { sgd } from '@gradstream/optimizers'
import { exponentialDecay } from '@gradstream/schedules'
import { scalar, square } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { everySteps, train } from '@gradstream/train'
import { logSteps, pyFormat } from '@gradstream/plot'
import { range } from 'rxjs'

// There is no data: each "batch" is just the iteration number.
const params = { x: scalar(5) }
const loss = ({ x }: { readonly x: Tensor }) => square(x)

// 1. Learning rate 1: x jumps between 5 and -5 for ever.
const logX = logSteps((s: { step: number; params: { x: Tensor } }) =>
  pyFormat('After %s iteration(s): x%s is %f.', s.step, s.step, s.params.x.item()),
)
range(0, 10)
  .pipe(train({ params, loss, optimizer: sgd(1) }), logX)
  .subscribe()

// 2. Learning rate 0.001: after 901 iterations x has only come down to 0.823355.
range(0, 1000)
  .pipe(train({ params, loss, optimizer: sgd(0.001) }), everySteps(100, { first: 1 }), logX)
  .subscribe()

// 3. tf.train.exponential_decay(0.1, global_step, 1, 0.96, staircase=True):
// fast at first, then slower. TF1 prints the rate after global_step has
// advanced past the update, i.e. the schedule at the step count.
const learningRate = exponentialDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.96, staircase: true })
range(0, 100)
  .pipe(
    train({ params, loss, optimizer: sgd, learningRate }),
    everySteps(10, { first: 1 }),
    logSteps((s) =>
      pyFormat(
        'After %s iteration(s): x%s is %f, learning rate is %f.',
        s.step,
        s.step,
        s.params.x.item(),
        learningRate(s.step),
      ),
    ),
  )
  .subscribe()
