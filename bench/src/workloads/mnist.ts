import { sparseSoftmaxCrossEntropy } from '@gradstream/losses'
import { adam } from '@gradstream/optimizers'
import { batches, fit } from '@gradstream/train'
import type { Batch, Snapshot } from '@gradstream/train'
import { take, toArray } from 'rxjs'
import { lenet } from '../../../examples/mnist/lenet'
import { mnistSplit } from '../../../examples/mnist/mnistData'
import type { DigitSet } from '../../../examples/mnist/mnistData'
import { measureMedians } from '../measure'
import { tfjsMnist } from '../mnist/tfjsMnist'
import type { Report } from '../report'
import { formatTable, formatValue } from '../table'

const BATCH_SIZE = 64
const SHUFFLE_SEED = 0
const CHECK_STEPS = 3
const SAMPLES = 3
/** tfjs-cpu takes seconds per step, so it is timed on a few steps and its epoch is that median times the epoch's steps. */
const TFJS_STEPS = 1

/** One epoch of `examples/07-mnist.ts`'s training, as `fit` runs it: returns the loss of every step. */
function gradstreamEpochs(train: DigitSet, steps?: number): () => number[] {
  const model = lenet()
  const params = model.init(1)
  const length = steps === undefined ? { epochs: 1 } : { steps }
  const run$ = fit({
    params,
    loss: (p, batch, context) => sparseSoftmaxCrossEntropy(batch.y, model.apply(p, batch.x, context).output),
    optimizer: adam,
    learningRate: 0.001,
    data: train,
    ...length,
    batching: { batchSize: BATCH_SIZE, order: 'shuffle', seed: SHUFFLE_SEED },
  })
  return () => {
    const losses: number[] = []
    // fit without yielding options is synchronous: the whole run happens inside subscribe
    run$.subscribe((snapshot: Snapshot) => losses.push(snapshot.loss))
    return losses
  }
}

/** The first batches of the example's shuffled epoch, which tfjs trains on. */
function firstBatches(train: DigitSet, count: number): Batch[] {
  let taken: Batch[] = []
  batches(train.x, train.y, { batchSize: BATCH_SIZE, order: 'shuffle', seed: SHUFFLE_SEED })
    .pipe(take(count), toArray())
    .subscribe((all) => (taken = all))
  return taken
}

/** Both libraries train from the same params on the same batches: their first losses must agree. */
function check(train: DigitSet): { readonly lines: string; readonly problem?: string } {
  const ours = gradstreamEpochs(train, CHECK_STEPS)()
  const theirs = tfjsMnist(lenet().init(1), firstBatches(train, CHECK_STEPS))
  const theirLosses = Array.from({ length: CHECK_STEPS }, () => theirs(1))
  const worst = Math.max(...ours.map((loss, i) => Math.abs(loss - theirLosses[i]!)))
  const format = (losses: readonly number[]) => losses.map((loss) => loss.toFixed(5)).join(', ')
  const lines = `losses of the first ${CHECK_STEPS} steps: gradstream ${format(ours)}; tfjs-cpu ${format(theirLosses)}`
  return worst > 1e-4 ? { lines, problem: `the losses differ by up to ${worst.toExponential(2)}` } : { lines }
}

/**
 * Time per epoch of `examples/07-mnist.ts`'s training: the LeNet of `examples/mnist/lenet.ts` on the 8,000
 * training digits in shuffled batches of 64 with Adam(0.001), through `fit`, against the same model, params,
 * batches and Adam in tfjs's cpu backend. Evaluation is left out: it is the same in both and a fraction of a step.
 */
export const mnistReport: Report = {
  title: 'mnist: time per epoch, LeNet on 8,000 real digits, batches of 64, Adam(0.001), float32',
  run: () => {
    const { train } = mnistSplit()
    const { lines, problem } = check(train)
    const stepsPerEpoch = Math.ceil(train.x.shape[0]! / BATCH_SIZE)
    const ours = gradstreamEpochs(train)
    const theirs = tfjsMnist(lenet().init(1), firstBatches(train, stepsPerEpoch))
    const [epochSeconds, tfjsStepSeconds] = measureMedians([ours, () => theirs(TFJS_STEPS)], {
      samples: SAMPLES,
      warmups: 1,
    })
    const theirsEpoch = (tfjsStepSeconds! / TFJS_STEPS) * stepsPerEpoch
    const msPerStep = (epochSeconds: number) => formatValue((epochSeconds * 1e3) / stepsPerEpoch)
    const table = formatTable(
      ['', 'gradstream s/epoch', 'tfjs-cpu s/epoch', 'tfjs / gradstream', 'ms/step (gradstream, tfjs)', ''],
      [
        [
          `${stepsPerEpoch} steps`,
          formatValue(epochSeconds!),
          formatValue(theirsEpoch),
          `${(theirsEpoch / epochSeconds!).toFixed(1)}x`,
          `${msPerStep(epochSeconds!)}, ${msPerStep(theirsEpoch)}`,
          problem ?? '',
        ],
      ],
    )
    const note = `tfjs-cpu's epoch is its median step (${TFJS_STEPS} step a sample) times ${stepsPerEpoch}`
    return [table, lines, note].join('\n')
  },
}
