import { PassThrough } from 'node:stream'
import { ConfigError } from '@gradstream/core'
import { firstValueFrom, range, map, of, toArray, take } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { formatDuration, progressBar } from './progressBar'

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 })
  const chunks: string[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  return { stream, text: () => chunks.join('') }
}

const run = (steps: number) => range(1, steps).pipe(map((step) => ({ step, loss: 1 / step })))
const PLAIN_LINE = /^step (\d+)\/(\d+) \((\d+\.\d)%\) \| (?:[\d.]+|-) steps\/s \| loss (\S+) \| ETA (\S+)$/

describe('progressBar', () => {
  it('writes plain lines when the output is not a TTY: the first, then the last step', async () => {
    const { stream, text } = capture(false)
    const passed = await firstValueFrom(run(200).pipe(progressBar({ total: 200, output: stream }), toArray()))
    expect(passed).toHaveLength(200)
    const lines = text().trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(PLAIN_LINE)
    expect(lines[0]!.match(PLAIN_LINE)!.slice(1, 5)).toEqual(['1', '200', '0.5', '1'])
    expect(lines[1]!.match(PLAIN_LINE)!.slice(1, 6)).toEqual(['200', '200', '100.0', '0.005', '0s'])
  })

  it('writes a plain line per snapshot with plainEveryMs 0', async () => {
    const { stream, text } = capture(false)
    await firstValueFrom(run(5).pipe(progressBar({ total: 10, output: stream, plainEveryMs: 0 }), toArray()))
    const steps = text()
      .trimEnd()
      .split('\n')
      .map((line) => line.match(PLAIN_LINE)![1])
    expect(steps).toEqual(['1', '2', '3', '4', '5'])
  })

  it('ends with a line for the last step when a subscriber stops the run early', async () => {
    const { stream, text } = capture(false)
    await firstValueFrom(run(100).pipe(progressBar({ total: 100, output: stream }), take(30), toArray()))
    expect(text().trimEnd().split('\n').at(-1)).toMatch(/^step 30\/100 \(30\.0%\)/)
  })

  it('draws a bar in place on a TTY', async () => {
    const { stream, text } = capture(true)
    await firstValueFrom(run(50).pipe(progressBar({ total: 50, output: stream }), toArray()))
    const out = text()
    expect(out).toContain('\x1b[') // cursor control, not plain lines
    expect(out).toMatch(/100\.0% \| step 50\/50 \| [\d.-]+ steps\/s \| loss 0\.02 \| ETA 0s/)
  })

  it('rejects a total that is not a positive integer', () => {
    expect(() => progressBar({ total: 0 })).toThrow(
      new ConfigError('progressBar', 'total must be an integer >= 1, got 0'),
    )
    expect(() => progressBar({ total: 2.5 })).toThrow('progressBar: total must be an integer >= 1, got 2.5')
  })

  it('refuses unknown options, an output without write and a bad interval', () => {
    // @ts-expect-error: not an option
    expect(() => progressBar({ total: 10, totl: 10 })).toThrow(
      "progressBar: unknown option 'totl'; expected one of total, output, loss, plainEveryMs",
    )
    // @ts-expect-error: an output needs write()
    expect(() => progressBar({ total: 10, output: 'stderr' })).toThrow(
      'progressBar: output must have a write(text) method, such as process.stdout; got "stderr"',
    )
    expect(() => progressBar({ total: 10, plainEveryMs: NaN })).toThrow(
      'progressBar: plainEveryMs must be in [0, Infinity], got NaN',
    )
    // @ts-expect-error: the options are required
    expect(() => progressBar()).toThrow('progressBar: options must be an object, got undefined')
  })

  it('draws on any object with write() and isTTY, and loads cli-progress only for a TTY', async () => {
    const writes: string[] = []
    const output = { isTTY: true, write: (text: string) => writes.push(text) }
    await firstValueFrom(run(3).pipe(progressBar({ total: 3, output }), toArray()))
    expect(writes.join('')).toContain('100.0% | step 3/3')
  })
})

describe('progressBar with evaluation results', () => {
  // steps 1 to 6, evaluated at steps 3 and 6
  const evaluatedRun = () =>
    run(6).pipe(
      map((snapshot) =>
        snapshot.step % 3 === 0 ? { ...snapshot, eval: { loss: snapshot.step / 10, accuracy: 0.9 } } : snapshot,
      ),
    )

  it('adds the latest results after the loss, and writes an evaluated snapshot at once without a TTY', async () => {
    const { stream, text } = capture(false)
    await firstValueFrom(
      evaluatedRun().pipe(progressBar({ total: 6, output: stream, plainEveryMs: Infinity }), toArray()),
    )
    const lines = text().trimEnd().split('\n')
    expect(lines.map((line) => line.replace(/ \| [\d.-]+ steps\/s \| /, ' | ').replace(/ \| ETA \S+$/, ''))).toEqual([
      'step 1/6 (16.7%) | loss 1',
      'step 3/6 (50.0%) | loss 0.3333 · eval loss 0.3 accuracy 0.9',
      'step 6/6 (100.0%) | loss 0.1667 · eval loss 0.6 accuracy 0.9',
    ])
  })

  it('keeps showing the latest results on later lines until the next evaluation', async () => {
    const { stream, text } = capture(false)
    await firstValueFrom(evaluatedRun().pipe(progressBar({ total: 6, output: stream, plainEveryMs: 0 }), toArray()))
    const evalParts = text()
      .trimEnd()
      .split('\n')
      .map((line) => / · (eval [^|]*) \|/.exec(line)?.[1] ?? '')
    expect(evalParts).toEqual([
      '',
      '',
      'eval loss 0.3 accuracy 0.9',
      'eval loss 0.3 accuracy 0.9',
      'eval loss 0.3 accuracy 0.9',
      'eval loss 0.6 accuracy 0.9',
    ])
  })

  it('draws the results in the bar on a TTY', async () => {
    const { stream, text } = capture(true)
    await firstValueFrom(evaluatedRun().pipe(progressBar({ total: 6, output: stream }), toArray()))
    expect(text()).toMatch(
      /100\.0% \| step 6\/6 \| [\d.-]+ steps\/s \| loss 0\.1667 · eval loss 0\.6 accuracy 0\.9 \| ETA 0s/,
    )
  })

  it('errors the stream when eval is not numbers', async () => {
    const { stream } = capture(false)
    const bad = of({ step: 1, loss: 1, eval: { accuracy: '90%' } as unknown as Record<string, number> })
    await expect(firstValueFrom(bad.pipe(progressBar({ total: 1, output: stream })))).rejects.toThrow(
      new ConfigError('progressBar', 'snapshot.eval must be an object of numbers, got an object'),
    )
  })
})

describe('formatDuration', () => {
  it('writes seconds, minutes and hours compactly', () => {
    expect([0.4, 42, 187, 7500].map(formatDuration)).toEqual(['0s', '42s', '3m07s', '2h05m'])
  })

  it('refuses a negative or non-finite duration', () => {
    expect(() => formatDuration(-1)).toThrow(
      new ConfigError('formatDuration', 'seconds must be a finite number >= 0, got -1'),
    )
    expect(() => formatDuration(NaN)).toThrow('formatDuration: seconds must be a finite number >= 0, got NaN')
  })
})
