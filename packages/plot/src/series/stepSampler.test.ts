import { describe, expect, it } from 'vitest'
import { StepSampler, samplesToSeries } from './stepSampler'

describe('StepSampler', () => {
  it('keeps every step while under capacity', () => {
    const sampler = new StepSampler<Record<string, number>>(10)
    for (let step = 1; step <= 5; step++) sampler.offer(step, () => ({ loss: step * 2 }))
    expect(sampler.samples().map((s) => s.step)).toEqual([1, 2, 3, 4, 5])
    expect(samplesToSeries(sampler.samples())).toEqual([
      {
        name: 'loss',
        points: [
          [1, 2],
          [2, 4],
          [3, 6],
          [4, 8],
          [5, 10],
        ],
      },
    ])
  })

  it('thins to multiples of a doubled stride when full, and ends at the latest step', () => {
    const sampler = new StepSampler<Record<string, number>>(4)
    for (let step = 1; step <= 10; step++) sampler.offer(step, () => ({ v: step }))
    // 1..5 overflow: stride 2 keeps 2, 4; then 6, 8, 10 overflow: stride 4 keeps 4, 8; 10 is the latest
    expect(sampler.samples().map((s) => s.step)).toEqual([4, 8, 10])
  })

  it('reads a value only for kept steps and for the latest step', () => {
    const sampler = new StepSampler<Record<string, number>>(2)
    const read: number[] = []
    for (let step = 1; step <= 8; step++) {
      sampler.offer(step, () => {
        read.push(step)
        return { v: step }
      })
    }
    sampler.samples()
    expect(read).toEqual([1, 2, 3, 4, 6, 8])
  })

  it('reads the latest value once however often the samples are read', () => {
    const sampler = new StepSampler<number>(2)
    let reads = 0
    for (let step = 1; step <= 3; step++) sampler.offer(step, () => ++reads)
    expect(sampler.samples()).toEqual(sampler.samples())
    expect(reads).toBe(4) // 1, 2, 3 read when kept; thinning leaves [2], so 3, the latest, is read once more
  })
})
