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
