import { firstValueFrom, from, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { history } from './history'

describe('history', () => {
  it('emits the latest `last` snapshots, oldest first, as frozen arrays', async () => {
    const got = await firstValueFrom(from([1, 2, 3, 4, 5]).pipe(history({ last: 3 }), toArray()))
    expect(got).toEqual([[1], [1, 2], [1, 2, 3], [2, 3, 4], [3, 4, 5]])
    expect(got.every((window) => Object.isFrozen(window))).toBe(true)
  })

  it('rejects a window that is not a positive integer', () => {
    expect(() => history({ last: 0 })).toThrow('history: last must be an integer >= 1, got 0')
  })
})
