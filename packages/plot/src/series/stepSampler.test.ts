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

  it('keeps the first step and thins the rest to multiples of a doubled stride, ending at the latest step', () => {
    const sampler = new StepSampler<Record<string, number>>(4)
    for (let step = 1; step <= 10; step++) sampler.offer(step, () => ({ v: step }))
    // 1 is pinned; 2..5 overflow: stride 2 keeps 2, 4; then 6, 8 overflow: stride 4 keeps 4, 8; 10 is the latest
    expect(sampler.samples().map((s) => s.step)).toEqual([1, 4, 8, 10])
  })

  it('keeps the first step of a run that starts at a step off the stride', () => {
    const sampler = new StepSampler<number>(3)
    for (let step = 7; step <= 40; step++) sampler.offer(step, () => step)
    const steps = sampler.samples().map((s) => s.step)
    expect(steps[0]).toBe(7)
    expect(steps.at(-1)).toBe(40)
    expect(steps.length).toBeLessThanOrEqual(4)
  })

  it('has no samples before the first offer', () => {
    expect(new StepSampler<number>(2).samples()).toEqual([])
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
    // 1 pinned; 2 kept; 3 read, then stride 2 drops it; 4 read, then stride 4 keeps only 4; 8 read, stride 8
    expect(read).toEqual([1, 2, 3, 4, 8])
  })

  it('reads the latest value once however often the samples are read', () => {
    const sampler = new StepSampler<number>(2)
    let reads = 0
    for (let step = 1; step <= 3; step++) sampler.offer(step, () => ++reads)
    expect(sampler.samples()).toEqual(sampler.samples())
    expect(reads).toBe(4) // 1 pinned, 2 kept, 3 read then thinned away; 3, the latest, is read once more
  })
})
