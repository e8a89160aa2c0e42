import { ConfigError, describe, GradstreamError } from '@gradstream/core'
import { Redis } from 'ioredis'

// The queue's Redis is given as a URL, `redis://[user:password@]host:port[/db]` (`rediss://` for TLS), rather than
// as ioredis's options: the public types then name no type of ioredis, an optional peer a user may not have.

/** Throws a ConfigError unless `url` is a redis:// or rediss:// URL. */
export function checkRedisUrl(fn: string, name: string, url: unknown): asserts url is string {
  if (typeof url === 'string' && /^rediss?:\/\/[^/]/.test(url)) return
  throw new ConfigError(fn, `${name} must be a redis:// URL such as 'redis://127.0.0.1:6379', got ${describe(url)}`)
}

/**
 * Two clients of the queue's Redis, connected: one for commands, one for
 * the blocking reads of the queue's event stream. Rejects with the first
 * connection error, `<fn>: cannot reach Redis at <url>: <reason>`, so a wrong
 * address is said at once instead of retried forever.
 */
export async function connectClients(fn: string, url: string): Promise<[Redis, Redis]> {
  const clients: [Redis, Redis] = [openRedis(url), openRedis(url)]
  try {
    await Promise.all(clients.map(connected))
  } catch (error) {
    for (const client of clients) client.disconnect()
    const reason = error instanceof Error ? error.message : String(error)
    throw new GradstreamError(`${fn}: cannot reach Redis at ${describeRedisUrl(url)}: ${reason}`)
  }
  // Once connected, an error is passing: ioredis reconnects, and the commands wait for it.
  for (const client of clients) client.on('error', () => undefined)
  return clients
}

/** A client as BullMQ wants it: commands wait through a reconnection instead of failing after a few retries. */
function openRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null })
}

function connected(redis: Redis): Promise<void> {
  return new Promise((resolve, reject) => {
    const onReady = () => {
      redis.off('error', onError)
      resolve()
    }
    const onError = (error: Error) => {
      redis.off('ready', onReady)
      reject(error)
    }
    redis.once('ready', onReady).once('error', onError)
  })
}

/** The URL without its password, for messages. */
export function describeRedisUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//')
}
