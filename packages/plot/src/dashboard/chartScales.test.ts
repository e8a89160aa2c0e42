import { describe, expect, it } from 'vitest'
import { decadeLabel, decadeRange, decadeSplits, xOfSteps } from '../../client/chartScales.js'

describe('the log axis of the overlaid charts', () => {
  it('spans whole decades, at least one, and labels every decade in it', () => {
    expect(decadeRange(0.0032, 2.5)).toEqual([0.001, 10])
    expect(decadeRange(0.5, 0.5)).toEqual([0.1, 1])
    expect(decadeRange(1, 1)).toEqual([1, 10])
    expect(decadeSplits(0.001, 10).map(decadeLabel)).toEqual(['0.001', '0.01', '0.1', '1', '10'])
    expect(decadeSplits(1e-7, 1e5).map(decadeLabel)).toEqual([
      '1e-7',
      '1e-6',
      '1e-5',
      '1e-4',
      '0.001',
      '0.01',
      '0.1',
      '1',
      '10',
      '100',
      '1000',
      '1e+4',
      '1e+5',
    ])
  })
})

describe('xOfSteps', () => {
  it('spreads the steps of an epoch over [e, e + 1), the last epoch as long as the one before', () => {
    const epochs = { steps: [1, 11, 21], values: [1, 2, 3] }
    const xs = xOfSteps([1, 6, 10, 11, 20, 21, 26], 'epoch', epochs)
    const expected = [1, 1.5, 1.9, 2, 2.9, 3, 3.5]
    xs.forEach((x, i) => expect(x).toBeCloseTo(expected[i]!, 12))
  })

  it('interpolates the wall time between the points kept, and has no x for a run without the field', () => {
    expect(xOfSteps([1, 2, 3, 5], 'wall_time', { steps: [1, 3, 5], values: [100, 102, 110] })).toEqual([
      100, 101, 102, 110,
    ])
    expect(xOfSteps([1, 2], 'epoch', undefined)).toEqual([null, null])
    expect(xOfSteps([4, 7], 'step', undefined)).toEqual([4, 7])
  })
})
