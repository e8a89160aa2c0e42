import { ConfigError, StructureError } from '@gradstream/core'
import { checkGrad, valueAndGrad } from '@gradstream/autodiff'
import { cast, foldIn, mapTree, randomKey, randomNormal, relu, square, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { batchNorm } from './batchNorm'
import { conv2d } from './conv2d'
import { dense } from './dense'
import { dropout } from './dropout'
import { flatten } from './flatten'
import type { AnyLayer } from './layer'
import { maxPool } from './pooling'
import { sequential } from './sequential'

const model = sequential({
  conv1: conv2d({ inChannels: 1, filters: 2, kernelSize: 3, activation: relu }),
  pool1: maxPool({ ksize: 2 }),
  flat: flatten(),
  fc1: dense({ inputSize: 8, outputSize: 5, activation: relu }),
  bn1: batchNorm({ size: 5 }),
  drop1: dropout({ rate: 0.4 }),
  out: dense({ inputSize: 5, outputSize: 3 }),
})
const x = randomNormal([4, 6, 6, 1], { seed: 3 })

describe('sequential', () => {
  it('keys params by layer name ({} for layers without any) and state by stateful layer', () => {
    const params = model.init(10)
    expect(Object.keys(params)).toEqual(['conv1', 'pool1', 'flat', 'fc1', 'bn1', 'drop1', 'out'])
    expect(params.conv1.w.shape).toEqual([3, 3, 1, 2])
    expect(params.fc1.w.shape).toEqual([8, 5])
    expect(params.pool1).toEqual({})
    const state = model.initState()
    expect(Object.keys(state)).toEqual(['bn1', 'drop1'])
    expect(state.bn1.movingVariance.toFlatArray()).toEqual([1, 1, 1, 1, 1])
    expect(Object.isFrozen(params) && Object.isFrozen(state)).toBe(true)
  })

  it('gives layer i the seed seed + 2i', () => {
    const params = model.init(10)
    expect(params.conv1.w.toArray()).toEqual(conv2d({ inChannels: 1, filters: 2, kernelSize: 3 }).init(10).w.toArray())
    expect(params.fc1.w.toArray()).toEqual(dense({ inputSize: 8, outputSize: 5 }).init(16).w.toArray())
    expect(params.out.w.toArray()).toEqual(dense({ inputSize: 5, outputSize: 3 }).init(22).w.toArray())
  })

  it('applies the layers in order, drawing layer i with foldIn(key, i), and leaves params and state untouched', () => {
    const params = model.init(1)
    const state = model.initState()
    const key = foldIn(randomKey(5), 12)
    const before = JSON.stringify(mapTree((t: Tensor) => t.toArray() as never, { params, state } as never))
    const { output, state: next } = model.apply(params, x, { state, key, training: true })
    expect(output.shape).toEqual([4, 3])
    // The same computation, layer by layer.
    let h = model.layers.conv1.apply(params.conv1, x)
    h = model.layers.fc1.apply(params.fc1, model.layers.flat.apply({}, model.layers.pool1.apply({}, h)))
    const bn = model.layers.bn1.apply(params.bn1, h, { state: state.bn1, training: true })
    h = model.layers.drop1.apply({}, bn.output, { key: foldIn(key, 5), training: true }).output
    expect(output.toFlatArray()).toEqual(model.layers.out.apply(params.out, h).toFlatArray())
    expect(next.bn1.movingMean.toFlatArray()).toEqual(bn.state.movingMean.toFlatArray())
    expect(next.drop1).toEqual({})
    expect(JSON.stringify(mapTree((t: Tensor) => t.toArray() as never, { params, state } as never))).toBe(before)
  })

  it('reproduces a training step for the same key, and returns the same state object outside training', () => {
    const params = model.init(1)
    const state = model.initState()
    const step = (n: number): number[] =>
      model.apply(params, x, { state, key: foldIn(randomKey(0), n), training: true }).output.toFlatArray()
    expect(step(3)).toEqual(step(3))
    expect(step(3)).not.toEqual(step(4))
    const inference = model.apply(params, x, { state })
    expect(inference.state).toBe(state)
    expect(() => model.apply(params, x, { state, training: true })).toThrow(
      'dropout: key is required when training (pass { key: foldIn(runKey, step), training: true })',
    )
  })

  it('has gradients through every kind of layer, a fixed dropout mask included, that match central differences', () => {
    const small = sequential({
      conv: conv2d({ inChannels: 1, filters: 2, kernelSize: 2 }),
      pool: maxPool({ ksize: 2 }),
      flat: flatten(),
      bn: batchNorm({ size: 8 }),
      drop: dropout({ rate: 0.25 }),
      out: dense({ inputSize: 8, outputSize: 1 }),
    })
    const params = mapTree((t: Tensor) => cast(t, 'float64'), small.init(2))
    const state = mapTree((t: Tensor) => cast(t, 'float64'), small.initState())
    const x64 = cast(randomNormal([3, 5, 5, 1], { seed: 4 }), 'float64')
    const loss = (p: typeof params): Tensor =>
      sum(square(small.apply(p, x64, { state, key: randomKey(9), training: true }).output))
    const { maxRelError } = checkGrad(loss, params)
    expect(maxRelError).toBeLessThan(1e-5)
    const { grads } = valueAndGrad(loss)(params)
    expect(Object.keys(grads)).toEqual(Object.keys(params))
  })

  it('refuses params and state that do not match its layers, naming the entry', () => {
    const params = model.init(1)
    const state = model.initState()
    const { fc1: _dropped, ...withoutFc1 } = params
    expect(() => Reflect.apply(model.apply, undefined, [withoutFc1, x, { state }])).toThrow(
      new StructureError(
        'sequential',
        'params.fc1 is missing; params has one entry per layer: conv1, pool1, flat, fc1, bn1, drop1, out',
      ),
    )
    expect(() => Reflect.apply(model.apply, undefined, [{ ...params, extra: {} }, x, { state }])).toThrow(
      'sequential: params.extra is not expected; params has one entry per layer: conv1, pool1, flat, fc1, bn1, drop1, out',
    )
    expect(() => Reflect.apply(model.apply, undefined, [params, x, { state: { bn1: state.bn1 } }])).toThrow(
      'sequential: state.drop1 is missing; state has one entry per layer with state or randomness: bn1, drop1',
    )
    expect(() => Reflect.apply(model.apply, undefined, [params, x, { state: 3 }])).toThrow(
      'sequential: state must be an object; state has one entry per layer with state or randomness: bn1, drop1; got 3',
    )
    expect(() => model.apply(params, x)).toThrow(
      'batchNorm: state must be an object { movingMean, movingVariance }, got undefined',
    )
  })

  it('refuses layers that are not layers, integer names and an empty model', () => {
    expect(() => sequential({})).toThrow(
      new ConfigError('sequential', 'layers must be an object of named layers { name: layer, ... }, got an object'),
    )
    expect(() => sequential({ 0: flatten() })).toThrow(
      "sequential: layer name '0' is an integer, which JavaScript orders before other names; use a name such as 'layer0'",
    )
    expect(() => sequential({ fc: { init: () => ({}) } as unknown as AnyLayer })).toThrow(
      'sequential: layers.fc must be a layer with init and apply, got an object',
    )
    const broken = sequential({ odd: { init: () => ({}), apply: () => 5 } as unknown as AnyLayer })
    expect(() => broken.apply(broken.init(), x)).toThrow(
      new StructureError('sequential', 'layer odd returned 5, not a Tensor'),
    )
  })

  it('nests: a sequential model is a layer', () => {
    const block = sequential({ fc: dense({ inputSize: 2, outputSize: 2 }), bn: batchNorm({ size: 2 }) })
    const outer = sequential({ block, out: dense({ inputSize: 2, outputSize: 1 }) })
    const state = outer.initState()
    expect(Object.keys(state.block)).toEqual(['bn'])
    const { output } = outer.apply(outer.init(0), tensor([[1, 2]]), { state })
    expect(output.shape).toEqual([1, 1])
  })
})
