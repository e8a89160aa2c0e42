// A 3-class spiral (cs231n's toy data set) classified by an MLP with batch
// norm and dropout: a seeded train/validation split, evaluation every epoch,
// early stopping on the validation loss that restores the best epoch's
// params, and a figure of the regions the model gives each class.
//
// Run it alone with:
//   npx tsx --conditions=@gradstream/source examples/08-spiral.ts
import { mkdirSync } from 'node:fs'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sparseSoftmaxCrossEntropy } from '@gradstream/losses'
import { accuracy, accuracyMetric, trainTestSplit } from '@gradstream/metrics'
import { batchNorm, dense, dropout, heNormal, sequential } from '@gradstream/nn'
import type { SequentialParams, SequentialState } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { decisionRegions, pyFormat, saveFigure } from '@gradstream/plot'
import { RandomState, relu, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { earlyStopping, evaluate, fit } from '@gradstream/train'
import { filter, lastValueFrom, tap } from 'rxjs'

const CLASSES = 3
const POINTS_PER_CLASS = 100
const HIDDEN = 32
const EPOCHS = 300

/**
 * cs231n's spiral: class j's points at radii evenly spaced in [0, 1] and
 * angles evenly spaced in [4j, 4(j + 1)] plus normal noise of 0.2, as
 * `r = np.linspace(0, 1, N); t = np.linspace(j*4, (j+1)*4, N) + np.random.randn(N)*0.2`.
 */
function spiral(seed: number): { readonly x: Tensor; readonly y: Tensor } {
  const rng = new RandomState(seed)
  const points: number[][] = []
  const labels: number[] = []
  for (let j = 0; j < CLASSES; j++) {
    for (let i = 0; i < POINTS_PER_CLASS; i++) {
      const r = i / (POINTS_PER_CLASS - 1)
      const t = 4 * j + (4 * i) / (POINTS_PER_CLASS - 1) + rng.randn() * 0.2
      points.push([r * Math.sin(t), r * Math.cos(t)])
      labels.push(j)
    }
  }
  return { x: tensor(points), y: tensor(labels, undefined, 'int32') }
}

const data = spiral(0)
const { train, test: validation } = trainTestSplit(data, { testFraction: 0.2, seed: 0, stratify: data.y })

const model = sequential({
  hidden1: dense({ inputSize: 2, outputSize: HIDDEN, activation: relu, kernelInitializer: heNormal() }),
  norm1: batchNorm({ size: HIDDEN }),
  drop1: dropout({ rate: 0.1 }),
  hidden2: dense({ inputSize: HIDDEN, outputSize: HIDDEN, activation: relu, kernelInitializer: heNormal() }),
  norm2: batchNorm({ size: HIDDEN }),
  drop2: dropout({ rate: 0.1 }),
  logits: dense({ inputSize: HIDDEN, outputSize: CLASSES }),
})
type Params = SequentialParams<typeof model.layers>
type State = SequentialState<typeof model.layers>

/** The model's logits in inference mode: batch norm's moving statistics, no dropout. */
const logitsOf = (params: Params, state: State, x: Tensor) => model.apply(params, x, { state, training: false }).output

const run$ = fit({
  params: model.init(1),
  modelState: model.initState(),
  seed: 0,
  loss: (params, batch, context) => {
    const { output, state } = model.apply(params, batch.x, context)
    return { loss: sparseSoftmaxCrossEntropy(batch.y, output), state }
  },
  optimizer: adam,
  learningRate: 0.01,
  data: train,
  epochs: EPOCHS,
  batching: { batchSize: 32, order: 'shuffle', seed: 0 },
})

const last = await lastValueFrom(
  run$.pipe(
    evaluate({
      data: validation,
      predict: (p, x, c) => model.apply(p, x, c).output,
      loss: sparseSoftmaxCrossEntropy,
      metrics: { accuracy: accuracyMetric() },
    }),
    earlyStopping({ monitor: 'eval.loss', patience: 20, minDelta: 0.001, restoreBest: true }),
    tap((s) => {
      if (s.eval !== undefined && s.epoch! % 20 === 0) {
        console.log(
          pyFormat('epoch %3d: validation loss %.4f, accuracy %.4f', s.epoch!, s.eval.loss!, s.eval.accuracy!),
        )
      }
    }),
    filter((s) => s.epochEnd === true),
  ),
)

const trainAccuracy = accuracy(train.y, logitsOf(last.params, last.modelState!, train.x))
const validationAccuracy = accuracy(validation.y, logitsOf(last.params, last.modelState!, validation.x))
const ending = last.epoch! < EPOCHS ? 'stopped early after' : 'trained for'
console.log(`${ending} epoch ${last.epoch!} (step ${last.step}); params restored from the best epoch`)
console.log(pyFormat('train accuracy: %.4f', trainAccuracy))
console.log(pyFormat('validation accuracy: %.4f', validationAccuracy))

const out = fileURLToPath(new URL('out/spiral-regions.png', import.meta.url))
mkdirSync(fileURLToPath(new URL('out/', import.meta.url)), { recursive: true })
const svg = decisionRegions((grid) => logitsOf(last.params, last.modelState!, grid), {
  region: { x: [-1.1, 1.1], y: [-1.1, 1.1], step: 0.01 },
  data: { points: data.x, labels: data.y },
  classNames: ['class 0', 'class 1', 'class 2'],
  title: `spiral: decision regions after epoch ${last.epoch!}`,
})
saveFigure(out, svg)
console.log(`decision regions saved to ${relative(process.cwd(), out)}`)
