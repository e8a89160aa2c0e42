import * as t from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { unbroadcast } from './unbroadcast'

describe('unbroadcast', () => {
  it('returns a cotangent of the right shape unchanged', () => {
    const g = t.ones([2, 3])
    expect(unbroadcast(g, [2, 3])).toBe(g)
  })

  it('sums over missing leading axes and size-1 axes', () => {
    const g = t.tensor([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    ]) // [1, 2, 3]
    expect(unbroadcast(g, [3]).toArray()).toEqual([5, 7, 9])
    expect(unbroadcast(g, [2, 1]).toArray()).toEqual([[6], [15]])
    expect(unbroadcast(g, []).toArray()).toBe(21)
    expect(unbroadcast(g, [1, 1, 3]).toArray()).toEqual([[[5, 7, 9]]])
  })

  it('drops leading size-1 axes without summing', () => {
    expect(unbroadcast(t.tensor([[1, 2]]), [2]).toArray()).toEqual([1, 2])
  })
})
