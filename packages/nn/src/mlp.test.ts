import { describe, expect, it } from 'vitest'
import { ShapeError } from '@gradstream/core'
import { checkGrad } from '@gradstream/autodiff'
import { elu, randomNormal, relu, sub, square, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { linear } from './dense'
import { constantInit, randomNormalInit } from './initializers'
import { mlp } from './mlp'
import type { MlpParams } from './mlp'

// The seed's regularization network: 2-10-5-3-1, elu on every layer, N(0, 1) weights, biases 0.1.
const seedNet = (seed?: number) =>
  mlp({
    sizes: [2, 10, 5, 3, 1],
    activation: elu,
    kernelInitializer: randomNormalInit(),
    biasInitializer: constantInit(0.1),
    ...(seed === undefined ? {} : { seed }),
  })

// A tiny net to check by hand: h = relu(x·w0 + b0), out = h·w1 + b1.
const tiny: MlpParams = {
  layers: [
    {
      w: tensor([
        [1, -1],
        [0.5, 2],
      ]),
      b: tensor([0, 0.5]),
    },
    { w: tensor([[1], [-2]]), b: tensor([0.25]) },
  ],
}

describe('mlp', () => {
  it("builds the seed's layer shapes", () => {
    const params = seedNet(1).init()
    expect(params.layers.map((layer) => [layer.w.shape, layer.b.shape])).toEqual([
      [[2, 10], [10]],
      [[10, 5], [5]],
      [[5, 3], [3]],
      [[3, 1], [1]],
    ])
    expect(params.layers.every((layer) => layer.b.toFlatArray().every((v) => v === Math.fround(0.1)))).toBe(true)
  })

  it('derives per-layer seeds: layer i uses seed + 2i for w', () => {
    const params = seedNet(5).init()
    params.layers.forEach((layer, i) => {
      expect(layer.w.toArray()).toEqual(randomNormal(layer.w.shape, { seed: 5 + 2 * i }).toArray())
    })
  })

  it('is deterministic for a seed, and init(seed) overrides the seed option', () => {
    const net = seedNet(1)
    expect(net.init().layers[2]!.w.toArray()).toEqual(net.init().layers[2]!.w.toArray())
    expect(net.init(9).layers[0]!.w.toArray()).toEqual(seedNet(9).init().layers[0]!.w.toArray())
    expect(net.init(9).layers[0]!.w.toArray()).not.toEqual(net.init().layers[0]!.w.toArray())
  })

  it('computes a tiny network by hand', () => {
    // x = [1, 2]: x·w0 + b0 = [1 + 1, −1 + 4 + 0.5] = [2, 3.5]; relu keeps it; ·w1 + b1 = 2 − 7 + 0.25.
    const net = mlp({ sizes: [2, 2, 1], activation: relu, outputActivation: linear })
    expect(net.apply(tiny, tensor([[1, 2]])).toArray()).toEqual([[-4.75]])
  })

  it('applies the hidden activation to the output too unless told otherwise, as the seed does', () => {
    const net = mlp({ sizes: [2, 2, 1], activation: relu })
    expect(net.apply(tiny, tensor([[1, 2]])).toArray()).toEqual([[0]])
  })

  it('names the layer, the expected and the actual shape when params do not fit', () => {
    const net = seedNet(1)
    const params = net.init()
    const broken = { layers: params.layers.map((l, i) => (i === 1 ? { w: randomNormal([10, 4]), b: l.b } : l)) }
    expect(() => net.apply(broken, tensor([[0, 1]]))).toThrow(
      'mlp: params.layers[1].w must have shape [10, 5], got [10, 4]',
    )
    expect(() => net.apply({ layers: params.layers.slice(1) }, tensor([[0, 1]]))).toThrow(
      'mlp: params.layers must be an array of 4 layers, got 3',
    )
    expect(() => net.apply(params, tensor([[0, 1, 2]]))).toThrow('mlp: x must have shape [batch, 2], got [1, 3]')
  })

  it('rejects bad sizes', () => {
    expect(() => mlp({ sizes: [2], activation: elu })).toThrow(
      'mlp: sizes must list at least 2 widths (input and output), got [2]',
    )
    expect(() => mlp({ sizes: [2, 0, 1], activation: elu })).toThrow('mlp: sizes[1] must be an integer >= 1, got 0')
    expect(() => Reflect.apply(mlp, undefined, [{ sizes: [2, 1] }])).toThrow(
      'mlp: activation must be a function, got undefined',
    )
  })

  it("has gradients that match central differences on the seed's network", () => {
    const net = seedNet(3)
    const x = tensor(
      [
        [0.3, 1.2],
        [-0.6, 0.4],
        [0.9, -0.1],
      ],
      undefined,
      'float64',
    )
    const y = tensor([[0], [1], [1]], undefined, 'float64')
    const loss = (p: MlpParams): Tensor => sum(square(sub(net.apply(p, x), y)))
    const { maxRelError } = checkGrad(loss, net.init()) // checkGrad casts the params to float64
    expect(maxRelError).toBeLessThan(1e-6)
  })

  it('refuses a network too large to allocate with a ShapeError, naming the layer, before allocating anything', () => {
    expect(() => mlp({ sizes: [2, 3, 1e9], activation: elu })).toThrow(
      new ShapeError(
        'mlp',
        'layers[1].w [3, 1000000000] has 3000000000 elements, more than a tensor can hold (2147483647)',
      ),
    )
    expect(() => mlp({ sizes: [1, 2 ** 30, 1], activation: elu })).toThrow(
      new ShapeError('mlp', 'the network has 3221225473 parameters, more than can be allocated (2147483647)'),
    )
  })
})
