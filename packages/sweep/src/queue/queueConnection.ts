import { ConfigError, describe } from '@gradstream/core'
import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'

/**
 * Where the queue's Redis is: a `redis://[user:password@]host:port[/db]`
 * URL (`rediss://` for TLS), or ioredis's connection options.
 * @example const connection: QueueConnection = 'redis://127.0.0.1:6379'
 */
export type QueueConnection = string | RedisOptions

/** Throws a ConfigError unless `connection` is a redis:// or rediss:// URL or an options object. */
export function checkConnection(fn: string, connection: unknown): asserts connection is QueueConnection {
  if (typeof connection === 'string' ? /^rediss?:\/\/[^/]/.test(connection) : isObject(connection)) return
  throw new ConfigError(
    fn,
    `connection must be a redis:// URL such as 'redis://127.0.0.1:6379' or ioredis options, got ${describe(connection)}`,
  )
}

/**
 * A new client of the queue's Redis, as BullMQ wants it: commands wait
 * through a reconnection instead of failing after a few retries.
 */
export function openRedis(connection: QueueConnection): Redis {
  const options: RedisOptions = { maxRetriesPerRequest: null }
  const redis =
    typeof connection === 'string' ? new Redis(connection, options) : new Redis({ ...connection, ...options })
  // Once connected, an error is passing: ioredis reconnects and the commands wait (see `connected`).
  return redis.on('error', () => undefined)
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

/** Where `connection` points, for messages (without a password). */
export function describeConnection(connection: QueueConnection): string {
  if (typeof connection !== 'string') return `${connection.host ?? '127.0.0.1'}:${connection.port ?? 6379}`
  return connection.replace(/\/\/[^@/]*@/, '//')
}

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value)
