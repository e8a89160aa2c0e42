import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { CheckpointError, ConfigError } from '@gradstream/core'
import { firstValueFrom, from, interval, lastValueFrom, map, range, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { parseCheckpoint } from '../checkpoint/format'
import type { TrainState } from '../snapshot'
import { checkpoint } from './checkpoint'

setFlagsFromString('--expose-gc')
// A full collection on demand, so the heap read counts only what is still reachable.
const collectGarbage = runInNewContext('gc') as () => void

const snapshotAt = (step: number): TrainState => ({ step, params: {}, optimizer: {} })
const stepOf = (text: string) => parseCheckpoint(text).step

/** A write whose promise settles only when the test says so. */
function manualWriter() {
  const started: number[] = []
  const settle: (() => void)[] = []
  const write = (text: string) => {
    started.push(stepOf(text))
    return new Promise<void>((resolve) => void settle.push(resolve))
  }
  return { started, settle, write }
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('checkpoint', () => {
  it('validates its arguments when called', () => {
    const write = () => undefined
    expect(() => checkpoint('file.json' as never, { everySteps: 1 })).toThrow(
      new ConfigError('checkpoint', 'write must be a function, got "file.json"'),
    )
    expect(() => checkpoint(write, { everySteps: 1, every: 2 } as never)).toThrow(
      new ConfigError('checkpoint', "unknown option 'every'; expected one of everySteps, hparams"),
    )
    expect(() => checkpoint(write, { everySteps: 0 })).toThrow(
      new ConfigError('checkpoint', 'everySteps must be an integer >= 1, got 0'),
    )
    expect(() => checkpoint(write, { everySteps: 2.5 })).toThrow('checkpoint: everySteps must be an integer >= 1')
    expect(() => checkpoint(write, undefined as never)).toThrow(
      new ConfigError('checkpoint', 'options must be an object, got undefined'),
    )
  })

  it('writes one checkpoint at a time, the latest waiting one next', async () => {
    const { started, settle, write } = manualWriter()
    const done = lastValueFrom(range(1, 10).pipe(map(snapshotAt), checkpoint(write, { everySteps: 1 })))
    expect(started).toEqual([1]) // steps 2 to 10 arrived during the first write; only 10 still waits
    settle[0]!()
    await tick()
    expect(started).toEqual([1, 10])
    settle[1]!()
    await expect(done).resolves.toEqual(snapshotAt(10))
    expect(started).toEqual([1, 10])
  })

  it('completes only after the last write has settled', async () => {
    const { settle, write } = manualWriter()
    let completed = false
    const done = lastValueFrom(range(1, 4).pipe(map(snapshotAt), checkpoint(write, { everySteps: 2 }))).then(() => {
      completed = true
    })
    settle[0]!()
    await tick()
    expect(completed).toBe(false) // step 4's write is in flight
    settle[1]!()
    await done
    expect(completed).toBe(true)
  })

  it('never overlaps writes of random latency and writes the last step last', async () => {
    let inFlight = 0
    let mostInFlight = 0
    const finished: number[] = []
    let seed = 7
    const latency = () => ((seed = (seed * 48271) % 2147483647) % 4) as number
    const write = async (text: string) => {
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, latency()))
      finished.push(stepOf(text))
      inFlight--
    }
    const arrivals = interval(1).pipe(
      take(40),
      map((i) => snapshotAt(i + 1)),
    )
    await lastValueFrom(arrivals.pipe(checkpoint(write, { everySteps: 1 })))
    expect(mostInFlight).toBe(1)
    expect(finished.at(-1)).toBe(40)
    expect(finished).toEqual([...finished].sort((a, b) => a - b))
  })

  it('ends the stream with a CheckpointError naming the step, the original error as cause', async () => {
    const disk = new Error('disk full')
    const write = (text: string) => (stepOf(text) === 4 ? Promise.reject(disk) : Promise.resolve())
    const arrivals = interval(1).pipe(
      take(1000),
      map((i) => snapshotAt(i + 1)),
    )
    const seen: number[] = []
    const error: unknown = await lastValueFrom(
      arrivals.pipe(
        checkpoint(write, { everySteps: 2 }),
        map(({ step }) => seen.push(step)),
      ),
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(CheckpointError)
    expect((error as Error).message).toBe('checkpoint: writing the checkpoint of step 4 failed: disk full')
    expect((error as Error).cause).toBe(disk)
    expect(seen.length).toBeLessThan(20) // the run stopped when the write failed, not at its end
  })

  it('stops a synchronous run at a write that throws', async () => {
    let emitted = 0
    const source$ = range(1, 100).pipe(map((step) => (emitted++, snapshotAt(step))))
    const write = (text: string) => {
      if (stepOf(text) === 3) throw new Error('read-only file system')
    }
    await expect(firstValueFrom(source$.pipe(checkpoint(write, { everySteps: 1 }), toArray()))).rejects.toThrow(
      'checkpoint: writing the checkpoint of step 3 failed: read-only file system',
    )
    expect(emitted).toBe(3)
  })

  it('keeps nothing of a write once it has settled: the heap stays flat over 200,000 writes', async () => {
    const total = 200_000
    let writes = 0
    const write = () => {
      writes++
      return Promise.resolve()
    }
    const heapAt = new Map<number, number>()
    async function* arrivals() {
      for (let step = 1; step <= total; step++) {
        if (step === 20_000 || step === total) {
          await tick() // a new task, so the engine lets go of objects the last one touched
          collectGarbage()
          heapAt.set(step, process.memoryUsage().heapUsed)
        }
        yield snapshotAt(step)
      }
    }
    await lastValueFrom(from(arrivals()).pipe(checkpoint(write, { everySteps: 1 })))
    expect(writes).toBeGreaterThan(total / 2) // the writes really happened, one after another
    // A promise retained per write would add about 60 bytes each: 10 MB over these 180,000 writes.
    expect(heapAt.get(total)! - heapAt.get(20_000)!).toBeLessThan(1 << 20)
  })
})
