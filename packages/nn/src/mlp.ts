import {
  checkFunction,
  checkInteger,
  checkOptions,
  checkSeed,
  ConfigError,
  describe,
  ShapeError,
} from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { denseConfig, denseForward, initDense } from './dense'
import { checkParameterCount } from './sizeChecks'
import type { Activation } from './dense'
import type { Initializer } from './initializers'
import { checkDenseParams, checkInput } from './layerParams'
import type { DenseParams } from './layerParams'

/**
 * Options of {@link mlp}.
 * @example mlp({ sizes: [2, 10, 5, 3, 1], activation: elu, seed: 1 } satisfies MlpOptions)
 */
export interface MlpOptions {
  /** Layer widths from input to output, e.g. the seed's `[2, 10, 5, 3, 1]`: 4 dense layers. */
  readonly sizes: readonly number[]
  /** Applied after every hidden layer. */
  readonly activation: Activation
  /** Applied after the last layer; default `activation`, as the seed applies elu to its output too. */
  readonly outputActivation?: Activation
  /** Makes each `w`; default `glorotUniform()`. The seed's `get_weight` is `randomNormalInit()`. */
  readonly kernelInitializer?: Initializer
  /** Makes each `b`; default `zerosInit()`. The seed uses `constantInit(0.1)`. */
  readonly biasInitializer?: Initializer
  /** Default seed of `init`: layer i's `w` uses `seed + 2i`, its `b` `seed + 2i + 1`. */
  readonly seed?: number
}

/**
 * The parameters of an `mlp`: one `{ w, b }` per layer, input side first.
 * @example mlp({ sizes: [2, 3, 1], activation: elu }).init(1).layers[1].w.shape // [3, 1]
 */
export type MlpParams = { readonly layers: readonly DenseParams[] }

/**
 * A multilayer perceptron as a pair of plain functions.
 * @example
 * const net: Mlp = mlp({ sizes: [2, 3, 1], activation: elu })
 * net.apply(net.init(1), tensor([[1, 2]])).shape // [1, 1]
 */
export interface Mlp {
  readonly sizes: readonly number[]
  /** New parameters; `seed` (default: the `seed` option) gives layer i's `w` `seed + 2i` and its `b` `seed + 2i + 1`. */
  readonly init: (seed?: number) => MlpParams
  /** The network's output for `x` of shape [batch, sizes[0]]: shape [batch, sizes[last]]. */
  readonly apply: (params: MlpParams, x: Tensor) => Tensor
}

const KNOWN = ['sizes', 'activation', 'outputActivation', 'kernelInitializer', 'biasInitializer', 'seed']

function checkSizes(sizes: unknown): asserts sizes is readonly number[] {
  if (!Array.isArray(sizes) || sizes.length < 2) {
    const got = Array.isArray(sizes) ? `[${sizes.join(', ')}]` : describe(sizes)
    throw new ConfigError('mlp', `sizes must list at least 2 widths (input and output), got ${got}`)
  }
  sizes.forEach((d: unknown, i) => checkInteger('mlp', `sizes[${i}]`, d, 1))
}

function checkLayers(params: unknown, count: number): asserts params is MlpParams {
  const layers: unknown =
    typeof params === 'object' && params !== null && 'layers' in params ? params.layers : undefined
  if (!Array.isArray(layers) || layers.length !== count) {
    const got = Array.isArray(layers) ? `${layers.length}` : describe(layers)
    throw new ShapeError('mlp', `params.layers must be an array of ${count} layers, got ${got}`)
  }
}

/**
 * A multilayer perceptron: dense layers of widths `sizes`, `activation`
 * after each hidden layer and `outputActivation` after the last, as the
 * seed's loop over `layer_dimension` builds it. Per-layer seeds come from one
 * seed: layer i's `w` uses `seed + 2i` and its `b` `seed + 2i + 1`.
 *
 * @example
 * const net = mlp({ sizes: [2, 10, 5, 3, 1], activation: elu, kernelInitializer: randomNormalInit(), biasInitializer: constantInit(0.1), seed: 1 })
 * const params = net.init()
 * params.layers.map((layer) => layer.w.shape) // [[2, 10], [10, 5], [5, 3], [3, 1]]
 * net.apply(params, tensor([[0.5, 1]])).shape // [1, 1]
 */
export function mlp(options: MlpOptions): Mlp {
  checkOptions('mlp', options, KNOWN)
  const { sizes, activation, outputActivation = activation, seed: defaultSeed } = options
  checkSizes(sizes)
  checkFunction('mlp', 'activation', activation)
  checkSeed('mlp', defaultSeed)
  const { kernelInitializer, biasInitializer } = options
  const last = sizes.length - 2
  const layers = sizes.slice(1).map((outputSize, i) =>
    denseConfig(
      'mlp',
      {
        inputSize: sizes[i]!,
        outputSize,
        activation: i === last ? outputActivation : activation,
        kernelInitializer,
        biasInitializer,
      },
      `layers[${i}].w`,
    ),
  )
  const parameters = layers.reduce((total, { inputSize, outputSize }) => total + inputSize * outputSize + outputSize, 0)
  checkParameterCount('mlp', 'the network', parameters)
  return {
    sizes: sizes.slice(),
    init: (seed = defaultSeed) => {
      checkSeed('mlp', seed)
      return {
        layers: layers.map((config, i) => initDense('mlp', config, seed === undefined ? undefined : seed + 2 * i)),
      }
    },
    apply: (params, x) => {
      checkLayers(params, layers.length)
      layers.forEach(({ inputSize, outputSize }, i) =>
        checkDenseParams('mlp', `params.layers[${i}]`, params.layers[i], inputSize, outputSize),
      )
      checkInput('mlp', x, sizes[0]!)
      return layers.reduce((h, config, i) => denseForward(config.activation, params.layers[i]!, h), x)
    },
  }
}
