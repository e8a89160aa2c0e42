import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { queueWorker } from './queueWorker'
import type { QueueWorkerOptions } from './queueWorker'

const dir = tmpdir()
const options: QueueWorkerOptions = { connection: 'redis://127.0.0.1:6379', queueName: 'lr', modules: dir, logdir: dir }

describe('queueWorker', () => {
  it.each([
    [
      { ...options, port: 1 },
      "unknown option 'port'; expected one of connection, queueName, modules, logdir, concurrency, checkpointEvery, stallTimeout, log",
    ],
    [
      { ...options, connection: 'http://x' },
      `connection must be a redis:// URL such as 'redis://127.0.0.1:6379', got "http://x"`,
    ],
    [
      { ...options, modules: join(dir, 'no-such-dir') },
      `modules must be a directory, got '${join(dir, 'no-such-dir')}' (not one here)`,
    ],
    [{ ...options, concurrency: 0 }, 'concurrency must be an integer >= 1, got 0'],
    [{ ...options, stallTimeout: 10 }, 'stallTimeout must be an integer >= 100, got 10'],
    [{ ...options, log: 'stdout' }, 'log must be a function, got "stdout"'],
  ])('refuses %j before connecting', async (bad, message) => {
    await expect(queueWorker(bad as QueueWorkerOptions)).rejects.toThrow(new ConfigError('queueWorker', message))
  })
})
