import { checkBoolean, checkFunction, checkInteger, checkOptions, checkSeed } from '@gradstream/core'
import { add, checkPadding, conv2d as conv2dOp, pairOption } from '@gradstream/tensor'
import type { Padding, PairOption, Tensor } from '@gradstream/tensor'
import { linear } from './dense'
import type { Activation } from './dense'
import type { Initializer } from './initializers'
import { zerosInit } from './initializers'
import type { Layer } from './layer'
import { checkFloatInput, checkTensorRecord, initTensor } from './layerParams'
import type { DenseParams, KernelParams } from './layerParams'
import { checkParameterCount, checkShape } from './sizeChecks'
import { glorotUniform } from './varianceScaling'

/**
 * Options of {@link conv2d}.
 * @example conv2d({ inChannels: 1, filters: 6, kernelSize: 5, activation: relu } satisfies Conv2DLayerOptions)
 */
export interface Conv2DLayerOptions {
  /** Channels of the input (its last axis), an integer >= 1. */
  readonly inChannels: number
  /** Channels of the output: the number of filters, an integer >= 1. */
  readonly filters: number
  /** Filter size, `[height, width]` or one number for both. */
  readonly kernelSize: PairOption
  /** Step between filter positions; default 1. */
  readonly strides?: PairOption
  /** 'VALID' (default, as `tf.layers.conv2d`) or 'SAME' with TF's padding split. */
  readonly padding?: Padding
  /** Spacing between filter taps; default 1. */
  readonly dilations?: PairOption
  /** Applied to `conv2d(x, w) + b`; default `linear`. */
  readonly activation?: Activation
  /** Whether the layer adds a bias `b` (default true); without one its params are `{ w }`. */
  readonly useBias?: boolean
  /** Makes `w` [kernelHeight, kernelWidth, inChannels, filters]; default `glorotUniform()`, as `tf.layers.conv2d`. */
  readonly kernelInitializer?: Initializer
  /** Makes `b` [filters]; default `zerosInit()`. */
  readonly biasInitializer?: Initializer
}

/**
 * A 2-D convolution layer; `P` is `{ w, b }`, or `{ w }` with `useBias: false`.
 * @example
 * const conv: Conv2D = conv2d({ inChannels: 3, filters: 8, kernelSize: 3 })
 * conv.apply(conv.init(1), zeros([1, 5, 5, 3])).shape // [1, 3, 3, 8]
 */
export interface Conv2D<P extends KernelParams = DenseParams> extends Layer<P> {
  /** The kernel's shape, [kernelHeight, kernelWidth, inChannels, filters] (HWIO). */
  readonly kernelShape: readonly number[]
  readonly useBias: boolean
}

const KNOWN = [
  'inChannels',
  'filters',
  'kernelSize',
  'strides',
  'padding',
  'dilations',
  'activation',
  'useBias',
  'kernelInitializer',
  'biasInitializer',
]

/**
 * A 2-D convolution over NHWC input, `tf.layers.conv2d`:
 * `activation(conv2d(x, w, { strides, padding, dilations }) + b)` with the
 * kernel `w` [kernelHeight, kernelWidth, inChannels, filters] (HWIO) and bias
 * `b` [filters]. x is [batch, height, width, inChannels]; the output is
 * [batch, outHeight, outWidth, filters] with TF's SAME/VALID sizes. `init(seed)`
 * makes `w` with `seed` and `b` with `seed + 1`, as `dense`.
 *
 * @example
 * const conv = conv2d({ inChannels: 1, filters: 6, kernelSize: 5, activation: relu })
 * const params = conv.init(1) // { w: [5, 5, 1, 6], b: [6] }
 * conv.apply(params, zeros([64, 28, 28, 1])).shape // [64, 24, 24, 6]
 */
export function conv2d(options: Conv2DLayerOptions & { readonly useBias: false }): Conv2D<KernelParams>
export function conv2d(options: Conv2DLayerOptions & { readonly useBias?: true }): Conv2D
export function conv2d(options: Conv2DLayerOptions): Conv2D | Conv2D<KernelParams>
export function conv2d(options: Conv2DLayerOptions): Conv2D | Conv2D<KernelParams> {
  checkOptions('conv2d', options, KNOWN)
  const { inChannels, filters, kernelSize, strides = 1, padding = 'VALID', dilations = 1 } = options
  const { activation = linear, useBias = true } = options
  const { kernelInitializer = glorotUniform(), biasInitializer = zerosInit() } = options
  checkInteger('conv2d', 'inChannels', inChannels, 1)
  checkInteger('conv2d', 'filters', filters, 1)
  const [kernelHeight, kernelWidth] = pairOption('conv2d', 'kernelSize', kernelSize)
  pairOption('conv2d', 'strides', strides)
  checkPadding('conv2d', padding)
  pairOption('conv2d', 'dilations', dilations)
  checkFunction('conv2d', 'activation', activation)
  checkBoolean('conv2d', 'useBias', useBias)
  checkFunction('conv2d', 'kernelInitializer', kernelInitializer)
  checkFunction('conv2d', 'biasInitializer', biasInitializer)
  const kernelShape = [kernelHeight, kernelWidth, inChannels, filters]
  checkShape('conv2d', 'kernel', kernelShape)
  checkParameterCount(
    'conv2d',
    'the layer',
    kernelHeight * kernelWidth * inChannels * filters + (useBias ? filters : 0),
  )
  const shapes: Readonly<Record<string, readonly number[]>> = useBias
    ? { w: kernelShape, b: [filters] }
    : { w: kernelShape }
  const layout = `[batch, height, width, ${inChannels}]`
  const convolve = (x: Tensor, params: KernelParams & { readonly b?: Tensor }): Tensor => {
    const product = conv2dOp(x, params.w, { strides, padding, dilations })
    return activation(params.b === undefined ? product : add(product, params.b))
  }
  const initKernel = (seed?: number): Tensor =>
    initTensor('conv2d', 'kernelInitializer', kernelInitializer, kernelShape, seed)
  const layer = <P extends KernelParams>(init: (seed?: number) => P): Conv2D<P> => ({
    kernelShape,
    useBias,
    init: (seed) => {
      checkSeed('conv2d', seed)
      return Object.freeze(init(seed))
    },
    apply: (params, x) => {
      checkTensorRecord('conv2d', 'params', params, shapes)
      checkFloatInput('conv2d', x, 4, layout, inChannels)
      return convolve(x, params)
    },
  })
  if (!useBias) return layer((seed) => ({ w: initKernel(seed) }))
  return layer((seed) => ({
    w: initKernel(seed),
    b: initTensor('conv2d', 'biasInitializer', biasInitializer, [filters], seed === undefined ? undefined : seed + 1),
  }))
}
