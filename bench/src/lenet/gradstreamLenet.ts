import { valueAndGrad } from '@gradstream/autodiff'
import { softmaxCrossEntropy } from '@gradstream/losses'
import { add, conv2d, mapTree, matMul, maxPool, mul, relu, reshape, sub, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { BATCH, CLASSES, IMAGE, LEARNING_RATE, LENET_SHAPES, lenetStart } from './lenetWeights'
import type { LenetParamName } from './lenetWeights'

type LenetParams = Record<LenetParamName, Tensor>

function logits(p: LenetParams, images: Tensor): Tensor {
  const pool = (x: Tensor) => maxPool(x, { ksize: 2 })
  const h1 = pool(relu(add(conv2d(images, p.conv1), p.bias1)))
  const h2 = pool(relu(add(conv2d(h1, p.conv2), p.bias2)))
  const flat = reshape(h2, [BATCH, 256])
  const h3 = relu(add(matMul(flat, p.dense1), p.bias3))
  const h4 = relu(add(matMul(h3, p.dense2), p.bias4))
  return add(matMul(h4, p.dense3), p.bias5)
}

/** A LeNet trained with plain SGD; `run(steps)` trains and returns the last loss. */
export function gradstreamLenet(): (steps: number) => number {
  const start = lenetStart()
  let params = Object.fromEntries(
    Object.entries(start.params).map(([name, values]) => [name, tensor(values, LENET_SHAPES[name as LenetParamName])]),
  ) as LenetParams
  const images = tensor(start.images, IMAGE)
  const onehot = tensor(start.onehot, [BATCH, CLASSES])
  const lossAndGrads = valueAndGrad((p: LenetParams) => softmaxCrossEntropy(onehot, logits(p, images)))
  return (steps) => {
    let loss = NaN
    for (let i = 0; i < steps; i++) {
      const { value, grads } = lossAndGrads(params)
      params = mapTree((p: Tensor, g: Tensor) => sub(p, mul(g, LEARNING_RATE)), params, grads)
      loss = value.item()
    }
    return loss
  }
}
