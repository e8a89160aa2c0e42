import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fitStandardizer } from './fitStandardizer'

/** Plain float64 column statistics: mean and population standard deviation. */
function columnStats(rows: number[][], column: number): { mean: number; std: number } {
  const values = rows.map((row) => row[column]!)
  const mean = values.reduce((a, b) => a + b, 0) / values.length
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length
  return { mean, std: Math.sqrt(variance) }
}

describe('fitStandardizer', () => {
  it('fits per-column mean and population std, and applies them to other data', () => {
    const standardizer = fitStandardizer(
      tensor([
        [1, 5],
        [3, 5],
      ]),
    )
    expect(standardizer.axes).toEqual([0])
    expect(standardizer.mean.toArray()).toEqual([[2, 5]])
    expect(standardizer.std.toArray()).toEqual([[1, 0]])
    expect(
      standardizer
        .apply(
          tensor([
            [4, 6],
            [0, 5],
            [2, 4],
          ]),
        )
        .toArray(),
    ).toEqual([
      [2, 1],
      [-2, 0],
      [0, -1],
    ])
  })

  it('scales a constant column by 1, as sklearn, even when float32 rounding leaves a non-zero variance', () => {
    // 0.1 repeated: the float32 mean of 7 copies is not exactly 0.1, so moments gives a tiny non-zero variance.
    const x = tensor(Array.from({ length: 7 }, (_, i) => [0.1, i]))
    const { std, scale, apply } = fitStandardizer(x)
    expect(std.toFlatArray()[0]).toBeGreaterThan(0)
    expect(scale.toFlatArray()[0]).toBe(1)
    expect(scale.toFlatArray()[1]).toBe(std.toFlatArray()[1])
    expect(Math.abs(apply(x).toFlatArray()[0]!)).toBeLessThan(1e-7)
  })

  it('matches a float64 reference within float32 rounding', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 3 }), {
          minLength: 2,
          maxLength: 20,
        }),
        (ints) => {
          const rows = ints.map((row) => row.map((v) => v / 8))
          const x = tensor(rows)
          const { mean, std, apply } = fitStandardizer(x)
          const out = apply(x).toArray() as number[][]
          for (let c = 0; c < 3; c++) {
            const expected = columnStats(rows, c)
            // float32 sums of n terms of size <= 125 (squares <= 125²) carry about n · 2⁻²⁴ relative error each
            // step; |√a − √b| <= √|a − b| carries the variance's bound to the std.
            const meanTolerance = rows.length * 2 ** -22 * 125
            const varianceTolerance = rows.length * 2 ** -22 * 125 ** 2
            expect(Math.abs(mean.toFlatArray()[c]! - expected.mean)).toBeLessThanOrEqual(meanTolerance)
            expect(Math.abs(std.toFlatArray()[c]! - expected.std)).toBeLessThanOrEqual(Math.sqrt(varianceTolerance))
            if (expected.std > 1) {
              rows.forEach((row, r) => {
                const z = (row[c]! - expected.mean) / expected.std
                expect(Math.abs(out[r]![c]! - z)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(z)))
              })
            }
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('reduces over the axes given, negative ones counting from the end', () => {
    const x = tensor(
      [
        [
          [1, 3],
          [5, 7],
        ],
      ],
      undefined,
      'float64',
    ) // [1, 2, 2]
    const standardizer = fitStandardizer(x, [0, -1])
    expect(standardizer.axes).toEqual([0, 2])
    expect(standardizer.mean.toArray()).toEqual([[[2], [6]]])
    const other = tensor(
      [
        [[2], [6]],
        [[3], [5]],
        [[1], [8]],
      ],
      undefined,
      'float64',
    ) // [3, 2, 1]
    expect(standardizer.apply(other).toArray()).toEqual([
      [[0], [0]],
      [[1], [-1]],
      [[-1], [2]],
    ])
  })

  it('refuses bad data, axes and data of another shape or dtype', () => {
    expect(() => fitStandardizer(tensor([[1]], undefined, 'int32'))).toThrow(
      new DTypeError('fitStandardizer', 'x must have dtype float32 or float64, got int32'),
    )
    expect(() => fitStandardizer(tensor([], [0, 3]))).toThrow(
      new ShapeError('fitStandardizer', 'x has no data to fit on over axes [0]: shape [0, 3]'),
    )
    expect(() => fitStandardizer(tensor([[1]]), 2)).toThrow(
      new ConfigError('fitStandardizer', 'axes must be an integer >= -2 and <= 1, got 2'),
    )
    expect(() => fitStandardizer(tensor([[1]]), [0, -2])).toThrow(
      'fitStandardizer: axes must be distinct axes of a rank 2 tensor, at least one, got an array',
    )
    const { apply } = fitStandardizer(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    )
    expect(() => apply(tensor([[1, 2]]))).toThrow(
      new ShapeError('Standardizer.apply', 'x must have shape [*, 3] like the data fitted on ([2, 3]), got [1, 2]'),
    )
    expect(() => apply(tensor([[1, 2, 3]], undefined, 'float64'))).toThrow(
      new DTypeError('Standardizer.apply', 'x must have the dtype of the data fitted on (float32), got float64'),
    )
  })
})
