import * as tf from '@tensorflow/tfjs-core'
import type { Batch } from '@gradstream/train'
import type { Tensor } from '@gradstream/tensor'
import type { Lenet } from '../../../examples/mnist/lenet'
import { DIGIT_CLASSES } from '../../../examples/mnist/mnistData'

type LenetParams = ReturnType<Lenet['init']>
type LayerName = 'conv1' | 'conv2' | 'fc1' | 'fc2' | 'out'
type TfjsParams = Record<LayerName, { readonly w: tf.Variable; readonly b: tf.Variable }>

const LAYERS: readonly LayerName[] = ['conv1', 'conv2', 'fc1', 'fc2', 'out']

const variableOf = (t: Tensor) => tf.variable(tf.tensor(t.toFlatArray(), [...t.shape], 'float32'))

function logits(p: TfjsParams, images: tf.Tensor4D): tf.Tensor {
  const pool = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid')
  const conv = (x: tf.Tensor4D, layer: 'conv1' | 'conv2') =>
    tf.relu(tf.add(tf.conv2d(x, p[layer].w as tf.Tensor4D, 1, 'valid'), p[layer].b)) as tf.Tensor4D
  const dense = (x: tf.Tensor, layer: 'fc1' | 'fc2' | 'out') =>
    tf.add(tf.matMul(x as tf.Tensor2D, p[layer].w as tf.Tensor2D), p[layer].b)
  const h2 = pool(conv(pool(conv(images, 'conv1')), 'conv2'))
  const flat = tf.reshape(h2, [images.shape[0], -1])
  return dense(tf.relu(dense(tf.relu(dense(flat, 'fc1')), 'fc2')), 'out')
}

/**
 * The MNIST LeNet in tfjs from the same initial params, trained with
 * `tf.train.adam(0.001, 0.9, 0.999, 1e-8)` (gradstream's epsilon; tfjs's
 * default is 1e-7) on the same batches, cycled. `run(steps)` trains and
 * returns the last loss.
 */
export function tfjsMnist(initial: LenetParams, batches: readonly Batch[]): (steps: number) => number {
  const params = Object.fromEntries(
    LAYERS.map((name) => [name, { w: variableOf(initial[name].w), b: variableOf(initial[name].b) }]),
  ) as TfjsParams
  const data = batches.map(({ x, y }) => ({
    images: tf.tensor4d(x.toFlatArray(), [x.shape[0]!, 28, 28, 1]),
    onehot: tf.oneHot(tf.tensor1d(y.toFlatArray(), 'int32'), DIGIT_CLASSES),
  }))
  const optimizer = tf.train.adam(0.001, 0.9, 0.999, 1e-8)
  let next = 0
  return (steps) => {
    let last = NaN
    for (let i = 0; i < steps; i++) {
      const { images, onehot } = data[next]!
      next = (next + 1) % data.length
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(onehot, logits(params, images)), true)!
      last = loss.dataSync()[0]!
      loss.dispose()
    }
    return last
  }
}
