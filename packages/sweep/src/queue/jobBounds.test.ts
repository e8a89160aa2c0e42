import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigError } from '@gradstream/core'
import { afterAll, describe, expect, it } from 'vitest'
import { boundedJob } from './jobBounds'

const root = mkdtempSync(join(tmpdir(), 'job-bounds-'))
const modules = join(root, 'code')
const logdir = join(root, 'runs')
const outside = join(root, 'elsewhere.mjs')
mkdirSync(modules)
mkdirSync(logdir)
writeFileSync(join(modules, 'run.mjs'), 'export default () => null\n')
writeFileSync(outside, 'export default () => null\n')
symlinkSync(outside, join(modules, 'link.mjs'))
afterAll(() => rmSync(root, { recursive: true }))

const bounds = { modules, logdir }
const job = (module: string, runDir = join(logdir, 'a')) => ({ runId: 'a', config: { lr: 0.1 }, module, runDir })
const refusal = (message: string) => new ConfigError('gradstream-worker', message)

describe('boundedJob', () => {
  it('passes a job whose module is under the modules directory and whose run is under the log directory', () => {
    expect(boundedJob(job(join(modules, 'run.mjs')), bounds)).toEqual(job(join(modules, 'run.mjs')))
    expect(boundedJob(job(pathToFileURL(join(modules, 'run.mjs')).href), bounds).module).toBe(join(modules, 'run.mjs'))
  })

  it('refuses a module outside the modules directory, a symbolic link out of it included', () => {
    for (const module of [outside, join(modules, 'link.mjs'), join(modules, '..', 'elsewhere.mjs')]) {
      expect(() => boundedJob(job(module), bounds)).toThrow(
        refusal(`the run module ${module} is not under the modules directory ${modules}`),
      )
    }
  })

  it('refuses a module that is not here, or not a file', () => {
    expect(() => boundedJob(job(join(modules, 'none.mjs')), bounds)).toThrow(
      refusal(`the run module ${join(modules, 'none.mjs')} does not exist here`),
    )
    expect(() => boundedJob(job('https://example.com/run.mjs'), bounds)).toThrow(
      refusal("the run module must be a file path, got 'https://example.com/run.mjs'"),
    )
    expect(() => boundedJob(job('run.mjs'), bounds)).toThrow(
      refusal("job.module must be an absolute path or a URL, got 'run.mjs'"),
    )
  })

  it('refuses a run directory outside the log directory, or the log directory itself', () => {
    for (const runDir of [join(logdir, '..', 'a'), logdir, 'runs/a', '/tmp']) {
      expect(() => boundedJob(job(join(modules, 'run.mjs'), runDir), bounds)).toThrow(
        refusal(`the run directory ${runDir} is not under the log directory ${logdir}`),
      )
    }
  })
})
