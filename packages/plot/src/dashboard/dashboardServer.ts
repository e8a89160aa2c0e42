import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { loadAssets } from './assets'
import type { Asset } from './assets'
import { hostFilter } from './hostCheck'
import type { EventSink } from './sseClient'

/** A listening dashboard server. */
export interface DashboardServer {
  /** The page's address, e.g. `http://127.0.0.1:43117/`. */
  readonly url: string
  readonly port: number
  /** Stops listening and drops every connection. */
  stop(): Promise<void>
}

/**
 * Serves the dashboard page and its files on fixed routes, and hands each
 * `/events` request to `connect` as a Server-Sent Events stream. `fn` names
 * the public function in errors. Nothing a client sends can end the
 * process: every request gets an answer, a malformed one a 4xx.
 */
export async function startDashboardServer(
  fn: string,
  { port, host }: { readonly port: number; readonly host: string },
  connect: (sink: EventSink) => void,
): Promise<DashboardServer> {
  const assets = loadAssets()
  const { createServer } = await import('node:http') // loaded here, not when plot is imported
  let allowedHost: (header: string | undefined) => boolean = () => false
  const server = createServer((request, response) => {
    try {
      respond(request, response, { assets, connect, allowedHost })
    } catch {
      // a fault here must not reach the process that trains
      if (!response.headersSent) response.writeHead(500)
      response.end()
    }
  })
  // Node hands CONNECT and Upgrade requests to these events, and closes the socket unanswered when nobody listens
  server.on('connect', refuseRaw).on('upgrade', refuseRaw)
  const address = await listen(fn, server, port, host)
  allowedHost = hostFilter(host, address.port)
  server.on('error', () => {}) // after listening, e.g. EMFILE on accept: the server keeps listening
  return {
    url: `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/`,
    port: address.port,
    stop: () => stop(server),
  }
}

/** What the request listener answers from. */
interface Site {
  readonly assets: ReadonlyMap<string, Asset>
  readonly connect: (sink: EventSink) => void
  readonly allowedHost: (header: string | undefined) => boolean
}

/** The path of an origin-form request target (`/page?query`); undefined for anything else. */
function requestPath(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined
  try {
    return new URL(target, 'http://localhost').pathname
  } catch {
    return undefined
  }
}

function respond(request: IncomingMessage, response: ServerResponse, { assets, connect, allowedHost }: Site): void {
  const headers = {
    'Cache-Control': 'no-store',
    'Content-Security-Policy': "default-src 'self'",
    'X-Content-Type-Options': 'nosniff',
  }
  const text = { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }
  if (!allowedHost(request.headers.host)) {
    response.writeHead(403, text).end('this server answers only to its own address\n')
    return
  }
  const path = requestPath(request.url)
  if (path === undefined) {
    response.writeHead(400, text).end('bad request target\n')
    return
  }
  if (request.method !== 'GET') {
    response.writeHead(405, { ...headers, Allow: 'GET' }).end()
    return
  }
  if (path === '/events') {
    response.writeHead(200, {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
    })
    response.on('error', () => {}) // a page that went away; its 'close' already drops it
    connect(response)
    return
  }
  if (path === '/favicon.ico') {
    response.writeHead(204, headers).end() // no icon, and no 404 in the browser's console
    return
  }
  const asset = assets.get(path)
  if (asset === undefined) {
    response.writeHead(404, text).end('not found\n')
    return
  }
  response.writeHead(200, { ...headers, 'Content-Type': asset.type }).end(asset.body)
}

/** Answers a request that left HTTP's request-response flow (CONNECT, an Upgrade) with 405 and closes it. */
function refuseRaw(_request: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => {}) // the client may be gone already
  socket.end('HTTP/1.1 405 Method Not Allowed\r\nAllow: GET\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
}

function listen(fn: string, server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      const address = server.address()
      if (address === null || typeof address === 'string') reject(new Error(`${fn}: not a TCP address: ${address}`))
      else resolve(address)
    })
  })
}

function stop(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
