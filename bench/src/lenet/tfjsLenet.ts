import * as tf from '@tensorflow/tfjs-core'
import '../tfjsGradients'
import { BATCH, CLASSES, IMAGE, LEARNING_RATE, LENET_SHAPES, lenetStart } from './lenetWeights'
import type { LenetParamName } from './lenetWeights'

type TfjsParams = Record<LenetParamName, tf.Variable>

function logits(p: TfjsParams, images: tf.Tensor4D): tf.Tensor {
  const pool = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid')
  const h1 = pool(tf.relu(tf.add(tf.conv2d(images, p.conv1 as tf.Tensor4D, 1, 'valid'), p.bias1)))
  const h2 = pool(tf.relu(tf.add(tf.conv2d(h1, p.conv2 as tf.Tensor4D, 1, 'valid'), p.bias2)))
  const flat = tf.reshape(h2, [BATCH, 256])
  const h3 = tf.relu(tf.add(tf.matMul(flat, p.dense1 as tf.Tensor2D), p.bias3))
  const h4 = tf.relu(tf.add(tf.matMul(h3, p.dense2 as tf.Tensor2D), p.bias4))
  return tf.add(tf.matMul(h4, p.dense3 as tf.Tensor2D), p.bias5)
}

/** The same LeNet and SGD in tfjs, variables updated in place; `run(steps)` trains and returns the last loss. */
export function tfjsLenet(): (steps: number) => number {
  const start = lenetStart()
  const names = Object.keys(LENET_SHAPES) as LenetParamName[]
  const params = Object.fromEntries(
    names.map((name) => [name, tf.variable(tf.tensor(start.params[name], [...LENET_SHAPES[name]]))]),
  ) as TfjsParams
  const images = tf.tensor4d(start.images, [...IMAGE])
  const onehot = tf.tensor2d(start.onehot, [BATCH, CLASSES])
  const variables = names.map((name) => params[name])
  const loss = () => tf.losses.softmaxCrossEntropy(onehot, logits(params, images)) as tf.Scalar
  return (steps) => {
    let last = NaN
    for (let i = 0; i < steps; i++) {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(loss, variables)
        for (const name of names)
          params[name].assign(tf.sub(params[name], tf.mul(grads[params[name].name]!, LEARNING_RATE)))
        last = value.dataSync()[0]!
      })
    }
    return last
  }
}
