/** The part of an HTTP response an event stream writes to. */
export interface EventSink {
  write(chunk: string): boolean
  end(): void
  once(event: 'drain' | 'close', listener: () => void): unknown
}

/**
 * One page's Server-Sent Events connection. When the socket's buffer is
 * full (`write` returns false) the client is marked blocked and skipped
 * until the buffer drains, then `onDrain` catches it up: a slow or stalled
 * page never makes anything wait and never piles up data. What a page has
 * been sent is the hub's to keep.
 */
export class SseClient {
  readonly #sink: EventSink
  readonly #onDrain: (client: SseClient) => void
  #blocked = false
  #closed = false

  constructor(sink: EventSink, onDrain: (client: SseClient) => void) {
    this.#sink = sink
    this.#onDrain = onDrain
    sink.once('close', () => {
      this.#closed = true
    })
  }

  /** Whether events can be sent now. */
  get ready(): boolean {
    return !this.#blocked && !this.#closed
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Sends one event; check `ready` first. */
  send(event: string, data: unknown): void {
    if (this.#sink.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)) return
    this.#blocked = true
    this.#sink.once('drain', () => {
      this.#blocked = false
      if (!this.#closed) this.#onDrain(this)
    })
  }

  /** Ends the response; the page's script closes its EventSource on the event sent before. */
  end(): void {
    if (this.#closed) return
    this.#closed = true
    this.#sink.end()
  }
}
