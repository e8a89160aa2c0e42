import { checkSeed, childPath, ConfigError, describe, isPlainObject, StructureError } from '@gradstream/core'
import { foldIn, Tensor } from '@gradstream/tensor'
import type { Params, RandomKey } from '@gradstream/tensor'
import { checkApplyOptions, isStatefulLayer } from './layer'
import type { AnyLayer, StatefulLayer } from './layer'

/**
 * The params of a layer, read from its `init`.
 * @example type P = LayerParamsOf<Dense> // DenseParams
 */
export type LayerParamsOf<L> = L extends { readonly init: (seed?: number) => infer P extends Params } ? P : never

/**
 * The state of a layer with state or randomness, read from its `initState`.
 * @example type S = LayerStateOf<BatchNorm> // BatchNormState
 */
export type LayerStateOf<L> = L extends { readonly initState: () => infer S extends Params } ? S : never

/**
 * The params of a {@link sequential} model: one entry per layer, by name.
 * @example type P = SequentialParams<{ fc: Dense; drop: Dropout }> // { fc: DenseParams; drop: {} }
 */
export type SequentialParams<L> = { readonly [K in keyof L]: LayerParamsOf<L[K]> }

/**
 * The state of a {@link sequential} model: one entry per layer with state or randomness, by name.
 * @example type S = SequentialState<{ fc: Dense; bn: BatchNorm }> // { bn: BatchNormState }
 */
export type SequentialState<L> = {
  readonly [K in keyof L as L[K] extends { readonly initState: () => Params } ? K : never]: LayerStateOf<L[K]>
}

/**
 * Layers by name, in the order they apply.
 * @example const layers: NamedLayers = { fc1: dense({ inputSize: 2, outputSize: 3 }), out: dense({ inputSize: 3, outputSize: 1 }) }
 */
export type NamedLayers = { readonly [name: string]: AnyLayer }

/**
 * A model made of layers in sequence.
 * @example
 * const model: Sequential<{ fc: Dense }> = sequential({ fc: dense({ inputSize: 2, outputSize: 1 }) })
 * model.apply(model.init(1), tensor([[1, 2]])).output.shape // [1, 1]
 */
export interface Sequential<L extends NamedLayers> extends StatefulLayer<SequentialParams<L>, SequentialState<L>> {
  /** The layers, as passed. */
  readonly layers: L
}

// A name like '2' would be ordered before every other key by JavaScript, whatever the order written.
const INTEGER_KEY = /^(0|[1-9]\d*)$/

function checkLayers(layers: unknown): asserts layers is NamedLayers {
  if (!isPlainObject(layers) || Object.keys(layers).length === 0) {
    throw new ConfigError(
      'sequential',
      `layers must be an object of named layers { name: layer, ... }, got ${describe(layers)}`,
    )
  }
  for (const [name, layer] of Object.entries(layers)) {
    if (INTEGER_KEY.test(name)) {
      throw new ConfigError(
        'sequential',
        `layer name '${name}' is an integer, which JavaScript orders before other names; use a name such as 'layer${name}'`,
      )
    }
    const isLayer =
      typeof layer === 'object' &&
      layer !== null &&
      'init' in layer &&
      typeof layer.init === 'function' &&
      'apply' in layer &&
      typeof layer.apply === 'function'
    if (!isLayer) {
      throw new ConfigError(
        'sequential',
        `${childPath('layers', name)} must be a layer with init and apply, got ${describe(layer)}`,
      )
    }
  }
}

/** Throws a StructureError unless `tree` is an object with exactly the entries `names`. */
function checkEntries(
  path: string,
  tree: unknown,
  names: readonly string[],
  what: string,
): asserts tree is Readonly<Record<string, unknown>> {
  const expected = `${path} has one entry per ${what}: ${names.length === 0 ? 'none' : names.join(', ')}`
  if (!isPlainObject(tree))
    throw new StructureError('sequential', `${path} must be an object; ${expected}; got ${describe(tree)}`)
  for (const name of Object.keys(tree)) {
    if (!names.includes(name))
      throw new StructureError('sequential', `${childPath(path, name)} is not expected; ${expected}`)
  }
  for (const name of names) {
    if (!(name in tree)) throw new StructureError('sequential', `${childPath(path, name)} is missing; ${expected}`)
  }
}

/** What `callLayer` passes a stateful layer: its entry of sequential's state, its key, the mode. */
interface LayerCall {
  readonly state: unknown
  readonly key: RandomKey | undefined
  readonly training: boolean
}

/**
 * Calls a layer whose types `AnyLayer` erased, and checks that it returned a
 * Tensor (`call` absent) or `{ output, state }`. Its params and state are the
 * entries sequential keeps for it; the layer checks their contents.
 */
function callLayer(
  name: string,
  layer: AnyLayer,
  params: unknown,
  x: Tensor,
  call?: LayerCall,
): { readonly output: Tensor; readonly state: unknown } {
  const apply = layer.apply as (params: unknown, x: Tensor, call?: LayerCall) => unknown
  const result = call === undefined ? apply(params, x) : apply(params, x, call)
  if (call === undefined && result instanceof Tensor) return { output: result, state: undefined }
  if (call !== undefined && isPlainObject(result) && result.output instanceof Tensor) {
    return { output: result.output, state: result.state }
  }
  const expected = call === undefined ? 'a Tensor' : '{ output, state } with a Tensor output'
  throw new StructureError('sequential', `layer ${name} returned ${describe(result)}, not ${expected}`)
}

/** A frozen tree from named entries, typed from the layers: `Object.fromEntries` cannot carry that type. */
function byName<T>(entries: readonly (readonly [string, unknown])[]): T {
  return Object.freeze(Object.fromEntries(entries)) as T
}

/**
 * Layers applied in order, each to the previous one's output, as Keras's
 * `Sequential`, with params and state as readable pytrees keyed by layer name:
 * `params` has one entry per layer (`{}` for layers without params) and
 * `state` one per layer with state or randomness (`{}` for dropout). The model
 * follows the stateful convention whatever its layers: `apply(params, x,
 * { state, key, training })` returns `{ output, state }`. Layer i draws with
 * `foldIn(key, i)`. `init(seed)` gives layer i the seed `seed + 2i` (a dense
 * or conv layer's bias then uses `seed + 2i + 1`, as in `mlp`). Outside
 * training, the state comes back as passed, the same object.
 *
 * @example
 * const model = sequential({
 *   fc1: dense({ inputSize: 4, outputSize: 8, activation: relu }),
 *   bn1: batchNorm({ size: 8 }),
 *   drop1: dropout({ rate: 0.5 }),
 *   out: dense({ inputSize: 8, outputSize: 1 }),
 * })
 * const params = model.init(1) // { fc1: { w, b }, bn1: { gamma, beta }, drop1: {}, out: { w, b } }
 * const state = model.initState() // { bn1: { movingMean, movingVariance }, drop1: {} }
 * const step = model.apply(params, ones([2, 4]), { state, key: foldIn(randomKey(0), 1), training: true })
 * step.output.shape // [2, 1]; step.state holds the new moving statistics
 */
export function sequential<L extends NamedLayers>(layers: L): Sequential<L> {
  checkLayers(layers)
  const entries = Object.entries(layers)
  const names = entries.map(([name]) => name)
  const statefulNames = entries.filter(([, layer]) => isStatefulLayer(layer)).map(([name]) => name)
  return {
    layers,
    init: (seed) => {
      checkSeed('sequential', seed)
      return byName<SequentialParams<L>>(
        entries.map(([name, layer], i) => [name, layer.init(seed === undefined ? undefined : seed + 2 * i)]),
      )
    },
    initState: () =>
      byName<SequentialState<L>>(
        entries.flatMap(([name, layer]) => (layer.initState === undefined ? [] : [[name, layer.initState()]])),
      ),
    apply: (params, x, options = {}) => {
      const { state, key, training } = checkApplyOptions('sequential', options)
      checkEntries('params', params, names, 'layer')
      if (state !== undefined) checkEntries('state', state, statefulNames, 'layer with state or randomness')
      let output = x
      const next: [string, unknown][] = []
      entries.forEach(([name, layer], i) => {
        if (!isStatefulLayer(layer)) {
          output = callLayer(name, layer, params[name], output).output
          return
        }
        const call = {
          state: state === undefined ? undefined : state[name],
          key: key === undefined ? undefined : foldIn(key, i),
          training,
        }
        const result = callLayer(name, layer, params[name], output, call)
        output = result.output
        next.push([name, result.state])
      })
      const unchanged = state !== undefined && next.every(([name, layerState]) => layerState === state[name])
      return { output, state: unchanged && options.state !== undefined ? options.state : byName(next) }
    },
  }
}
