import { describe, expect, it } from 'vitest'
import {
  all,
  any,
  logSumExp,
  matMul,
  matmul,
  max,
  mean,
  min,
  prod,
  reduceAll,
  reduceAny,
  reduceLogSumExp,
  reduceMax,
  reduceMean,
  reduceMin,
  reduceProd,
  reduceSum,
  sum,
  tensor,
} from './index'

describe('TF1 aliases', () => {
  it.each([
    ['matmul', matmul, matMul],
    ['reduceSum', reduceSum, sum],
    ['reduceMean', reduceMean, mean],
    ['reduceMax', reduceMax, max],
    ['reduceMin', reduceMin, min],
    ['reduceProd', reduceProd, prod],
    ['reduceAll', reduceAll, all],
    ['reduceAny', reduceAny, any],
    ['reduceLogSumExp', reduceLogSumExp, logSumExp],
  ] as const)('%s is the same function as its gradstream name', (_, alias, original) => {
    expect(alias).toBe(original)
  })

  it('computes like the originals (the seed: reduce_mean(x, 1) and matmul)', () => {
    expect(
      reduceMean(
        tensor([
          [1, 1],
          [2, 2],
        ]),
        1,
      ).toArray(),
    ).toEqual([1, 2])
    expect(matmul(tensor([[1, 2]]), tensor([[3], [4]])).toArray()).toEqual([[11]])
  })
})
