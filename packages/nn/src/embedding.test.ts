import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { checkGrad, valueAndGrad } from '@gradstream/autodiff'
import { cast, mul, randomUniform, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { embedding } from './embedding'
import type { EmbeddingParams } from './embedding'

const table = tensor([
  [0, 1],
  [2, 3],
  [4, 5],
  [6, 7],
])
const ids = tensor(
  [
    [3, 0, 3],
    [1, 1, 2],
  ],
  undefined,
  'int32',
)

describe('embedding', () => {
  it('looks up one row per id, giving [...ids.shape, outputDim]', () => {
    const layer = embedding({ inputDim: 4, outputDim: 2 })
    const out = layer.apply({ embeddings: table }, ids)
    expect(out.shape).toEqual([2, 3, 2])
    expect(out.toArray()).toEqual([
      [
        [6, 7],
        [0, 1],
        [6, 7],
      ],
      [
        [2, 3],
        [2, 3],
        [4, 5],
      ],
    ])
  })

  it('initializes uniformly in [-0.05, 0.05) by default, reproducibly for a seed', () => {
    const layer = embedding({ inputDim: 50, outputDim: 3 })
    const params = layer.init(3)
    expect(params.embeddings.toArray()).toEqual(
      randomUniform([50, 3], { minval: -0.05, maxval: 0.05, seed: 3 }).toArray(),
    )
    expect(params.embeddings.toFlatArray().every((v) => v >= -0.05 && v < 0.05)).toBe(true)
  })

  it('sums the output gradient into the rows looked up, repeated ids adding up', () => {
    const layer = embedding({ inputDim: 4, outputDim: 2 })
    const weights = tensor([
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ])
    const loss = (p: EmbeddingParams): Tensor => sum(mul(layer.apply(p, ids), weights))
    const { grads } = valueAndGrad(loss)({ embeddings: table })
    // Row 3 gets positions (0,0) and (0,2); row 1 gets (1,0) and (1,1); row 0 gets (0,1); row 2 gets (1,2).
    expect(grads.embeddings.toArray()).toEqual([
      [3, 4],
      [16, 18],
      [11, 12],
      [6, 8],
    ])
    const weights64 = cast(weights, 'float64')
    const loss64 = (p: EmbeddingParams): Tensor => sum(mul(layer.apply(p, ids), weights64))
    const { maxRelError } = checkGrad(loss64, { embeddings: cast(table, 'float64') })
    expect(maxRelError).toBeLessThan(1e-6)
  })

  it('refuses ids out of range or not int32, and bad options', () => {
    const layer = embedding({ inputDim: 4, outputDim: 2 })
    expect(() => layer.apply({ embeddings: table }, tensor([1, 4], undefined, 'int32'))).toThrow(
      new ShapeError('embedding', 'ids [2] holds 4 at flat index 1, outside [0, 4)'),
    )
    expect(() => layer.apply({ embeddings: table }, tensor([1, 2]))).toThrow(
      new DTypeError('embedding', 'ids must have dtype int32, got float32'),
    )
    expect(() => layer.apply({ embeddings: cast(table, 'float64') }, tensor([-1], undefined, 'int32'))).toThrow(
      'embedding: ids [1] holds -1 at flat index 0, outside [0, 4)',
    )
    expect(() => embedding({ inputDim: 4, outputDim: 0 })).toThrow(
      new ConfigError('embedding', 'outputDim must be an integer >= 1, got 0'),
    )
    expect(() => layer.apply({ embeddings: tensor([[1, 2]]) }, ids)).toThrow(
      'embedding: params.embeddings must have shape [4, 2], got [1, 2]',
    )
  })
})
