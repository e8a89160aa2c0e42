import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventBatches } from './eventBatches'

// A clock the test moves by hand, so batches depend on the times given, not on the machine's speed.
function handClock() {
  let time = 0
  return { now: () => time, advance: (ms: number) => void (time += ms) }
}

describe('eventBatches', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('posts the first event at once and holds the next ones until an event comes past the interval', () => {
    const clock = handClock()
    const posted: number[][] = []
    const batches = eventBatches<number>((events) => posted.push(events), 10, clock.now)
    batches.add(1)
    clock.advance(4)
    batches.add(2)
    clock.advance(5)
    batches.add(3)
    expect(posted).toEqual([[1]])
    clock.advance(1)
    batches.add(4)
    expect(posted).toEqual([[1], [2, 3, 4]])
  })

  it('posts every event alone when events come slower than the interval', () => {
    const clock = handClock()
    const posted: number[][] = []
    const batches = eventBatches<number>((events) => posted.push(events), 10, clock.now)
    for (const event of [1, 2, 3]) {
      batches.add(event)
      clock.advance(25)
    }
    expect(posted).toEqual([[1], [2], [3]])
  })

  it('posts what is held by a timer at the end of the interval when the event loop is free', () => {
    const clock = handClock()
    const posted: number[][] = []
    const batches = eventBatches<number>((events) => posted.push(events), 10, clock.now)
    batches.add(1)
    clock.advance(3)
    batches.add(2)
    vi.advanceTimersByTime(6)
    expect(posted).toEqual([[1]])
    clock.advance(7)
    vi.advanceTimersByTime(1)
    expect(posted).toEqual([[1], [2]])
  })

  it('flushes what is held once, cancelling the timer, and posts nothing when nothing is held', () => {
    const clock = handClock()
    const posted: number[][] = []
    const batches = eventBatches<number>((events) => posted.push(events), 10, clock.now)
    batches.add(1)
    batches.add(2)
    batches.flush()
    batches.flush()
    vi.advanceTimersByTime(100)
    expect(posted).toEqual([[1], [2]])
  })

  it('posts every event once, in order, at most one batch per interval before the last flush', () => {
    const arrivals = fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.boolean()), { maxLength: 60 })
    fc.assert(
      fc.property(arrivals, (gaps) => {
        const clock = handClock()
        const posts: { at: number; events: number[] }[] = []
        const batches = eventBatches<number>((events) => posts.push({ at: clock.now(), events }), 10, clock.now)
        gaps.forEach(([gap, timerFires], event) => {
          clock.advance(gap)
          if (timerFires) vi.advanceTimersByTime(gap)
          batches.add(event)
        })
        batches.flush()
        expect(posts.flatMap((post) => post.events)).toEqual(gaps.map((_, event) => event))
        posts.slice(1, -1).forEach((post, i) => expect(post.at - posts[i]!.at).toBeGreaterThanOrEqual(10))
      }),
    )
  })
})
