// Test helpers: a Server-Sent Events reader over plain node:http, and runs of
// fake snapshots that yield to the event loop as a real batch stream does.
import { get } from 'node:http'
import type { IncomingMessage } from 'node:http'
import { Observable } from 'rxjs'

export interface ServerEvent {
  readonly event: string
  readonly data: unknown
}

export interface EventReader {
  readonly events: ServerEvent[]
  readonly response: IncomingMessage
  /** Resolves with the first event (already received or to come) that matches. */
  next(predicate: (event: ServerEvent) => boolean): Promise<ServerEvent>
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>
}

export function readEvents(url: string): Promise<EventReader> {
  return new Promise((resolve, reject) => {
    get(new URL('events', url), (response) => {
      const events: ServerEvent[] = []
      const waiting: { predicate: (e: ServerEvent) => boolean; resolve: (e: ServerEvent) => void }[] = []
      let buffer = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
          const data = /^data: (.*)$/m.exec(block)?.[1]
          const parsed = { event, data: data === undefined ? undefined : (JSON.parse(data) as unknown) }
          events.push(parsed)
          for (const waiter of waiting.filter((w) => w.predicate(parsed))) {
            waiting.splice(waiting.indexOf(waiter), 1)
            waiter.resolve(parsed)
          }
        }
      })
      const ended = new Promise<void>((done) => response.on('end', done))
      const next = (predicate: (e: ServerEvent) => boolean) =>
        new Promise<ServerEvent>((found) => {
          const seen = events.find(predicate)
          if (seen) found(seen)
          else waiting.push({ predicate, resolve: found })
        })
      resolve({ events, response, next, ended })
    }).on('error', reject)
  })
}

export interface FakeSnapshot {
  readonly step: number
  readonly loss: number
  readonly losses: Readonly<Record<string, number>>
  readonly learningRate: number
  readonly params: { readonly w: number }
}

export function fakeSnapshot(step: number): FakeSnapshot {
  const mse = 1 / step
  return { step, loss: mse + 0.01, losses: { mse, l2: 0.01 }, learningRate: 0.001, params: { w: Math.log(step) } }
}

/** `steps` fake snapshots, emitted `chunk` at a time with an event-loop turn between chunks. */
export function yieldingRun(steps: number, chunk: number): Observable<FakeSnapshot> {
  return new Observable((subscriber) => {
    let step = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const emitChunk = () => {
      const stop = Math.min(steps, step + chunk)
      while (step < stop && !subscriber.closed) subscriber.next(fakeSnapshot(++step))
      if (step < steps) timer = setTimeout(emitChunk, 0)
      else subscriber.complete()
    }
    emitChunk()
    return () => clearTimeout(timer)
  })
}
