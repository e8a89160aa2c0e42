import { ConfigError, checkBoolean, checkOptions } from '@gradstream/core'
import { checkRandomKey } from '@gradstream/tensor'
import type { Params, RandomKey, Tensor } from '@gradstream/tensor'

/**
 * A layer without state or randomness (`dense`, `conv2d`, `maxPool`,
 * `flatten`, `layerNorm`, `embedding`): `init` makes its parameters, `apply`
 * maps them and an input to an output. Both are pure.
 * @example
 * const layer: Layer<DenseParams> = dense({ inputSize: 2, outputSize: 1 })
 * layer.apply(layer.init(1), tensor([[1, 2]])).shape // [1, 1]
 */
export interface Layer<P extends Params = Params> {
  /** New parameters; with a seed they are reproducible. */
  readonly init: (seed?: number) => P
  /** The layer's output for `x`. */
  readonly apply: (params: P, x: Tensor) => Tensor
}

/**
 * What a layer with state or randomness needs beside its params and input.
 * @example const options: ApplyOptions = { state: layer.initState(), key: foldIn(runKey, step), training: true }
 */
export interface ApplyOptions<S extends Params = Params> {
  /** The layer's state, from `initState()` or the previous call's result; layers whose state is `{}` may omit it. */
  readonly state?: S
  /** The random key of this call; required when a layer draws random numbers (dropout while training). */
  readonly key?: RandomKey
  /** Training mode (default false): batch statistics and moving-average updates, dropout masks. */
  readonly training?: boolean
}

/**
 * The result of a layer with state: its output and its next state. With
 * `training` false the state is the one passed in, the same object.
 * @example const { output, state } = bn.apply(params, x, { state: bnState, training: true })
 */
export interface ApplyResult<S extends Params = Params> {
  readonly output: Tensor
  readonly state: S
}

/**
 * A layer with state (batch norm's moving statistics) or randomness
 * (dropout's masks). State is not trained: it is a pytree of tensors kept
 * beside the params and handed back new by every call, never mutated.
 * @example
 * const layer: StatefulLayer<BatchNormParams, BatchNormState> = batchNorm({ size: 3 })
 * layer.apply(layer.init(), tensor([[1, 2, 3]]), { state: layer.initState() }).output.shape // [1, 3]
 */
export interface StatefulLayer<P extends Params = Params, S extends Params = Params> {
  /** New parameters; with a seed they are reproducible. */
  readonly init: (seed?: number) => P
  /** The state before the first training step. */
  readonly initState: () => S
  /** The output for `x` and the next state. */
  readonly apply: (params: P, x: Tensor, options?: ApplyOptions<S>) => ApplyResult<S>
}

/**
 * Either kind of layer, as `sequential` takes them: what every layer has,
 * with the types of its own params, state and options erased.
 * @example const layers: Record<string, AnyLayer> = { fc: dense({ inputSize: 2, outputSize: 2 }), drop: dropout({ rate: 0.5 }) }
 */
export interface AnyLayer {
  readonly init: (seed?: number) => Params
  readonly initState?: () => Params
  // `never` parameters accept any layer's apply; callers that know the layer's types call it through them.
  readonly apply: (params: never, x: Tensor, options?: never) => Tensor | ApplyResult
}

/**
 * Whether `layer` follows the stateful convention (it has `initState`).
 * @example isStatefulLayer(dropout({ rate: 0.1 })) // true; isStatefulLayer(flatten()) // false
 */
export function isStatefulLayer(layer: AnyLayer): boolean {
  return typeof layer.initState === 'function'
}

/**
 * The params or state of a layer that has none: `{}`.
 * @example const params: EmptyTree = flatten().init()
 */
export type EmptyTree = Readonly<Record<string, never>>

/**
 * The one frozen `{}` that layers without params or state return.
 * @example flatten().init() === EMPTY // true
 */
export const EMPTY: EmptyTree = Object.freeze({})

const APPLY_OPTION_KEYS = ['state', 'key', 'training']

/**
 * Checks the options of a stateful `apply` (`state` is left to the layer) and
 * fills in `training = false`.
 */
export function checkApplyOptions(
  fn: string,
  options: ApplyOptions<Params>,
): { readonly state: unknown; readonly key: RandomKey | undefined; readonly training: boolean } {
  checkOptions(fn, options, APPLY_OPTION_KEYS)
  const { state, key, training = false } = options
  checkBoolean(fn, 'training', training)
  if (key !== undefined) checkRandomKey(fn, 'key', key)
  return { state, key, training }
}

/** The key of a call that draws random numbers, or a ConfigError saying how to pass one. */
export function requireKey(fn: string, key: RandomKey | undefined): RandomKey {
  if (key === undefined) {
    throw new ConfigError(fn, 'key is required when training (pass { key: foldIn(runKey, step), training: true })')
  }
  return key
}
