import { describe, expect, it } from 'vitest'
import { cosineDecay } from './cosineDecay'
import { joinSchedules } from './joinSchedules'
import { linearWarmup } from './linearWarmup'

describe('joinSchedules', () => {
  it('hands over at each boundary, the next schedule starting from step 0', () => {
    const seen: string[] = []
    const tag =
      (name: string) =>
      (step: number): number => {
        seen.push(`${name}${step}`)
        return step
      }
    const lr = joinSchedules([tag('a'), tag('b'), tag('c')], [2, 5])
    ;[0, 1, 2, 4, 5, 7].forEach((step) => lr(step))
    expect(seen).toEqual(['a0', 'a1', 'b0', 'b2', 'c0', 'c2'])
  })

  it('joins a warmup with a cosine decay without a jump at the boundary', () => {
    const warmup = linearWarmup({ peakLearningRate: 0.1, warmupSteps: 10 })
    const decay = cosineDecay({ learningRate: 0.1, decaySteps: 90 })
    const lr = joinSchedules([warmup, decay], [10])
    expect(lr(5)).toBe(warmup(5))
    expect(lr(10)).toBe(decay(0))
    expect(lr(55)).toBe(decay(45))
    expect(lr(9)).toBeLessThan(lr(10))
    expect(lr(11)).toBeLessThan(lr(10))
  })

  it('with one schedule and no boundaries is that schedule', () => {
    const lr = joinSchedules([(step) => step * 2], [])
    expect(lr(21)).toBe(42)
  })

  it('rejects a boundary count that does not fit the schedules', () => {
    expect(() => joinSchedules([() => 1, () => 2], [])).toThrow(
      'joinSchedules: needs one boundary fewer than schedules, got 2 schedules and 0 boundaries',
    )
  })

  it('rejects boundaries that do not increase and a schedule that is not a function', () => {
    expect(() => joinSchedules([() => 1, () => 2, () => 3], [5, 3])).toThrow(
      'joinSchedules: boundaries must be strictly increasing, got [5, 3]',
    )
    expect(() => Reflect.apply(joinSchedules, undefined, [[() => 1, 0.5], [3]])).toThrow(
      'joinSchedules: schedules[1] must be a function, got 0.5',
    )
  })

  it('copies its arrays: changing them afterwards changes nothing', () => {
    const schedules = [() => 1, () => 2]
    const boundaries = [10]
    const lr = joinSchedules(schedules, boundaries)
    schedules[1] = () => 99
    boundaries[0] = 100
    expect([lr(5), lr(15)]).toEqual([1, 2])
  })

  it('refuses schedules that are not a non-empty array, and a negative step', () => {
    expect(() => joinSchedules([], [])).toThrow(
      'joinSchedules: schedules must be a non-empty array of functions, got an array',
    )
    expect(() => joinSchedules([() => 1], [])(-2)).toThrow('joinSchedules: step must be a finite number >= 0, got -2')
  })
})
