import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { fakeSnapshot } from '../testing/eventStream'
import type { FakeSnapshot } from '../testing/eventStream'
import { DashboardHub } from './dashboardHub'
import { RunRecorder } from './runRecorder'

/** A page's response: the events written, and a buffer that can be made full. */
class Sink extends EventEmitter {
  readonly events: string[] = []
  readonly data: { event: string; data: Record<string, unknown> }[] = []
  full = false
  ended = false
  write(chunk: string): boolean {
    const [, event, data] = /^event: (\w+)\ndata: (.*)\n\n$/.exec(chunk)!
    this.events.push(event!)
    this.data.push({ event: event!, data: JSON.parse(data!) as Record<string, unknown> })
    return !this.full
  }
  end(): void {
    this.ended = true
  }
  /** The `series` events of one metric. */
  series(metric: string) {
    return this.data
      .filter((e) => e.event === 'series' && e.data.metric === metric)
      .map((e) => e.data as { keep: number; steps: number[]; values: number[] })
  }
}

/** What a page holds of a series after its events: each drops its points from `keep` on and appends its own. */
function held(events: readonly { keep: number; steps: number[]; values: number[] }[]) {
  let steps: number[] = []
  let values: number[] = []
  for (const event of events) {
    steps = [...steps.slice(0, event.keep), ...event.steps]
    values = [...values.slice(0, event.keep), ...event.values]
  }
  return { steps, values }
}

function setup(options: ConstructorParameters<typeof RunRecorder<FakeSnapshot>>[2] = {}) {
  const run = new RunRecorder<FakeSnapshot>('run0', 'a', options)
  const hub = new DashboardHub({ title: 't', status: 'training…' }, [run])
  return { run, hub }
}

describe('DashboardHub', () => {
  it('sends the runs, then one series per metric named as jsonlLog names them', () => {
    const { run, hub } = setup({ params: (s) => ({ w: s.params.w }) })
    run.record(fakeSnapshot(1))
    const page = new Sink()
    hub.connect(page)
    expect(page.data.slice(0, 2)).toEqual([
      { event: 'hello', data: { title: 't', status: 'training…' } },
      { event: 'run', data: { id: 'run0', name: 'a', hparams: null } },
    ])
    expect(page.data.slice(2).map((e) => [e.data.metric, e.data.steps, e.data.values])).toEqual([
      ['loss', [1], [1.01]],
      ['loss/mse', [1], [1]],
      ['loss/l2', [1], [0.01]],
      ['learning_rate', [1], [0.001]],
      ['params/w', [1], [0]],
    ])
    expect(page.data[2]!.data).toEqual({
      run: 'run0',
      metric: 'loss',
      keep: 0,
      steps: [1],
      values: [1.01],
      min: 1.01,
      max: 1.01,
    })
  })

  it('sends only the points a page lacks: the history once, then the new steps and the latest again', () => {
    const { run, hub } = setup()
    for (let step = 1; step <= 10; step++) run.record(fakeSnapshot(step))
    const page = new Sink()
    hub.connect(page)
    run.record(fakeSnapshot(11))
    run.record(fakeSnapshot(12))
    hub.syncAll()
    const loss = page.series('loss')
    expect(loss.map(({ keep, steps }) => [keep, steps])).toEqual([
      [0, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]],
      [9, [10, 11, 12]], // the last point may be the latest step only, so it is sent again
    ])
    hub.syncAll() // nothing new
    expect(page.series('loss')).toHaveLength(2)
  })

  it('sends a series whole when the history is thinned, and a page ends up holding what a new page gets', () => {
    const { run, hub } = setup({ maxPoints: 8 })
    const page = new Sink()
    hub.connect(page)
    for (let step = 1; step <= 100; step++) {
      run.record(fakeSnapshot(step))
      if (step % 3 === 0) hub.syncAll()
    }
    hub.syncAll()
    const loss = page.series('loss')
    expect(loss.filter((e) => e.keep === 0).length).toBeGreaterThan(1) // the stride doubled on the way
    expect(loss.some((e) => e.keep > 0)).toBe(true)
    const fresh = new Sink()
    hub.connect(fresh)
    const whole = held(fresh.series('loss'))
    expect(held(loss)).toEqual(whole)
    expect(whole.steps.length).toBeLessThanOrEqual(9)
    expect([whole.steps[0], whole.steps.at(-1)]).toEqual([1, 100])
  })

  it('skips a page whose buffer is full and sends it everything it missed in one event per metric after it drains', () => {
    const { run, hub } = setup()
    const slow = new Sink()
    const fast = new Sink()
    run.record(fakeSnapshot(1))
    slow.full = true
    hub.connect(slow) // hello fills the buffer; the runs are written all the same
    hub.connect(fast)
    for (let step = 2; step <= 5; step++) {
      run.record(fakeSnapshot(step))
      hub.syncAll()
    }
    expect(slow.events).toEqual(['hello', 'run'])
    expect(fast.series('loss')).toHaveLength(5)
    slow.full = false
    slow.emit('drain')
    const losses = [1, 2, 3, 4, 5].map((step) => fakeSnapshot(step).loss)
    expect(slow.series('loss')).toEqual([
      { run: 'run0', metric: 'loss', keep: 0, steps: [1, 2, 3, 4, 5], values: losses, min: losses[4], max: 1.01 },
    ])
  })

  it('forgets a page when it closes', () => {
    const { hub } = setup()
    const page = new Sink()
    hub.connect(page)
    expect(hub.clientCount).toBe(1)
    page.emit('close')
    expect(hub.clientCount).toBe(0)
  })

  it('ends every stream once all runs have ended', () => {
    const { run, hub } = setup()
    const page = new Sink()
    hub.connect(page)
    run.record(fakeSnapshot(1))
    run.finish('done')
    hub.syncAll()
    expect(page.events.slice(-2)).toEqual(['status', 'end'])
    expect(page.data.at(-2)!.data).toEqual({ run: 'run0', state: 'done', step: 1, message: null })
    expect([page.ended, hub.clientCount]).toEqual([true, 0])
  })
})

describe('DashboardHub with evaluation results', () => {
  type Evaluated = FakeSnapshot & { readonly eval?: Readonly<Record<string, number>> }
  const evaluatedAt = (step: number, every: number): Evaluated =>
    step % every === 0 ? { ...fakeSnapshot(step), eval: { loss: 1 / step, accuracy: step / 100 } } : fakeSnapshot(step)

  it('sends each evaluation result as an eval/<name> series at its step, leaving out NaN', () => {
    const run = new RunRecorder<Evaluated>('run0', 'a', {})
    const hub = new DashboardHub({ title: 't', status: 'training…' }, [run])
    const page = new Sink()
    hub.connect(page)
    for (let step = 1; step <= 6; step++) {
      run.record(evaluatedAt(step, 3))
      hub.syncAll()
    }
    run.record({ ...fakeSnapshot(7), eval: { loss: NaN, accuracy: 0.07 } })
    hub.syncAll()
    expect(held(page.series('eval/loss'))).toEqual({ steps: [3, 6], values: [1 / 3, 1 / 6] })
    expect(held(page.series('eval/accuracy'))).toEqual({ steps: [3, 6, 7], values: [0.03, 0.06, 0.07] })
  })

  it('keeps evaluations at steps the point history thins away, and gives a late page all of them', () => {
    const run = new RunRecorder<Evaluated>('run0', 'a', { maxPoints: 4 })
    const hub = new DashboardHub({ title: 't', status: 'training…' }, [run])
    for (let step = 1; step <= 40; step++) run.record(evaluatedAt(step, 13)) // 13, 26, 39: odd and even steps
    const page = new Sink()
    hub.connect(page)
    expect(held(page.series('loss')).steps).not.toContain(13)
    expect(held(page.series('eval/accuracy')).steps).toEqual([13, 26, 39])
  })

  it('warns about eval values that are not numbers and charts the rest', () => {
    const run = new RunRecorder<Evaluated>('run0', 'a', {})
    const hub = new DashboardHub({ title: 't', status: 'training…' }, [run])
    // @ts-expect-error: a result that is not a number, as JavaScript callers can pass
    run.record({ ...fakeSnapshot(1), eval: { loss: 0.5, note: 'best' } })
    const page = new Sink()
    hub.connect(page)
    expect(page.series('eval/loss').map((e) => e.values)).toEqual([[0.5]])
    expect(page.series('eval/note')).toEqual([])
    expect(page.data.filter((e) => e.event === 'warning').map((e) => e.data)).toEqual([
      { run: 'run0', message: 'eval.note must be a number, got "best"' },
    ])
  })
})
