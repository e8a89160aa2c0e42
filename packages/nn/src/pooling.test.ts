import { ConfigError, StructureError } from '@gradstream/core'
import { avgPool as avgPoolOp, maxPool as maxPoolOp, randomNormal } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { avgPool, maxPool } from './pooling'

const x = randomNormal([2, 6, 5, 3], { seed: 8 })

describe('maxPool and avgPool layers', () => {
  it('compute the ops with the layer’s window, strides defaulting to ksize', () => {
    const pool = maxPool({ ksize: 2 })
    expect(pool.init()).toEqual({})
    expect(pool.strides).toEqual([2, 2])
    const out = pool.apply({}, x)
    expect(out.shape).toEqual([2, 3, 2, 3])
    expect(out.toFlatArray()).toEqual(maxPoolOp(x, { ksize: 2 }).toFlatArray())
    const average = avgPool({ ksize: [3, 2], strides: 2, padding: 'SAME' })
    expect(average.apply({}, x).toFlatArray()).toEqual(
      avgPoolOp(x, { ksize: [3, 2], strides: 2, padding: 'SAME' }).toFlatArray(),
    )
    expect(average.apply({}, x).shape).toEqual([2, 3, 3, 3])
  })

  it('computes a max pool value by hand', () => {
    const values = x.toFlatArray()
    const at = (h: number, w: number, c: number): number => values[(h * 5 + w) * 3 + c]!
    const first = maxPool({ ksize: 2 }).apply({}, x).toFlatArray()[1]
    expect(first).toBe(Math.max(at(0, 0, 1), at(0, 1, 1), at(1, 0, 1), at(1, 1, 1)))
  })

  it('refuses bad windows and options when made, and params when applied', () => {
    expect(() => maxPool({ ksize: 0 })).toThrow(new ConfigError('maxPool', 'ksize must be an integer >= 1, got 0'))
    expect(() => Reflect.apply(avgPool, undefined, [{ ksize: 2, padding: 'valid' }])).toThrow(
      `avgPool: padding must be one of 'SAME', 'VALID', got "valid"`,
    )
    expect(() => Reflect.apply(maxPool, undefined, [{ ksize: 2, poolSize: 2 }])).toThrow(
      "maxPool: unknown option 'poolSize'; expected one of ksize, strides, padding",
    )
    expect(() => Reflect.apply(maxPool({ ksize: 2 }).apply, undefined, [{ w: x }, x])).toThrow(
      new StructureError('maxPool', 'params.w is not expected; params is {}'),
    )
  })
})
