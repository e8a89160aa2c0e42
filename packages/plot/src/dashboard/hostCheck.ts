import { isIP } from 'node:net'
import { ConfigError, checkString, describe } from '@gradstream/core'

// The names a browser on this machine may use for a loopback server.
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]']

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
const isWildcard = (host: string) => host === '0.0.0.0' || host === '::'
const asHostName = (address: string) => (isIP(address) === 6 ? `[${address}]` : address)

/**
 * Which `Host` headers a server bound to `bindHost`:`port` answers, against
 * DNS rebinding (a page of another site whose name was pointed at this
 * machine sends its own name). Allowed: the bound name or address; for a
 * loopback bind also localhost, 127.0.0.1 and [::1]; for a wildcard bind
 * (0.0.0.0, ::) those and any IP address, which no other site can send.
 * The port must be the server's (or absent on port 80).
 */
export function hostFilter(bindHost: string, port: number): (header: string | undefined) => boolean {
  const host = bindHost.toLowerCase()
  const names = new Set([asHostName(host)])
  if (isLoopback(host) || isWildcard(host)) for (const name of LOOPBACK_NAMES) names.add(name)
  return (header) => {
    const parsed = header === undefined ? undefined : splitHost(header.toLowerCase())
    if (parsed === undefined) return false
    if (parsed.port !== String(port) && !(parsed.port === undefined && port === 80)) return false
    return names.has(parsed.name) || (isWildcard(host) && isIP(parsed.name.replace(/^\[(.*)\]$/, '$1')) !== 0)
  }
}

/** `name[:port]` or `[v6]:port` apart; undefined for anything else. */
function splitHost(header: string): { name: string; port: string | undefined } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header)
  return match === null ? undefined : { name: match[1]!, port: match[2] }
}

/** A host to bind: a non-empty string ('' would make Node bind every interface). */
export function checkHost(fn: string, host: unknown): asserts host is string {
  checkString(fn, 'host', host)
  if (host.trim() === '') {
    throw new ConfigError(fn, `host must name an interface, e.g. '127.0.0.1' or '0.0.0.0', got ${describe(host)}`)
  }
}
