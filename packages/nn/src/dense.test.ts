import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { checkGrad } from '@gradstream/autodiff'
import { cast, elu, randomNormal, relu, reshape, square, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { dense } from './dense'
import { constantInit, randomNormalInit } from './initializers'
import type { DenseParams, KernelParams } from './layerParams'

const params: DenseParams = {
  w: tensor([
    [1, 2],
    [3, 4],
    [5, 6],
  ]),
  b: tensor([0.5, -1]),
}
const x = tensor([
  [1, 0, -1],
  [2, 1, 0],
])
// x·w = [[1 − 5, 2 − 6], [2 + 3, 4 + 4]] = [[−4, −4], [5, 8]]; plus b:
const linearOut = [
  [-3.5, -5],
  [5.5, 7],
]

describe('dense', () => {
  it('computes x·w + b without an activation by default', () => {
    expect(dense({ inputSize: 3, outputSize: 2 }).apply(params, x).toArray()).toEqual(linearOut)
  })

  it('applies the activation to x·w + b', () => {
    const out = dense({ inputSize: 3, outputSize: 2, activation: relu }).apply(params, x)
    expect(out.toArray()).toEqual([
      [0, 0],
      [5.5, 7],
    ])
    const eluOut = dense({ inputSize: 3, outputSize: 2, activation: elu }).apply(params, x).toFlatArray()
    expect(eluOut).toEqual(linearOut.flat().map((v) => Math.fround(v > 0 ? v : Math.expm1(v))))
  })

  it('initialises w with the seed and b with seed + 1', () => {
    const layer = dense({
      inputSize: 2,
      outputSize: 3,
      kernelInitializer: randomNormalInit(),
      biasInitializer: randomNormalInit(),
    })
    const p = layer.init(10)
    expect(p.w.toArray()).toEqual(randomNormal([2, 3], { seed: 10 }).toArray())
    expect(p.b.toArray()).toEqual(randomNormal([3], { seed: 11 }).toArray())
    expect(layer.init(10).w.toArray()).toEqual(p.w.toArray())
  })

  it('uses glorotUniform kernels and zero biases by default', () => {
    const p = dense({ inputSize: 4, outputSize: 2 }).init(0)
    expect(p.w.shape).toEqual([4, 2])
    expect(p.w.toFlatArray().every((v) => Math.abs(v) <= 1)).toBe(true)
    expect(p.b.toArray()).toEqual([0, 0])
  })

  it('rejects x of the wrong width and params of the wrong shape', () => {
    const layer = dense({ inputSize: 3, outputSize: 2 })
    expect(() => layer.apply(params, tensor([[1, 2]]))).toThrow('dense: x must have shape [batch, ..., 3], got [1, 2]')
    expect(() => layer.apply(params, tensor([1, 2, 3]))).toThrow('dense: x must have shape [batch, ..., 3], got [3]')
    expect(() => layer.apply({ w: params.w, b: tensor([1, 2, 3]) }, x)).toThrow(
      'dense: params.b must have shape [2], got [3]',
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{ w: params.w }, x])).toThrow(
      'dense: params.b must be a Tensor, got undefined',
    )
  })

  it('rejects bad sizes, unknown options and an initializer that makes the wrong shape', () => {
    expect(() => dense({ inputSize: 0, outputSize: 2 })).toThrow('dense: inputSize must be an integer >= 1, got 0')
    expect(() => dense({ inputSize: 2, outputSize: 1.5 })).toThrow('dense: outputSize must be an integer >= 1, got 1.5')
    expect(() => Reflect.apply(dense, undefined, [{ inputSize: 2, outputSize: 1, units: 3 }])).toThrow(
      "dense: unknown option 'units'; expected one of inputSize, outputSize, activation, kernelInitializer, biasInitializer, useBias",
    )
    const layer = dense({ inputSize: 2, outputSize: 1, biasInitializer: constantInit(0.1) })
    expect(layer.init(1).b.toFlatArray()).toEqual([Math.fround(0.1)])
    const wrong = dense({ inputSize: 2, outputSize: 1, kernelInitializer: () => tensor([1, 2]) })
    expect(() => wrong.init()).toThrow('dense: kernelInitializer result must have shape [2, 1], got [2]')
  })

  it('has gradients that match central differences', () => {
    const layer = dense({ inputSize: 3, outputSize: 2, activation: elu })
    const input = cast(x, 'float64')
    const loss = (p: DenseParams): Tensor => sum(square(layer.apply(p, input)))
    const { maxRelError } = checkGrad(loss, params)
    expect(maxRelError).toBeLessThan(1e-6)
  })

  it('refuses a layer too large to allocate with a ShapeError before allocating anything', () => {
    expect(() => dense({ inputSize: 2, outputSize: 1e9 })).toThrow(
      new ShapeError('dense', 'the layer has 3000000000 parameters, more than can be allocated (2147483647)'),
    )
    expect(() => dense({ inputSize: 3, outputSize: 1e9 })).toThrow(
      new ShapeError(
        'dense',
        'kernel [3, 1000000000] has 3000000000 elements, more than a tensor can hold (2147483647)',
      ),
    )
    expect(() => dense({ inputSize: 1, outputSize: 2 ** 30 + 1 })).toThrow(
      new ShapeError('dense', 'the layer has 2147483650 parameters, more than can be allocated (2147483647)'),
    )
  })

  it('refuses params and inputs that are not tensors with a DTypeError', () => {
    const layer = dense({ inputSize: 2, outputSize: 1 })
    const params = layer.init(1)
    expect(() => Reflect.apply(layer.apply, undefined, [params, [[1, 2]]])).toThrow(
      new DTypeError('dense', 'x must be a Tensor, got an array'),
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{ ...params, w: 3 }, tensor([[1, 2]])])).toThrow(DTypeError)
  })

  it('applies to the last axis of inputs of any rank >= 2, each row as the rank-2 layer computes it', () => {
    const layer = dense({ inputSize: 3, outputSize: 2, activation: elu })
    const x3 = reshape(tensor([1, 0, -1, 2, 1, 0, 0.5, 0.25, -2, 3, -1, 1]), [2, 2, 3])
    const out = layer.apply(params, x3)
    expect(out.shape).toEqual([2, 2, 2])
    expect(out.toFlatArray()).toEqual(layer.apply(params, reshape(x3, [4, 3])).toFlatArray())
    expect(layer.apply(params, reshape(x3, [1, 2, 2, 3])).shape).toEqual([1, 2, 2, 2])
  })

  it('makes and uses only w with useBias: false, ignoring a stray b', () => {
    const layer = dense({ inputSize: 3, outputSize: 2, useBias: false, biasInitializer: constantInit(5) })
    const p: KernelParams = layer.init(3)
    expect(Object.keys(p)).toEqual(['w'])
    expect(layer.useBias).toBe(false)
    expect(layer.apply({ w: params.w }, x).toArray()).toEqual([
      [-4, -4],
      [5, 8],
    ])
    expect(layer.apply(params, x).toArray()).toEqual([
      [-4, -4],
      [5, 8],
    ])
    expect(() => Reflect.apply(layer.apply, undefined, [{}, x])).toThrow(
      'dense: params.w must be a Tensor, got undefined',
    )
    expect(() => dense({ inputSize: 1, outputSize: 2 ** 31 - 1, useBias: false })).not.toThrow()
    expect(() => Reflect.apply(dense, undefined, [{ inputSize: 1, outputSize: 1, useBias: 1 }])).toThrow(
      new ConfigError('dense', 'useBias must be a boolean, got 1'),
    )
  })
})
