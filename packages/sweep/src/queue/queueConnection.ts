import { ConfigError, describe } from '@gradstream/core'
import { Redis } from 'ioredis'

// The queue's Redis is given as a URL, `redis://[user:password@]host:port[/db]` (`rediss://` for TLS), rather than
// as ioredis's options: the public types then name no type of ioredis, an optional peer a user may not have.

/** Throws a ConfigError unless `url` is a redis:// or rediss:// URL. */
export function checkRedisUrl(fn: string, name: string, url: unknown): asserts url is string {
  if (typeof url === 'string' && /^rediss?:\/\/[^/]/.test(url)) return
  throw new ConfigError(fn, `${name} must be a redis:// URL such as 'redis://127.0.0.1:6379', got ${describe(url)}`)
}

/**
 * A new client of the queue's Redis, as BullMQ wants it: commands wait
 * through a reconnection instead of failing after a few retries.
 */
export function openRedis(url: string): Redis {
  // Once connected, an error is passing: ioredis reconnects and the commands wait (see `connected`).
  return new Redis(url, { maxRetriesPerRequest: null }).on('error', () => undefined)
}

/**
 * Resolves once `redis` is connected; rejects with the first connection
 * error, so a wrong address is said at once instead of retried forever.
 */
export function connected(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
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
