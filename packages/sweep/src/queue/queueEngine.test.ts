import { ConfigError } from '@gradstream/core'
import { lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { queue } from './queueEngine'
import { freePort } from './testing/redisServer'
import { jobIdOf } from './queueJob'

const connection = 'redis://127.0.0.1:6379'
const job = { runId: 'lr=0.1', config: { lr: 0.1 }, module: '/code/run.mjs', runDir: '/runs/lr=0.1' }

describe('queue', () => {
  it('takes a Redis URL and a queue name, and enqueues every run by default', () => {
    expect(queue({ connection, queueName: 'lr' }).concurrency).toBe(Infinity)
    expect(queue({ connection: 'rediss://user:pw@10.0.0.5:6380/2', queueName: 'lr', concurrency: 8 }).concurrency).toBe(
      8,
    )
  })

  it.each([
    [undefined, 'options must be an object, got undefined'],
    [
      { connection, queueName: 'lr', logdir: 'runs' },
      "unknown option 'logdir'; expected one of connection, queueName, concurrency",
    ],
    [{ connection, queueName: 'lr', concurrency: 0 }, 'concurrency must be an integer >= 1, got 0'],
    [
      { connection: 'localhost:6379', queueName: 'lr' },
      `connection must be a redis:// URL such as 'redis://127.0.0.1:6379', got "localhost:6379"`,
    ],
    [{ connection, queueName: 7 }, 'queueName must be a string, got 7'],
    [{ connection, queueName: 'a:b' }, "queueName must be a non-empty name without ':', got 'a:b'"],
  ])('refuses %j', (options, message) => {
    expect(() => queue(options as never)).toThrow(new ConfigError('queue', message))
  })

  it('refuses a job that is not one when run is called', () => {
    expect(() => queue({ connection, queueName: 'lr' }).run({ ...job, module: 'run.mjs' })).toThrow(
      new ConfigError('queue', "job.module must be an absolute path or a URL, got 'run.mjs'"),
    )
  })

  it('fails the run, saying where, when Redis cannot be reached', async () => {
    const port = await freePort()
    const engine = queue({ connection: `redis://127.0.0.1:${port}`, queueName: 'lr' })
    const events = await lastValueFrom(engine.run(job).pipe(toArray()))
    await engine.close()
    expect(events).toEqual([
      {
        type: 'failed',
        runId: 'lr=0.1',
        error: {
          name: 'GradstreamError',
          message: `queue: cannot reach Redis at redis://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`,
        },
      },
    ])
  })
})

describe('jobIdOf', () => {
  it('names a job by its runId and a digest of its directory, so only the same run finds it again', () => {
    const id = jobIdOf(job)
    expect(id).toMatch(/^lr=0\.1@[0-9a-f]{12}$/)
    expect(jobIdOf({ ...job, config: { lr: 0.2 } })).toBe(id)
    expect(jobIdOf({ ...job, runDir: '/other/lr=0.1' })).not.toBe(id)
  })

  it("escapes ':', which BullMQ refuses in ids, and '%', so that no two runIds meet", () => {
    expect(jobIdOf({ ...job, runId: 'a:b%3A' }).split('@')[0]).toBe('a%3Ab%253A')
  })
})
