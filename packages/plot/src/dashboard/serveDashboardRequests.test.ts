// Requests as an attacker or a broken client sends them, over raw sockets:
// whatever arrives, the server answers and the process goes on.
import { connect } from 'node:net'
import fc from 'fast-check'
import { Subject } from 'rxjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FakeSnapshot } from '../testing/eventStream'
import { serveDashboard } from './serveDashboard'
import type { Dashboard } from './serveDashboard'

/** Sends `request` as raw bytes and resolves with the status code of the answer (0 if the socket closed without one). */
function rawStatus(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.setTimeout(5000, () => socket.destroy(new Error(`no answer to ${JSON.stringify(request)}`)))
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
      if (answer.includes('\r\n')) socket.destroy()
    })
    socket.on('close', () => resolve(Number(/^HTTP\/1\.[01] (\d{3}) /.exec(answer)?.[1] ?? 0)))
    socket.on('error', reject)
    socket.end(request)
  })
}

let dashboard: Dashboard
let host: string
beforeAll(async () => {
  dashboard = await serveDashboard(new Subject<FakeSnapshot>())
  host = `127.0.0.1:${dashboard.port}`
})
afterAll(() => dashboard.close())

const get = (target: string, hostHeader = host) =>
  `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`

describe('serveDashboard requests', () => {
  it.each(['http://[', '//[', 'http://a:99999/', 'http://%zz/', '*', 'localhost:80', '//evil.example/'])(
    'answers the target %s with 400 and keeps serving',
    async (target) => {
      expect(await rawStatus(dashboard.port, get(target))).toBe(400)
      expect(await rawStatus(dashboard.port, get('/'))).toBe(200)
    },
  )

  it('answers a request line the HTTP parser cannot read with 400', async () => {
    expect(await rawStatus(dashboard.port, 'GET http://[ HTTP/1.1\r\n\r\n')).toBe(400) // no Host header either
    expect(await rawStatus(dashboard.port, '\0\0\0\r\n\r\n')).toBe(400)
    expect(await rawStatus(dashboard.port, get('/'))).toBe(200)
  })

  it('answers a Host header other than its own with 403: DNS rebinding finds nothing', async () => {
    for (const hostHeader of [
      'attacker.example',
      `attacker.example:${dashboard.port}`,
      `127.0.0.1:${dashboard.port + 1}`,
    ]) {
      expect(await rawStatus(dashboard.port, get('/', hostHeader))).toBe(403)
      expect(await rawStatus(dashboard.port, get('/events', hostHeader))).toBe(403)
    }
    expect(await rawStatus(dashboard.port, 'GET / HTTP/1.0\r\n\r\n')).toBe(403) // HTTP/1.0 without Host
    for (const hostHeader of [`localhost:${dashboard.port}`, `[::1]:${dashboard.port}`]) {
      expect(await rawStatus(dashboard.port, get('/', hostHeader))).toBe(200)
    }
  })

  it('answers other methods, CONNECT and Upgrade requests with 405', async () => {
    expect(await rawStatus(dashboard.port, `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 0\r\n\r\n`)).toBe(405)
    expect(await rawStatus(dashboard.port, `CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n`)).toBe(405)
    const upgrade = `GET /events HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`
    expect(await rawStatus(dashboard.port, upgrade)).toBe(405)
  })

  it('answers any request target with 200 or a 4xx, never an error, and goes on serving', async () => {
    const unit = fc.constantFrom(..."/[]%:@?#.\\az9- \t~!$&'()*+,;=")
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 24 }), async (target) => {
        const status = await rawStatus(dashboard.port, get(target))
        // Node's parser allows extra spaces around the target of a request line
        const trimmed = target.replace(/^ +| +$/g, '')
        const isPath = trimmed.startsWith('/') && !trimmed.startsWith('//') && !/\s/.test(trimmed)
        if (isPath) expect([200, 204, 400, 404]).toContain(status)
        else expect(status).toBeGreaterThanOrEqual(400)
        expect(status).toBeLessThan(500)
      }),
      { numRuns: 60 },
    )
    expect(await rawStatus(dashboard.port, get('/'))).toBe(200)
  })

  it('answers any request line with a status below 500, and goes on serving', async () => {
    const printable = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code))
    const line = fc.oneof(
      fc.string({ unit: printable, maxLength: 40 }),
      fc
        .tuple(
          fc.constantFrom('GET', 'POST', 'HEAD', 'OPTIONS', 'CONNECT', 'get', 'G E T'),
          fc.string({ unit: printable, maxLength: 20 }),
        )
        .map(([method, target]) => `${method} ${target} HTTP/1.1`),
    )
    await fc.assert(
      fc.asyncProperty(line, async (requestLine) => {
        const status = await rawStatus(dashboard.port, `${requestLine}\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)
        expect(status).toBeGreaterThanOrEqual(200)
        expect(status).toBeLessThan(500)
      }),
      { numRuns: 60 },
    )
    expect(await rawStatus(dashboard.port, get('/'))).toBe(200)
  })
})
