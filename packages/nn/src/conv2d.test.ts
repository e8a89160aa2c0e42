import { ConfigError, DTypeError, ShapeError, StructureError } from '@gradstream/core'
import { cast, randomNormal, relu, tensor, zeros } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { conv2d } from './conv2d'
import { constantInit, randomNormalInit } from './initializers'

/** Float64 reference: VALID convolution, stride `stride`, NHWC input and HWIO kernel, plus bias. */
function convReference(
  x: readonly number[],
  [batch, height, width, inC]: readonly number[],
  w: readonly number[],
  [kh, kw, , outC]: readonly number[],
  bias: readonly number[],
  stride: number,
): number[] {
  const outH = Math.floor((height! - kh!) / stride) + 1
  const outW = Math.floor((width! - kw!) / stride) + 1
  const out: number[] = []
  for (let b = 0; b < batch!; b++)
    for (let i = 0; i < outH; i++)
      for (let j = 0; j < outW; j++)
        for (let o = 0; o < outC!; o++) {
          let total = bias[o]!
          for (let di = 0; di < kh!; di++)
            for (let dj = 0; dj < kw!; dj++)
              for (let c = 0; c < inC!; c++) {
                const xi = ((b * height! + i * stride + di) * width! + j * stride + dj) * inC! + c
                total += x[xi]! * w[((di * kw! + dj) * inC! + c) * outC! + o]!
              }
          out.push(total)
        }
  return out
}

describe('conv2d layer', () => {
  const x = randomNormal([2, 5, 6, 3], { seed: 1 })

  it('computes conv2d(x, w) + b to float32 rounding of a float64 reference', () => {
    const layer = conv2d({
      inChannels: 3,
      filters: 4,
      kernelSize: [3, 2],
      strides: 2,
      biasInitializer: constantInit(0.5),
    })
    const params = layer.init(7)
    const out = layer.apply(params, x)
    expect(out.shape).toEqual([2, 2, 3, 4])
    const expected = convReference(
      x.toFlatArray(),
      x.shape,
      params.w.toFlatArray(),
      params.w.shape,
      params.b.toFlatArray(),
      2,
    )
    // 18 products of O(1) summed in float32: the error stays well under 1e-5.
    out.toFlatArray().forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(1e-5))
  })

  it('applies the activation, SAME padding and float64', () => {
    const layer = conv2d({ inChannels: 3, filters: 2, kernelSize: 3, padding: 'SAME', activation: relu })
    const params = layer.init(2)
    const out = layer.apply(params, x)
    expect(out.shape).toEqual([2, 5, 6, 2])
    expect(out.toFlatArray().every((v) => v >= 0)).toBe(true)
    const p64 = { w: cast(params.w, 'float64'), b: cast(params.b, 'float64') }
    expect(layer.apply(p64, cast(x, 'float64')).dtype).toBe('float64')
  })

  it('makes w with the seed and b with seed + 1, glorotUniform and zeros by default, w alone without bias', () => {
    const layer = conv2d({
      inChannels: 3,
      filters: 2,
      kernelSize: 2,
      kernelInitializer: randomNormalInit(),
      biasInitializer: randomNormalInit(),
    })
    const params = layer.init(4)
    expect(params.w.toArray()).toEqual(randomNormal([2, 2, 3, 2], { seed: 4 }).toArray())
    expect(params.b.toArray()).toEqual(randomNormal([2], { seed: 5 }).toArray())
    const plain = conv2d({ inChannels: 1, filters: 6, kernelSize: 5 }).init(0)
    // glorotUniform: fanIn 25, fanOut 150, limit √(6 / 175).
    expect(plain.w.toFlatArray().every((v) => Math.abs(v) < Math.sqrt(6 / 175))).toBe(true)
    expect(plain.b.toFlatArray()).toEqual([0, 0, 0, 0, 0, 0])
    const noBias = conv2d({ inChannels: 3, filters: 2, kernelSize: 2, useBias: false })
    const kernelOnly = noBias.init(1)
    expect(Object.keys(kernelOnly)).toEqual(['w'])
    expect(noBias.apply(kernelOnly, x).shape).toEqual([2, 4, 5, 2])
    expect(Object.isFrozen(kernelOnly)).toBe(true)
  })

  it('refuses bad options when made, and wrong params and inputs when applied, leaving them untouched', () => {
    expect(() => conv2d({ inChannels: 3, filters: 0, kernelSize: 3 })).toThrow(
      new ConfigError('conv2d', 'filters must be an integer >= 1, got 0'),
    )
    expect(() => conv2d({ inChannels: 3, filters: 1, kernelSize: [3, 0] })).toThrow(
      'conv2d: kernelSize[1] must be an integer >= 1, got 0',
    )
    expect(() =>
      Reflect.apply(conv2d, undefined, [{ inChannels: 3, filters: 1, kernelSize: 3, padding: 'same' }]),
    ).toThrow(`conv2d: padding must be one of 'SAME', 'VALID', got "same"`)
    expect(() => Reflect.apply(conv2d, undefined, [{ inChannels: 3, filters: 1, kernelSize: 3, units: 3 }])).toThrow(
      "conv2d: unknown option 'units'; expected one of inChannels, filters, kernelSize, strides, padding, dilations, activation, useBias, kernelInitializer, biasInitializer",
    )
    expect(() => conv2d({ inChannels: 1e5, filters: 1e5, kernelSize: 1 })).toThrow(ShapeError)
    const layer = conv2d({ inChannels: 3, filters: 2, kernelSize: 3 })
    const params = layer.init(1)
    const before = x.toArray()
    expect(() => layer.apply(params, zeros([2, 5, 6, 4]))).toThrow(
      new ShapeError('conv2d', 'x must have shape [batch, height, width, 3], got [2, 5, 6, 4]'),
    )
    expect(() => layer.apply({ w: params.w, b: zeros([3]) }, x)).toThrow(
      'conv2d: params.b must have shape [2], got [3]',
    )
    expect(() => Reflect.apply(layer.apply, undefined, [{ w: params.w }, x])).toThrow(
      new StructureError('conv2d', 'params.b is missing; params is { w, b }'),
    )
    expect(() => Reflect.apply(layer.apply, undefined, [params, [[1]]])).toThrow(
      new DTypeError('conv2d', 'x must be a Tensor, got an array'),
    )
    expect(() => layer.apply(params, tensor([[[[1, 2, 3]]]]))).toThrow(ShapeError)
    expect(x.toArray()).toEqual(before)
  })
})
