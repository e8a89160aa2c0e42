import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { fakeSnapshot } from '../testing/eventStream'
import type { FakeSnapshot } from '../testing/eventStream'
import { DashboardHub } from './dashboardHub'
import { RunRecorder } from './runRecorder'

class Sink extends EventEmitter {
  readonly events: string[] = []
  full = false
  ended = false
  write(chunk: string): boolean {
    this.events.push(/^event: (\w+)/.exec(chunk)![1]!)
    return !this.full
  }
  end(): void {
    this.ended = true
  }
}

function setup() {
  const run = new RunRecorder<FakeSnapshot>('run0', 'a', {})
  const hub = new DashboardHub({ title: 't', runs: [{ id: 'run0', name: 'a' }] }, [run])
  return { run, hub }
}

describe('DashboardHub', () => {
  it('skips a page whose buffer is full and sends it everything it missed in one event after it drains', () => {
    const { run, hub } = setup()
    const slow = new Sink()
    const fast = new Sink()
    run.record(fakeSnapshot(1))
    slow.full = true
    hub.connect(slow) // hello fills the buffer
    hub.connect(fast)
    for (let step = 2; step <= 5; step++) {
      run.record(fakeSnapshot(step))
      hub.syncAll()
    }
    expect(slow.events).toEqual(['hello'])
    expect(fast.events).toEqual(['hello', 'points', 'points', 'points', 'points', 'points'])
    slow.full = false
    slow.emit('drain')
    expect(slow.events).toEqual(['hello', 'points'])
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
    expect(page.events).toEqual(['hello', 'points', 'status', 'end'])
    expect([page.ended, hub.clientCount]).toEqual([true, 0])
  })
})

describe('DashboardHub with evaluation results', () => {
  type Evaluated = FakeSnapshot & { readonly eval?: Readonly<Record<string, number>> }
  const evaluatedAt = (step: number, every: number): Evaluated =>
    step % every === 0 ? { ...fakeSnapshot(step), eval: { loss: 1 / step, accuracy: step / 100 } } : fakeSnapshot(step)

  /** A page that keeps the data of each event. */
  class DataSink extends Sink {
    readonly data: { event: string; data: unknown }[] = []
    override write(chunk: string): boolean {
      const [, event, data] = /^event: (\w+)\ndata: (.*)\n\n$/.exec(chunk)!
      this.data.push({ event: event!, data: JSON.parse(data!) })
      return super.write(chunk)
    }
  }

  it('sends each evaluation once, after the points of its step, non-finite numbers as null', () => {
    const run = new RunRecorder<Evaluated>('run0', 'a', {})
    const hub = new DashboardHub({ title: 't', runs: [{ id: 'run0', name: 'a' }] }, [run])
    const page = new DataSink()
    hub.connect(page)
    for (let step = 1; step <= 6; step++) {
      run.record(evaluatedAt(step, 3))
      hub.syncAll()
    }
    run.record({ ...fakeSnapshot(7), eval: { loss: NaN } })
    hub.syncAll()
    expect(page.events).toEqual([
      'hello',
      'points',
      'points',
      'points',
      'eval',
      'points',
      'points',
      'points',
      'eval',
      'points',
      'eval',
    ])
    expect(page.data.filter((e) => e.event === 'eval').map((e) => e.data)).toEqual([
      { run: 'run0', points: [{ step: 3, values: { loss: 1 / 3, accuracy: 0.03 } }] },
      { run: 'run0', points: [{ step: 6, values: { loss: 1 / 6, accuracy: 0.06 } }] },
      { run: 'run0', points: [{ step: 7, values: { loss: null } }] },
    ])
  })

  it('keeps evaluations at steps the point history thins away, and gives a late page all of them', () => {
    const run = new RunRecorder<Evaluated>('run0', 'a', { maxPoints: 4 })
    const hub = new DashboardHub({ title: 't', runs: [{ id: 'run0', name: 'a' }] }, [run])
    for (let step = 1; step <= 40; step++) run.record(evaluatedAt(step, 13)) // 13, 26, 39: odd and even steps
    const page = new DataSink()
    hub.connect(page)
    const points = page.data.find((e) => e.event === 'points')!.data as { points: { step: number }[] }
    expect(points.points.map((p) => p.step)).not.toContain(13)
    const evals = page.data.find((e) => e.event === 'eval')!.data as { points: { step: number }[] }
    expect(evals.points.map((p) => p.step)).toEqual([13, 26, 39])
  })

  it('warns about eval values that are not numbers and charts the rest', () => {
    const run = new RunRecorder<Evaluated>('run0', 'a', {})
    const hub = new DashboardHub({ title: 't', runs: [{ id: 'run0', name: 'a' }] }, [run])
    // @ts-expect-error: a result that is not a number, as JavaScript callers can pass
    run.record({ ...fakeSnapshot(1), eval: { loss: 0.5, note: 'best' } })
    const page = new DataSink()
    hub.connect(page)
    expect(page.data.filter((e) => e.event !== 'hello' && e.event !== 'points').map((e) => e.data)).toEqual([
      { run: 'run0', points: [{ step: 1, values: { loss: 0.5 } }] },
      { run: 'run0', message: 'eval.note must be a number, got "best"' },
    ])
  })
})
