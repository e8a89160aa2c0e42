import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { contourLines } from './contourLines'

describe('contourLines', () => {
  it('interpolates the crossing of a ramp linearly and stops at the grid edge', () => {
    // values rise 0, 0.5, 1 along x = 0, 1, 2: the level 0.75 is crossed at x = 1.5, for every y
    const lines = contourLines({ xs: [0, 1, 2], ys: [0, 1], values: [0, 0.5, 1, 0, 0.5, 1] }, 0.75)
    expect(lines).toEqual([
      [
        [1.5, 0],
        [1.5, 1],
      ],
    ])
  })

  it('closes a line around a bump inside the grid', () => {
    const xs = [0, 1, 2, 3, 4]
    const values = xs.flatMap((y) => xs.map((x) => Math.max(0, 1 - ((x - 2) ** 2 + (y - 2) ** 2) / 4)))
    const [ring, ...rest] = contourLines({ xs, ys: xs, values }, 0.5)
    expect(rest).toEqual([])
    expect(ring![0]).toEqual(ring!.at(-1))
    // the level set 1 - r²/4 = 0.5 is the circle r = √2; linear interpolation between samples stays within 0.25 of it
    for (const [x, y] of ring!) expect(Math.abs(Math.hypot(x - 2, y - 2) - Math.SQRT2)).toBeLessThan(0.25)
  })

  it('maps grid positions to unevenly offset data coordinates', () => {
    const lines = contourLines({ xs: [-1, 0, 1], ys: [10, 20], values: [0, 1, 1, 0, 1, 1] }, 0.5)
    expect(lines).toEqual([
      [
        [-0.5, 10],
        [-0.5, 20],
      ],
    ])
  })

  it('returns no lines when the level is never crossed', () => {
    expect(contourLines({ xs: [0, 1], ys: [0, 1], values: [0, 0, 0, 0] }, 0.5)).toEqual([])
  })

  it('throws when the values do not fill the grid', () => {
    expect(() => contourLines({ xs: [0, 1], ys: [0, 1], values: [0, 0, 0] }, 0.5)).toThrow(
      'contourLines: the grid has 2 x 2 points but 3 values',
    )
  })

  it('throws on a grid with a single row', () => {
    expect(() => contourLines({ xs: [0, 1], ys: [0], values: [0, 1] }, 0.5)).toThrow(
      'contourLines: the grid needs at least 2 x and 2 y values, got 2 and 1',
    )
  })

  it('names a grid that is not arrays of numbers', () => {
    expect(() => contourLines({ xs: [0, NaN], ys: [0, 1], values: [0, 0, 0, 0] }, 0.5)).toThrow(
      new ConfigError('contourLines', 'grid.xs must be an array of finite numbers, got an array'),
    )
    expect(() => contourLines({ xs: [0, 1], ys: [0, 1], values: 4 as never }, 0.5)).toThrow(
      'contourLines: grid.values must be an array of numbers, got 4',
    )
  })
})
