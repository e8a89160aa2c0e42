import { describe, expect, it } from 'vitest'
import { ShapeError } from './errors'
import {
  broadcastShapes,
  checkShape,
  formatShape,
  normalizeAxes,
  normalizeAxis,
  normalizeNewAxis,
  shapesEqual,
  sizeOf,
  stridesOf,
} from './shape'

describe('formatShape', () => {
  it('prints shapes with brackets and a space after each comma', () => {
    expect(formatShape([2, 3])).toBe('[2, 3]')
    expect(formatShape([23])).toBe('[23]')
    expect(formatShape([])).toBe('[]')
  })
})

describe('sizeOf', () => {
  it('multiplies the dimensions, 1 for a scalar and 0 with an empty axis', () => {
    expect(sizeOf([2, 3, 4])).toBe(24)
    expect(sizeOf([])).toBe(1)
    expect(sizeOf([3, 0])).toBe(0)
  })
})

describe('stridesOf', () => {
  it('gives row-major strides', () => {
    expect(stridesOf([2, 3, 4])).toEqual([12, 4, 1])
    expect(stridesOf([5])).toEqual([1])
    expect(stridesOf([])).toEqual([])
  })
})

describe('shapesEqual', () => {
  it('compares rank and every dimension', () => {
    expect(shapesEqual([2, 3], [2, 3])).toBe(true)
    expect(shapesEqual([2, 3], [3, 2])).toBe(false)
    expect(shapesEqual([1, 3], [3])).toBe(false)
    expect(shapesEqual([], [])).toBe(true)
  })
})

describe('checkShape', () => {
  it('accepts non-negative integer dimensions', () => {
    expect(() => checkShape('op', [0, 2, 7])).not.toThrow()
  })

  it('throws naming the op and the shape', () => {
    expect(() => checkShape('op', [2, -1])).toThrow(
      new ShapeError('op', 'dimensions must be non-negative integers, got [2, -1]'),
    )
    expect(() => checkShape('op', [NaN])).toThrow(
      new ShapeError('op', 'dimensions must be non-negative integers, got [NaN]'),
    )
    expect(() => checkShape('op', 'ab' as never)).toThrow(
      new ShapeError('op', 'shape must be an array of dimensions, got "ab"'),
    )
  })
})

describe('broadcastShapes', () => {
  it('aligns trailing axes and stretches axes of length 1', () => {
    expect(broadcastShapes('op', [2, 1], [2])).toEqual([2, 2])
    expect(broadcastShapes('op', [3, 1, 2], [2, 2])).toEqual([3, 2, 2])
    expect(broadcastShapes('op', [], [4, 5])).toEqual([4, 5])
    expect(broadcastShapes('op', [1, 0], [3, 1])).toEqual([3, 0])
  })

  it('throws naming both shapes', () => {
    expect(() => broadcastShapes('op', [2, 3], [3])).not.toThrow()
    expect(() => broadcastShapes('op', [2, 3], [2])).toThrow(
      new ShapeError('op', 'shapes [2, 3] and [2] cannot be broadcast together'),
    )
  })
})

describe('normalizeAxis', () => {
  it('resolves negative axes against the rank', () => {
    expect(normalizeAxis('op', -1, 3)).toBe(2)
    expect(normalizeAxis('op', -3, 3)).toBe(0)
    expect(normalizeAxis('op', 1, 3)).toBe(1)
  })

  it('throws naming the axis and the rank', () => {
    expect(() => normalizeAxis('op', 3, 3)).toThrow(
      new ShapeError('op', 'axis 3 is out of range for a tensor of rank 3'),
    )
    expect(() => normalizeAxis('op', -4, 3)).toThrow(
      new ShapeError('op', 'axis -4 is out of range for a tensor of rank 3'),
    )
  })
})

describe('normalizeNewAxis', () => {
  it('resolves positions from -rank - 1 to rank', () => {
    expect(normalizeNewAxis('op', 0, 2)).toBe(0)
    expect(normalizeNewAxis('op', 2, 2)).toBe(2)
    expect(normalizeNewAxis('op', -1, 2)).toBe(2)
    expect(normalizeNewAxis('op', -3, 2)).toBe(0)
  })

  it('throws naming the axis, the range and the rank', () => {
    expect(() => normalizeNewAxis('op', 1.5, 2)).toThrow(
      new ShapeError('op', 'axis 1.5 is out of range [-3, 2] for a new axis in a tensor of rank 2'),
    )
  })
})

describe('normalizeAxes', () => {
  it('gives every axis for undefined, sorted distinct axes otherwise', () => {
    expect(normalizeAxes('op', undefined, 3)).toEqual([0, 1, 2])
    expect(normalizeAxes('op', -1, 3)).toEqual([2])
    expect(normalizeAxes('op', [2, -3], 3)).toEqual([0, 2])
    expect(normalizeAxes('op', [], 3)).toEqual([])
  })

  it('throws when an axis repeats', () => {
    expect(() => normalizeAxes('op', [1, -2], 3)).toThrow(new ShapeError('op', 'axes [1, -2] repeat an axis'))
  })
})
