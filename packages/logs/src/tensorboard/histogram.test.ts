import { describe, expect, it } from 'vitest'
import { defaultBucketLimits, histogramOf } from './histogram'

describe('defaultBucketLimits', () => {
  it('runs from -DBL_MAX through 0 to DBL_MAX, symmetric, each positive limit 1.1 times the one before', () => {
    const limits = defaultBucketLimits()
    const zero = limits.indexOf(0)
    expect(limits[0]).toBe(-Number.MAX_VALUE)
    expect(limits.at(-1)).toBe(Number.MAX_VALUE)
    expect(limits.length).toBe(2 * zero + 1)
    expect(limits.slice(0, zero).map((v) => -v)).toEqual(limits.slice(zero + 1).reverse())
    expect(limits[zero + 1]).toBe(1e-12)
    const positive = limits.slice(zero + 1, -1)
    positive.slice(1).forEach((limit, i) => expect(limit).toBe(positive[i]! * 1.1))
    expect(positive.at(-1)).toBeLessThan(1e20)
    expect(positive.at(-1)! * 1.1).toBeGreaterThanOrEqual(1e20)
  })
})

describe('histogramOf', () => {
  it('counts each value under the first limit above it, and a value on a limit in the next bucket', () => {
    const limits = defaultBucketLimits()
    const zero = limits.indexOf(0)
    const histo = histogramOf([0, 0, 1e-12, -3])!
    expect(histo).toMatchObject({ min: -3, max: 1e-12, num: 4, sum: -3 + 1e-12, sumSquares: 9 + 1e-24 })
    const counted = histo.bucketLimit.flatMap((limit, i) => (histo.bucket[i]! > 0 ? [[limit, histo.bucket[i]]] : []))
    const three = limits.findIndex((limit) => limit > -3)
    expect(counted).toEqual([
      [limits[three], 1],
      [limits[zero + 1], 2], // 0 is not below the limit 0, so it counts under 1e-12
      [limits[zero + 2], 1], // 1e-12 counts under the limit after it
    ])
  })

  it('collapses every run of empty buckets into one entry ending at the run’s last limit', () => {
    const histo = histogramOf([5])!
    const limits = defaultBucketLimits()
    const five = limits.findIndex((limit) => limit > 5)
    expect(histo.bucketLimit).toEqual([limits[five - 1], limits[five], Number.MAX_VALUE])
    expect(histo.bucket).toEqual([0, 1, 0])
  })

  it('describes no values with one empty bucket and TF’s initial min and max', () => {
    expect(histogramOf([])).toEqual({
      min: Number.MAX_VALUE,
      max: -Number.MAX_VALUE,
      num: 0,
      sum: 0,
      sumSquares: 0,
      bucketLimit: [Number.MAX_VALUE],
      bucket: [0],
    })
  })

  it('gives nothing for values with a NaN or an infinity, where TF1’s op fails', () => {
    expect(histogramOf([1, NaN])).toBeUndefined()
    expect(histogramOf([-Infinity])).toBeUndefined()
  })
})
