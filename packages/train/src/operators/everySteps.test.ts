import { firstValueFrom, from, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { everySteps } from './everySteps'
import { stopWhen } from './stopWhen'

const steps = (n: number) => from(Array.from({ length: n }, (_, i) => ({ step: i + 1, loss: 10 - i })))

describe('everySteps', () => {
  it('passes steps n, 2n, 3n', async () => {
    const got = await firstValueFrom(steps(10).pipe(everySteps(3), toArray()))
    expect(got.map((s) => s.step)).toEqual([3, 6, 9])
  })

  it('starts at `first` when given, as a loop printing at i % n == 0', async () => {
    const got = await firstValueFrom(steps(10).pipe(everySteps(4, { first: 1 }), toArray()))
    expect(got.map((s) => s.step)).toEqual([1, 5, 9])
  })

  it('rejects a step count that is not a positive integer', () => {
    expect(() => everySteps(0)).toThrow('everySteps: n must be an integer >= 1, got 0')
    expect(() => everySteps(1.5)).toThrow('everySteps: n must be an integer >= 1, got 1.5')
  })
})

describe('stopWhen', () => {
  it('emits up to and including the first snapshot that matches, then completes', async () => {
    const got = await firstValueFrom(
      steps(10).pipe(
        stopWhen((s) => s.loss <= 7),
        toArray(),
      ),
    )
    expect(got.map((s) => s.step)).toEqual([1, 2, 3, 4])
  })
})
