import { describe, expect, it } from 'vitest'
import { splitRange } from './taskRunner'

describe('splitRange', () => {
  it('splits a range into at most the parts asked for, each a multiple long but the last', () => {
    expect(splitRange(10, 2, 2)).toEqual([
      [0, 6],
      [6, 10],
    ])
    expect(splitRange(9, 2, 2)).toEqual([
      [0, 6],
      [6, 9],
    ])
    expect(splitRange(3, 4, 2)).toEqual([
      [0, 2],
      [2, 3],
    ])
    expect(splitRange(7, 1, 2)).toEqual([[0, 7]])
    expect(splitRange(12, 3)).toEqual([
      [0, 4],
      [4, 8],
      [8, 12],
    ])
    expect(splitRange(23, 4, 5)).toEqual([
      [0, 10],
      [10, 20],
      [20, 23],
    ])
    expect(splitRange(0, 4)).toEqual([])
  })
})
