import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LogDirectory } from './logDirectory'
import type { RunLog } from './runLog'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'logdir-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** A step record as jsonlLog writes it. */
const step = (n: number, fields: Record<string, unknown> = {}) =>
  `${JSON.stringify({ type: 'step', step: n, wall_time: 1700000000 + n, loss: 1 / n, ...fields })}\n`

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true })
  appendFileSync(join(root, path), text)
}

const points = (run: RunLog, metric: string) => {
  const series = run.series.get(metric)
  return series === undefined ? [] : Array.from(series.steps, (s, i) => [s, series.values[i]])
}

describe('LogDirectory', () => {
  it('finds every jsonlLog file at any depth, named by its folder, and skips CSV sidecars', async () => {
    write('sgd/log.jsonl', step(1))
    write('sweep/lr-0.01/log.jsonl', step(1))
    write('sweep/lr-0.01/log.csv.hparams.jsonl', '{"hparams":{}}\n')
    write('top.jsonl', step(1))
    write('sgd/second.jsonl', step(1))
    writeFileSync(join(root, 'notes.txt'), 'not a log')
    const directory = new LogDirectory(root)
    expect(await directory.poll()).toBe(true)
    expect(directory.runs.map((run) => run.name)).toEqual(['sgd', 'sgd/second.jsonl', 'sweep/lr-0.01', 'top.jsonl'])
    expect(directory.warnings).toEqual([])
  })

  it('reads the metrics and hyper-parameters of a run', async () => {
    write(
      'a/log.jsonl',
      '{"type":"hparams","wall_time":1,"hparams":{"optimizer":{"name":"sgd"}}}\n' +
        step(1, { epoch: 1, 'loss/mse': 0.5, learning_rate: 0.1 }) +
        step(2, { epoch: 1, 'loss/mse': 0.25, learning_rate: 0.1, 'eval/accuracy': 0.75, note: 'text' }) +
        step(3, { epoch: 2 }),
    )
    const directory = new LogDirectory(root)
    await directory.poll()
    const [run] = directory.runs
    expect(run!.hparams).toEqual({ optimizer: { name: 'sgd' } })
    expect([...run!.series.keys()]).toEqual(['loss', 'loss/mse', 'learning_rate', 'eval/accuracy'])
    expect(points(run!, 'loss')).toEqual([
      [1, 1],
      [2, 0.5],
      [3, 1 / 3],
    ])
    expect(points(run!, 'eval/accuracy')).toEqual([[2, 0.75]])
    // epoch and wall time are kept as the run's x axes, not charted as metrics; an epoch where it starts
    expect([...run!.axes.keys()]).toEqual(['epoch', 'wall_time'])
    expect(Array.from(run!.axes.get('epoch')!.steps)).toEqual([1, 3])
    expect(Array.from(run!.axes.get('wall_time')!.values)).toEqual([1700000001, 1700000002, 1700000003])
    expect([run!.series.get('loss')!.min, run!.series.get('loss')!.max]).toEqual([1 / 3, 1])
  })

  it('follows a run as it is written, and a run that appears later', async () => {
    write('a/log.jsonl', step(1))
    const directory = new LogDirectory(root)
    await directory.poll()
    expect(await directory.poll()).toBe(false)
    write('a/log.jsonl', step(2) + step(3))
    write('b/log.jsonl', step(1))
    expect(await directory.poll()).toBe(true)
    expect(directory.runs.map((run) => run.name)).toEqual(['a', 'b'])
    expect(points(directory.runs[0]!, 'loss').map(([s]) => s)).toEqual([1, 2, 3])
  })

  it('waits for the newline of a line written in parts, without a warning', async () => {
    const line = step(2)
    write('a/log.jsonl', step(1) + line.slice(0, 10))
    const directory = new LogDirectory(root)
    await directory.poll()
    expect(points(directory.runs[0]!, 'loss').map(([s]) => s)).toEqual([1])
    write('a/log.jsonl', line.slice(10))
    await directory.poll()
    expect(points(directory.runs[0]!, 'loss').map(([s]) => s)).toEqual([1, 2])
    expect(directory.runs[0]!.warnings).toEqual([])
  })

  it('names malformed lines in warnings with their file and line, and reads on', async () => {
    write('a/log.jsonl', `${step(1)}{"type":"step"\n[1, 2]\n{"type":"step","step":"two","loss":1}\n\n${step(3)}`)
    const directory = new LogDirectory(root)
    await directory.poll()
    const [run] = directory.runs
    expect(run!.warnings).toEqual([
      'a/log.jsonl: line 2 is not JSON, skipped',
      'a/log.jsonl: line 3 is not a JSON object, skipped',
      'a/log.jsonl: line 4 has no numeric step, skipped',
    ])
    expect(points(run!, 'loss').map(([s]) => s)).toEqual([1, 3])
  })

  it('leaves NaN and infinities out of the series', async () => {
    write('a/log.jsonl', step(1, { loss: 'NaN' }) + step(2, { loss: 'Infinity' }) + step(3, { loss: 0.5 }))
    const directory = new LogDirectory(root)
    await directory.poll()
    expect(points(directory.runs[0]!, 'loss')).toEqual([[3, 0.5]])
  })

  it('drops the steps a restarted run writes again into the same file, as TensorBoard does', async () => {
    write('a/log.jsonl', step(1) + step(2) + step(3) + step(2, { loss: 7 }))
    const directory = new LogDirectory(root)
    await directory.poll()
    expect(points(directory.runs[0]!, 'loss')).toEqual([
      [1, 1],
      [2, 7],
    ])
    // the extremes are those of the points kept: 1/3 went with step 3
    expect([directory.runs[0]!.series.get('loss')!.min, directory.runs[0]!.series.get('loss')!.max]).toEqual([1, 7])
  })

  it('warns when the directory cannot be listed, and keeps going', async () => {
    const directory = new LogDirectory(join(root, 'gone'))
    expect(await directory.poll()).toBe(false)
    expect(directory.warnings).toEqual([
      `cannot list ${join(root, 'gone')}: ENOENT: no such file or directory, scandir '${join(root, 'gone')}'`,
    ])
  })
})
