// Training on a CSV file in a few lines: Fisher's Iris data set
// (examples/data/iris.csv, CC BY 4.0, see examples/data/README.md) read with
// readCsv, the species names mapped to class indices, a seeded stratified
// train/test split, features standardised with the training set's
// statistics, and a small softmax classifier (one hidden layer) trained with
// fit and evaluated on the test set every epoch.
//
// Run it alone with:
//   npx tsx --conditions=@gradstream/source examples/09-csv-classifier.ts
import { fileURLToPath } from 'node:url'
import { readCsv } from '@gradstream/data'
import { sparseSoftmaxCrossEntropy } from '@gradstream/losses'
import { accuracyMetric, fitStandardizer, trainTestSplit } from '@gradstream/metrics'
import { heNormal, linear, mlp } from '@gradstream/nn'
import { adam } from '@gradstream/optimizers'
import { pyFormat } from '@gradstream/plot'
import { relu } from '@gradstream/tensor'
import { evaluate, fit } from '@gradstream/train'
import { filter, lastValueFrom, tap } from 'rxjs'

const EPOCHS = 60

const file = fileURLToPath(new URL('data/iris.csv', import.meta.url))
const iris = await readCsv(file, { label: 'species', labelType: 'class' })
console.log(`read ${iris.x.shape[0]} rows of ${iris.columns.join(', ')}; classes ${iris.classes!.join(', ')}`)

const { train, test } = trainTestSplit({ x: iris.x, y: iris.y }, { testFraction: 0.2, seed: 0, stratify: iris.y })
const standardizer = fitStandardizer(train.x) // the test set is scaled with the training set's mean and std
const trainSet = { x: standardizer.apply(train.x), y: train.y }
const testSet = { x: standardizer.apply(test.x), y: test.y }

const net = mlp({
  sizes: [iris.columns.length, 16, iris.classes!.length],
  activation: relu,
  outputActivation: linear, // logits: the loss applies the softmax
  kernelInitializer: heNormal(),
  seed: 1,
})

const run$ = fit({
  params: net.init(),
  loss: (params, batch) => sparseSoftmaxCrossEntropy(batch.y, net.apply(params, batch.x)),
  optimizer: adam,
  learningRate: 0.01,
  data: trainSet,
  epochs: EPOCHS,
  batching: { batchSize: 16, order: 'shuffle', seed: 0 },
})

const last = await lastValueFrom(
  run$.pipe(
    evaluate({
      data: testSet,
      predict: (params, x) => net.apply(params, x),
      loss: sparseSoftmaxCrossEntropy,
      metrics: { accuracy: accuracyMetric() },
    }),
    filter((s) => s.eval !== undefined),
    tap((s) => {
      if (s.epoch! % 10 === 0) {
        console.log(pyFormat('epoch %2d: test loss %.4f, accuracy %.4f', s.epoch!, s.eval!.loss!, s.eval!.accuracy!))
      }
    }),
  ),
)
console.log(pyFormat('test accuracy: %.4f (%d flowers)', last.eval!.accuracy!, test.y.shape[0]!))
