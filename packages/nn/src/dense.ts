import { add, matMul } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { Initializer } from './initializers'
import { zerosInit } from './initializers'
import { checkDenseParams, checkInput, initTensor } from './layerParams'
import type { DenseParams } from './layerParams'
import { checkFunction, checkInteger, checkOptions, checkSeed } from '@gradstream/core'
import { checkParameterCount, checkShape } from './sizeChecks'
import { glorotUniform } from './varianceScaling'

/**
 * An elementwise function applied to a layer's output, such as `elu` or `relu` from `@gradstream/tensor`.
 * @example const leaky: Activation = (x) => maximum(x, mul(x, 0.2))
 */
export type Activation = (x: Tensor) => Tensor

/**
 * The identity: a layer without a nonlinearity.
 * @example linear(tensor([-1, 2])).toArray() // [-1, 2]
 */
export const linear: Activation = (x) => x

/**
 * Options of {@link dense}.
 * @example dense({ inputSize: 2, outputSize: 1, activation: elu } satisfies DenseOptions)
 */
export interface DenseOptions {
  /** Width of the input, an integer >= 1. */
  readonly inputSize: number
  /** Width of the output, an integer >= 1; `inputSize · outputSize` must fit in one tensor. */
  readonly outputSize: number
  /** Applied to `x·w + b`; default {@link linear}. */
  readonly activation?: Activation
  /** Makes `w` [inputSize, outputSize]; default {@link glorotUniform} (TF1's `tf.layers.dense`). */
  readonly kernelInitializer?: Initializer
  /** Makes `b` [outputSize]; default {@link zerosInit}. */
  readonly biasInitializer?: Initializer
}

/**
 * A dense layer as a pair of plain functions.
 * @example
 * const layer: Dense = dense({ inputSize: 2, outputSize: 1 })
 * layer.apply(layer.init(1), tensor([[1, 2]])).shape // [1, 1]
 */
export interface Dense {
  readonly inputSize: number
  readonly outputSize: number
  /** New parameters. With a seed, `w` uses `seed` and `b` uses `seed + 1`. */
  readonly init: (seed?: number) => DenseParams
  /** `activation(matMul(x, w) + b)` for `x` of shape [batch, inputSize]. */
  readonly apply: (params: DenseParams, x: Tensor) => Tensor
}

const KNOWN = ['inputSize', 'outputSize', 'activation', 'kernelInitializer', 'biasInitializer']

/**
 * Validates dense options, filling in the defaults. Shared with `mlp`, which
 * reports errors under its own name and calls the kernel `layers[i].w`.
 */
export function denseConfig(fn: string, options: DenseOptions, kernelName = 'kernel'): Required<DenseOptions> {
  const { inputSize, outputSize, activation = linear } = options
  const { kernelInitializer = glorotUniform(), biasInitializer = zerosInit() } = options
  checkInteger(fn, 'inputSize', inputSize, 1)
  checkInteger(fn, 'outputSize', outputSize, 1)
  // Refused here, before init allocates: a kernel larger than a tensor can hold.
  checkShape(fn, kernelName, [inputSize, outputSize])
  checkFunction(fn, 'activation', activation)
  checkFunction(fn, 'kernelInitializer', kernelInitializer)
  checkFunction(fn, 'biasInitializer', biasInitializer)
  return { inputSize, outputSize, activation, kernelInitializer, biasInitializer }
}

/** Makes a layer's `w` and `b`: the kernel with `seed`, the bias with `seed + 1`. */
export function initDense(fn: string, config: Required<DenseOptions>, seed: number | undefined): DenseParams {
  const { inputSize, outputSize, kernelInitializer, biasInitializer } = config
  return {
    w: initTensor(fn, 'kernelInitializer', kernelInitializer, [inputSize, outputSize], seed),
    b: initTensor(fn, 'biasInitializer', biasInitializer, [outputSize], seed === undefined ? undefined : seed + 1),
  }
}

/** `activation(matMul(x, w) + b)`, the seed's `tf.nn.elu(tf.matmul(cur_layer, weight) + bias)`. */
export function denseForward(activation: Activation, params: DenseParams, x: Tensor): Tensor {
  return activation(add(matMul(x, params.w), params.b))
}

/**
 * A fully connected layer, `activation(x·w + b)`: `tf.layers.dense`, or the
 * seed's `tf.nn.elu(tf.matmul(x, w) + b)`, as an `init`/`apply` pair of plain functions.
 *
 * @example
 * const layer = dense({ inputSize: 2, outputSize: 1, kernelInitializer: randomNormalInit(), biasInitializer: constantInit(0.1) })
 * const params = layer.init(1) // w is the seed's tf.random_normal([2, 1], seed=1)
 * layer.apply(params, tensor([[1, 1]])).shape // [1, 1]
 */
export function dense(options: DenseOptions): Dense {
  checkOptions('dense', options, KNOWN)
  const config = denseConfig('dense', options)
  const { inputSize, outputSize, activation } = config
  checkParameterCount('dense', 'the layer', inputSize * outputSize + outputSize)
  return {
    inputSize,
    outputSize,
    init: (seed) => {
      checkSeed('dense', seed)
      return initDense('dense', config, seed)
    },
    apply: (params, x) => {
      checkDenseParams('dense', 'params', params, inputSize, outputSize)
      checkInput('dense', x, inputSize)
      return denseForward(activation, params, x)
    },
  }
}
