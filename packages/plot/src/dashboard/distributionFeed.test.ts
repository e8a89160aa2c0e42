import { describe, expect, it } from 'vitest'
import { DistributionFeed } from './distributionFeed'
import type { DistributionEvent } from './distributionFeed'
import { RunLog } from './runLog'
import { SseClient } from './sseClient'

/** A page's event stream that keeps what it was sent. */
function page() {
  const events: { event: string; data: DistributionEvent }[] = []
  const sink = {
    write(chunk: string) {
      const [, event, data] = /^event: (.+)\ndata: (.+)\n\n$/.exec(chunk)!
      events.push({ event: event!, data: JSON.parse(data!) as DistributionEvent })
      return true
    },
    end() {},
    once() {},
  }
  return { client: new SseClient(sink, () => {}), events }
}

/** A run whose param w was logged at `steps`, its nine points all equal to the step. */
function runWith(steps: readonly number[]): RunLog {
  const run = new RunLog('a', 'a/events', true)
  const histogram = (step: number) => ({ min: step, max: step, num: 1, sum: step, sumSquares: step ** 2 })
  run.addEvents(
    steps.map((step) => ({
      wallTime: step,
      step,
      scalars: [],
      histograms: [{ tag: 'params/w', histogram: { ...histogram(step), bucketLimit: [step], bucket: [1] } }],
    })),
  )
  return run
}

describe('DistributionFeed', () => {
  it('sends each distribution once per change, whole', () => {
    const feed = new DistributionFeed(500)
    const { client, events } = page()
    const run = runWith([10, 20])
    feed.sync(client, [run], (i) => `run${i}`)
    feed.sync(client, [run], (i) => `run${i}`)
    expect(events).toEqual([
      {
        event: 'distribution',
        data: {
          run: 'run0',
          tag: 'params/w',
          steps: [10, 20],
          points: [
            [10, 10, 10, 10, 10, 10, 10, 10, 10],
            [20, 20, 20, 20, 20, 20, 20, 20, 20],
          ],
        },
      },
    ])
    run.addEvents([{ wallTime: 30, step: 30, scalars: [], histograms: [] }])
    feed.sync(client, [run], (i) => `run${i}`)
    expect(events).toHaveLength(1)
  })

  it('sends at most maxSteps steps, evenly spread, the first and the last kept', () => {
    const feed = new DistributionFeed(4)
    const { client, events } = page()
    feed.sync(client, [runWith([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])], (i) => `run${i}`)
    // indices round(i * 9 / 3): 0, 3, 6, 9
    expect(events[0]!.data.steps).toEqual([1, 4, 7, 10])
    expect(events[0]!.data.points.map((p) => p[4])).toEqual([1, 4, 7, 10])
  })
})
