import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { clipByGlobalNorm, globalNorm } from './clipByGlobalNorm'
import { clipByValue } from './clipByValue'

const params = { a: tensor([0]), b: tensor([0, 0]) }
const values = (tree: unknown) => {
  const { a, b } = tree as { a: Tensor; b: Tensor }
  return [...a.toFlatArray(), ...b.toFlatArray()]
}

describe('globalNorm', () => {
  it('is the L2 norm over every element of every leaf', () => {
    expect(globalNorm({ a: tensor([3]), b: tensor([0, 4]) })).toBe(5)
  })
})

describe('clipByGlobalNorm', () => {
  it('scales all leaves together down to the max norm', () => {
    const clip = clipByGlobalNorm(1)
    const { updates } = clip.update({ a: tensor([3]), b: tensor([0, -4]) }, clip.init(params))
    expect(values(updates).map((x) => Number(x.toFixed(6)))).toEqual([0.6, 0, -0.8])
  })

  it('passes updates within the norm unchanged', () => {
    const clip = clipByGlobalNorm(10)
    const grads = { a: tensor([3]), b: tensor([0, -4]) }
    expect(clip.update(grads, clip.init(params)).updates).toBe(grads)
  })

  it('rejects a max norm <= 0', () => {
    expect(() => clipByGlobalNorm(0)).toThrow('clipByGlobalNorm: maxNorm must be a finite number > 0, got 0')
  })
})

describe('clipByValue', () => {
  it('limits every element to [min, max]', () => {
    const clip = clipByValue(-1, 1)
    const { updates, state } = clip.update({ a: tensor([-3]), b: tensor([0.5, 2]) }, clip.init(params))
    expect(values(updates)).toEqual([-1, 0.5, 1])
    expect(state.count).toBe(1)
  })

  it('allows an infinite bound and rejects min > max', () => {
    const clip = clipByValue(-Infinity, 0)
    expect(values(clip.update({ a: tensor([-3]), b: tensor([0.5, 2]) }, clip.init(params)).updates)).toEqual([-3, 0, 0])
    expect(() => clipByValue(2, 1)).toThrow('clipByValue: needs numbers min <= max, got min 2, max 1')
  })
})
