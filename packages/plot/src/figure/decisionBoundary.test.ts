import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { mul, sigmoid, slice, square, sub, sum, tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { decisionBoundary, evaluateGrid } from './decisionBoundary'

// A classifier whose 0.5 level is the unit circle: sigmoid(10 (x² + y² - 1)).
const circleModel = (points: Tensor) => sigmoid(mul(sub(sum(square(points), 1), 1), 10))

describe('evaluateGrid', () => {
  it("samples like the seed's np.mgrid[-1.2:1.2:.01, -0.2:2.2:.01] (240 x 241 points)", () => {
    const grid = evaluateGrid((points) => slice(points, [0, 0], [-1, 1]), {
      x: [-1.2, 1.2],
      y: [-0.2, 2.2],
      step: 0.01,
    })
    expect([grid.xs.length, grid.ys.length]).toEqual([240, 241])
    expect(grid.xs[0]).toBe(-1.2)
    expect(grid.ys.at(-1)).toBeCloseTo(2.2, 12)
  })

  it('gives f rows with x varying slowest and stores value (i, j) at i + j * nx', () => {
    const seen: number[][] = []
    const grid = evaluateGrid(
      (points) => {
        seen.push(...(points.toArray() as number[][]))
        return sub(slice(points, [0, 0], [-1, 1]), mul(slice(points, [0, 1], [-1, 1]), 10))
      },
      { x: [0, 3], y: [0, 2], step: 1 },
    )
    expect(seen).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
    ])
    expect(Array.from(grid.values)).toEqual([0, 1, 2, -10, -9, -8])
  })

  it('throws when f returns the wrong number of values', () => {
    expect(() => evaluateGrid(() => tensor([1, 2]), { x: [0, 3], y: [0, 2], step: 1 })).toThrow(
      'evaluateGrid: f must return 6 values for the grid, got shape [2]',
    )
  })

  it('throws on a range shorter than two steps', () => {
    expect(() => evaluateGrid(circleModel, { x: [0, 0.01], y: [0, 1], step: 0.01 })).toThrow(
      'evaluateGrid: the x range [0, 0.01) holds fewer than 2 steps of 0.01',
    )
  })

  it('throws a DTypeError when f returns something other than a tensor', () => {
    expect(() => evaluateGrid(() => 1 as never, { x: [0, 1], y: [0, 1], step: 0.5 })).toThrow(
      new DTypeError('evaluateGrid', 'f must return a Tensor, got 1'),
    )
  })

  it('refuses a grid beyond 2000 x 2000 points before building it', () => {
    let calls = 0
    const f = (points: Tensor) => (calls++, points)
    expect(() => evaluateGrid(f, { x: [0, 1], y: [0, 1], step: 1e-6 })).toThrow(
      new ShapeError('evaluateGrid', 'the grid would have 1000000 x 1000000 points; at most 4000000 (2000 x 2000)'),
    )
    expect(calls).toBe(0)
  })

  it('names a malformed region', () => {
    // @ts-expect-error: x is a [start, stop] pair
    expect(() => evaluateGrid(circleModel, { x: [0], y: [0, 1], step: 0.1 })).toThrow(
      new ConfigError('evaluateGrid', 'region.x must be a [start, stop] pair of finite numbers, got an array'),
    )
    expect(() => evaluateGrid(circleModel, { x: [0, 1], y: [0, 1], step: NaN })).toThrow(
      'evaluateGrid: region.step must be a finite number > 0, got NaN',
    )
  })
})

describe('decisionBoundary', () => {
  it("traces a circle classifier's 0.5 level as the unit circle", () => {
    const lines = decisionBoundary(circleModel, { x: [-1.2, 1.2], y: [-0.2, 2.2], step: 0.01 })
    expect(lines).toHaveLength(1) // one arc, cut by the grid's bottom edge at y = -0.2
    const arc = lines[0]!
    for (const [x, y] of arc) expect(Math.abs(Math.hypot(x, y) - 1)).toBeLessThan(1e-3)
    const ys = arc.map(([, y]) => y)
    expect(Math.min(...ys)).toBeCloseTo(-0.2, 6)
    expect(Math.max(...ys)).toBeCloseTo(1, 3)
  })

  it('traces the level it is given', () => {
    // x + y = 1 is a straight line; linear interpolation finds it up to float32 rounding
    const lines = decisionBoundary((points) => sum(points, 1), { x: [-1, 2], y: [-1, 2], step: 0.25, level: 1 })
    expect(lines).toHaveLength(1)
    for (const [x, y] of lines[0]!) expect(x + y).toBeCloseTo(1, 6)
  })

  it('refuses unknown options and a level that is not finite', () => {
    // @ts-expect-error: not an option
    expect(() => decisionBoundary(circleModel, { x: [0, 1], y: [0, 1], step: 0.1, levels: [0.5] })).toThrow(
      "decisionBoundary: unknown option 'levels'; expected one of x, y, step, level",
    )
    expect(() => decisionBoundary(circleModel, { x: [0, 1], y: [0, 1], step: 0.1, level: NaN })).toThrow(
      'decisionBoundary: level must be a finite number, got NaN',
    )
  })
})
