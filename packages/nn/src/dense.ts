import { add, matMul, reshape } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { Initializer } from './initializers'
import { zerosInit } from './initializers'
import { checkDenseParams, checkLastAxis, initTensor } from './layerParams'
import type { DenseParams, KernelParams } from './layerParams'
import { checkBoolean, checkFunction, checkInteger, checkOptions, checkSeed } from '@gradstream/core'
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
  /** Whether the layer adds a bias `b` (default true); without one its params are `{ w }`, as `use_bias=False`. */
  readonly useBias?: boolean
}

/**
 * A dense layer as a pair of plain functions; `P` is `{ w, b }`, or `{ w }` with `useBias: false`.
 * @example
 * const layer: Dense = dense({ inputSize: 2, outputSize: 1 })
 * layer.apply(layer.init(1), tensor([[1, 2]])).shape // [1, 1]
 */
export interface Dense<P extends KernelParams = DenseParams> {
  readonly inputSize: number
  readonly outputSize: number
  readonly useBias: boolean
  /** New parameters. With a seed, `w` uses `seed` and `b` uses `seed + 1`. */
  readonly init: (seed?: number) => P
  /** `activation(x·w + b)` over the last axis of `x` [batch, ..., inputSize]: shape [batch, ..., outputSize]. */
  readonly apply: (params: P, x: Tensor) => Tensor
}

const KNOWN = ['inputSize', 'outputSize', 'activation', 'kernelInitializer', 'biasInitializer', 'useBias']

/**
 * Validates dense options, filling in the defaults. Shared with `mlp`, which
 * reports errors under its own name and calls the kernel `layers[i].w`.
 */
export function denseConfig(fn: string, options: DenseOptions, kernelName = 'kernel'): Required<DenseOptions> {
  const { inputSize, outputSize, activation = linear, useBias = true } = options
  const { kernelInitializer = glorotUniform(), biasInitializer = zerosInit() } = options
  checkInteger(fn, 'inputSize', inputSize, 1)
  checkInteger(fn, 'outputSize', outputSize, 1)
  // Refused here, before init allocates: a kernel larger than a tensor can hold.
  checkShape(fn, kernelName, [inputSize, outputSize])
  checkFunction(fn, 'activation', activation)
  checkFunction(fn, 'kernelInitializer', kernelInitializer)
  checkFunction(fn, 'biasInitializer', biasInitializer)
  checkBoolean(fn, 'useBias', useBias)
  return { inputSize, outputSize, activation, kernelInitializer, biasInitializer, useBias }
}

/** Makes a layer's `w` and `b`: the kernel with `seed`, the bias with `seed + 1`. */
export function initDense(fn: string, config: Required<DenseOptions>, seed: number | undefined): DenseParams {
  const { outputSize, biasInitializer } = config
  return {
    w: initKernel(fn, config, seed),
    b: initTensor(fn, 'biasInitializer', biasInitializer, [outputSize], seed === undefined ? undefined : seed + 1),
  }
}

function initKernel(fn: string, config: Required<DenseOptions>, seed: number | undefined): Tensor {
  const { inputSize, outputSize, kernelInitializer } = config
  return initTensor(fn, 'kernelInitializer', kernelInitializer, [inputSize, outputSize], seed)
}

/**
 * `activation(matMul(x, w) + b)`, the seed's `tf.nn.elu(tf.matmul(cur_layer, weight) + bias)`.
 * Inputs of rank > 2 are flattened to [n, inputSize] for the product and reshaped back,
 * as `tf.layers.dense` does with `tensordot`, so each row's numbers equal the rank-2 layer's.
 */
export function denseForward(
  activation: Activation,
  params: KernelParams & { readonly b?: Tensor },
  x: Tensor,
): Tensor {
  const product = x.rank === 2 ? matMul(x, params.w) : matMulLastAxis(x, params.w)
  return activation(params.b === undefined ? product : add(product, params.b))
}

function matMulLastAxis(x: Tensor, w: Tensor): Tensor {
  const outer = x.shape.slice(0, -1)
  const rows = outer.reduce((count, d) => count * d, 1)
  const product = matMul(reshape(x, [rows, w.shape[0]!]), w)
  return reshape(product, [...outer, w.shape[1]!])
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
export function dense(options: DenseOptions & { readonly useBias: false }): Dense<KernelParams>
export function dense(options: DenseOptions & { readonly useBias?: true }): Dense
export function dense(options: DenseOptions): Dense | Dense<KernelParams>
export function dense(options: DenseOptions): Dense | Dense<KernelParams> {
  checkOptions('dense', options, KNOWN)
  const config = denseConfig('dense', options)
  const { inputSize, outputSize } = config
  if (!config.useBias) {
    checkParameterCount('dense', 'the layer', inputSize * outputSize)
    return denseLayer(config, (seed) => ({ w: initKernel('dense', config, seed) }))
  }
  checkParameterCount('dense', 'the layer', inputSize * outputSize + outputSize)
  return denseLayer(config, (seed) => initDense('dense', config, seed))
}

function denseLayer<P extends KernelParams>(config: Required<DenseOptions>, init: (seed?: number) => P): Dense<P> {
  const { inputSize, outputSize, activation, useBias } = config
  return {
    inputSize,
    outputSize,
    useBias,
    init: (seed) => {
      checkSeed('dense', seed)
      return init(seed)
    },
    apply: (params, x) => {
      checkDenseParams('dense', 'params', params, inputSize, outputSize, useBias)
      checkLastAxis('dense', x, inputSize, `[batch, ..., ${inputSize}]`)
      // Without a bias, a stray `b` in params is ignored rather than added.
      return denseForward(activation, useBias ? params : { w: params.w }, x)
    },
  }
}
