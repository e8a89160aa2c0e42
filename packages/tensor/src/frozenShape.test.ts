import { describe, expect, it } from 'vitest'
import { frozenShape } from './frozenShape'

describe('frozenShape', () => {
  it('returns a frozen shape as it is', () => {
    const shape = Object.freeze([2, 3, 4])
    expect(frozenShape(shape)).toBe(shape)
  })

  it('returns a frozen vector, matrix or scalar shape as it is, not the shared copy of an equal one', () => {
    for (const dims of [[4], [2, 9], []]) {
      const shared = frozenShape(dims.slice())
      const own = Object.freeze(dims.slice())
      expect(frozenShape(own)).toBe(own)
      expect(frozenShape(shared)).toBe(shared)
    }
  })

  it('shares one frozen copy between equal vectors and matrices', () => {
    for (const dims of [[5], [150, 10], [0, 7], [65535, 65535]]) {
      const first = frozenShape(dims.slice())
      expect(first).toEqual(dims)
      expect(Object.isFrozen(first)).toBe(true)
      expect(frozenShape(dims.slice())).toBe(first)
    }
  })

  it('keeps rank-1 and rank-2 shapes apart', () => {
    expect(frozenShape([3])).toEqual([3])
    expect(frozenShape([0, 3])).toEqual([0, 3])
    expect(frozenShape([3, 0])).toEqual([3, 0])
  })

  it('copies, so changing the array given afterwards changes nothing', () => {
    const dims = [4, 9]
    const frozen = frozenShape(dims)
    dims[0] = 1
    expect(frozen).toEqual([4, 9])
  })

  it('freezes shapes of other ranks and large dimensions without sharing them', () => {
    for (const dims of [[], [2, 3, 4], [70000], [3, 70000]]) {
      const frozen = frozenShape(dims.slice())
      expect(frozen).toEqual(dims)
      expect(Object.isFrozen(frozen)).toBe(true)
    }
    expect(frozenShape([2, 3, 4])).not.toBe(frozenShape([2, 3, 4]))
  })
})
