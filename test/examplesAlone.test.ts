// Every example runs by itself after install, without a build, by the command
// its header comment gives. The tests of the other examples run them as that
// command would (runExample in seedExample.ts parses the command and starts
// Node with tsx's loader, without npx's launchers), so this file checks the
// commands, that each example has such a test, and runs the one example no
// other test runs, the dashboard, by its command word for word.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { headerCommand, runExampleByHeaderCommand } from './seedExample'

const examples = readdirSync(fileURLToPath(new URL('../examples/', import.meta.url)))
  .filter((name) => /^\d{2}-.+\.ts$/.test(name))
  .sort()
const testsDir = new URL('./', import.meta.url)
const testSources = readdirSync(testsDir)
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => readFileSync(new URL(name, testsDir), 'utf8'))

describe('the examples', () => {
  it('are found', () => {
    expect(examples.slice(0, 3)).toEqual(['01-common-ops.ts', '02-custom-loss.ts', '03-learning-rate.ts'])
  })

  it.each(examples)('%s gives the command that runs it from the repository root', (file) => {
    expect(headerCommand(file)).toEqual(['npx', 'tsx', '--conditions=@gradstream/source', `examples/${file}`])
  })

  it.each(examples)('%s is run by a test as that command would run it', (file) => {
    const runs = [`runExample('${file}'`, `runExampleByHeaderCommand('${file}'`]
    expect(testSources.some((source) => runs.some((run) => source.includes(run)))).toBe(true)
  })

  it("the root README gives the headers' command", () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    expect(readme).toContain('npx tsx --conditions=@gradstream/source examples/01-common-ops.ts')
  })
})

describe('examples/06-dashboard.ts', () => {
  it('prints the address of its page, and with --once exits when both runs have ended', () => {
    const output = runExampleByHeaderCommand('06-dashboard.ts', ['--once', '--steps', '200'])
    expect(output).toMatch(/^dashboard: http:\/\/127\.0\.0\.1:\d+\/$/m)
    expect(output).toMatch(/^\[no L2\] After 180 steps, loss: \d\.\d{6}$/m)
    expect(output.trimEnd().split('\n').at(-1)).toBe('no L2: done at step 200, L2: done at step 200')
  })
})
