import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { SseClient } from './sseClient'

/** A response whose socket buffer is full until `drain()` is called. */
class FullSink extends EventEmitter {
  readonly chunks: string[] = []
  full = true
  ended = false
  write(chunk: string): boolean {
    this.chunks.push(chunk)
    return !this.full
  }
  end(): void {
    this.ended = true
  }
  drain(): void {
    this.full = false
    this.emit('drain')
  }
}

describe('SseClient', () => {
  it('writes events in the Server-Sent Events format', () => {
    const sink = new FullSink()
    sink.full = false
    new SseClient(sink, () => {}).send('points', { run: 'run0', points: [] })
    expect(sink.chunks).toEqual(['event: points\ndata: {"run":"run0","points":[]}\n\n'])
  })

  it('is not ready while the socket buffer is full, and catches up once it drains', () => {
    const sink = new FullSink()
    const caughtUp: SseClient[] = []
    const client = new SseClient(sink, (drained) => caughtUp.push(drained))
    client.send('hello', {})
    expect(client.ready).toBe(false)
    expect(caughtUp).toEqual([])
    sink.drain()
    expect(client.ready).toBe(true)
    expect(caughtUp).toEqual([client])
  })

  it('is neither ready nor caught up after the page closes', () => {
    const sink = new FullSink()
    const caughtUp: SseClient[] = []
    const client = new SseClient(sink, (drained) => caughtUp.push(drained))
    client.send('hello', {})
    sink.emit('close')
    sink.drain()
    expect([client.ready, client.closed, caughtUp.length]).toEqual([false, true, 0])
  })
})
