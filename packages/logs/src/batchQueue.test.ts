import { describe, expect, it } from 'vitest'
import { batchQueue } from './batchQueue'

/** A writer whose writes finish only when the test lets them, recording each batch. */
function controlledWriter() {
  const batches: number[][] = []
  const pending: { resolve: () => void; reject: (error: Error) => void }[] = []
  const writeBatch = (items: readonly number[]) => {
    batches.push([...items])
    return new Promise<void>((resolve, reject) => void pending.push({ resolve, reject }))
  }
  return { batches, pending, writeBatch }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('batchQueue', () => {
  it('writes what is offered in one go as one batch, and what piles up during a write as the next, in order', async () => {
    const { batches, pending, writeBatch } = controlledWriter()
    const queue = batchQueue(writeBatch, () => undefined)
    for (const item of [1, 2, 3]) queue.offer(item)
    await tick()
    expect(batches).toEqual([[1, 2, 3]])
    for (const item of [4, 5]) queue.offer(item)
    await tick()
    expect(batches).toEqual([[1, 2, 3]]) // one write at a time
    let idle = false
    void queue.idle().then(() => (idle = true))
    pending.shift()!.resolve()
    await tick()
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ])
    expect(idle).toBe(false)
    pending.shift()!.resolve()
    await tick()
    expect(idle).toBe(true)
  })

  it('reports the first failure once, drops what waits, writes nothing more, and is idle at once after it', async () => {
    const { batches, pending, writeBatch } = controlledWriter()
    const failures: unknown[] = []
    const queue = batchQueue(writeBatch, (error) => failures.push(error))
    queue.offer(1)
    await tick()
    queue.offer(2)
    const disk = new Error('disk full')
    pending.shift()!.reject(disk)
    await tick()
    queue.offer(3)
    await tick()
    expect(failures).toEqual([disk])
    expect(batches).toEqual([[1]])
    await expect(queue.idle()).resolves.toBeUndefined()
  })

  it('reports a writer that throws instead of rejecting as a failure too', async () => {
    const failures: unknown[] = []
    const queue = batchQueue<number>(
      () => {
        throw new Error('not a promise')
      },
      (error) => failures.push(error),
    )
    queue.offer(1)
    await queue.idle()
    expect(failures).toEqual([new Error('not a promise')])
  })
})
