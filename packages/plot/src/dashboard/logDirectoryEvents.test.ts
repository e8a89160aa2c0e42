import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readTensorBoardEvents, tensorBoard } from '@gradstream/logs'
import type { TensorBoardSnapshot } from '@gradstream/logs'
import { tensor } from '@gradstream/tensor'
import { from, lastValueFrom } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compressHistogram } from './histogramDistribution'
import { LogDirectory } from './logDirectory'
import type { RunLog } from './runLog'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'logdir-events-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

/** Steps 1..count of a run: two epochs of two steps at most, a param that widens with the step. */
const snapshots = (count: number, scale = 1): TensorBoardSnapshot[] =>
  Array.from({ length: count }, (_, i) => ({
    step: i + 1,
    epoch: Math.ceil((i + 1) / 2),
    params: { w: tensor([-(i + 1), 0, i + 1]) },
    loss: scale / (i + 1),
    losses: { loss: scale / (i + 1) },
    learningRate: 0.1,
  }))

/** Logs the snapshots to a new events file in root/folder with tensorBoard; returns the file's path. */
async function logEvents(folder: string, count: number, scale = 1): Promise<string> {
  const logdir = join(root, folder)
  await lastValueFrom(
    from(snapshots(count, scale)).pipe(
      tensorBoard(logdir, { hparams: { optimizer: 'adam', lr: 0.1 }, histograms: { every: 2, params: ['w'] } }),
    ),
  )
  return join(logdir, readdirSync(logdir).find((name) => name.includes('tfevents'))!)
}

const points = (run: RunLog, metric: string, map = run.series) => {
  const series = map.get(metric)
  return series === undefined ? [] : Array.from(series.steps, (s, i) => [s, series.values[i]])
}

describe('LogDirectory with TensorBoard events files', () => {
  it('makes a run of a folder of events files: scalars, epochs, wall times, hparams and distributions', async () => {
    await logEvents('tb', 4, 3)
    const directory = new LogDirectory(root)
    expect(await directory.poll()).toBe(true)
    const [run] = directory.runs
    expect(directory.runs.map((r) => r.name)).toEqual(['tb'])
    // events hold float32: the values come back rounded
    expect(points(run!, 'loss')).toEqual([1, 2, 3, 4].map((s) => [s, Math.fround(3 / s)]))
    expect(points(run!, 'learning_rate')).toEqual([1, 2, 3, 4].map((s) => [s, Math.fround(0.1)]))
    expect(points(run!, 'epoch', run!.axes)).toEqual([
      [1, 1],
      [3, 2],
    ])
    expect(run!.axes.get('wall_time')!.steps).toEqual(new Float64Array([1, 2, 3, 4]))
    expect([...run!.series.keys()]).toEqual(['loss', 'learning_rate'])
    expect(run!.hparams).toEqual({ optimizer: 'adam', lr: 0.1 })
    const w = run!.distributions.get('params/w')!
    expect(w.steps).toEqual([2, 4])
    // [-2, 0, 2] in TF1's buckets: the minimum and maximum exactly, the median in 0's bucket
    expect(w.points[0]![0]).toBe(-2)
    expect(w.points[0]![8]).toBe(2)
    expect(w.points[1]![0]).toBe(-4)
    expect(directory.warnings).toEqual([])
    expect(await directory.poll()).toBe(false)
  })

  it("takes a run's scalars from its JSON Lines file and its distributions from its events files", async () => {
    const events = await readTensorBoardEvents(await logEvents('both', 2))
    mkdirSync(join(root, 'both'), { recursive: true })
    const line = (step: number) =>
      JSON.stringify({ type: 'step', step, wall_time: 1700000000 + step, loss: 0.1 * step })
    writeFileSync(join(root, 'both', 'log.jsonl'), `${line(1)}\n${line(2)}\n`)
    const directory = new LogDirectory(root)
    await directory.poll()
    expect(directory.runs.map((r) => r.name)).toEqual(['both'])
    const [run] = directory.runs
    expect(points(run!, 'loss')).toEqual([
      [1, 0.1],
      [2, 0.2],
    ])
    expect(run!.series.has('learning_rate')).toBe(false)
    expect(run!.hparams).toBeUndefined()
    const histograms = events.flatMap((event) => event.histograms)
    expect(histograms.map(({ tag }) => tag)).toEqual(['params/w'])
    expect(run!.distributions.get('params/w')!.points).toEqual([compressHistogram(histograms[0]!.histogram)])
  })

  it('follows an events file as it grows, a record cut short waited for; a corrupt record is a warning', async () => {
    const source = await logEvents('src', 4)
    const bytes = readFileSync(source)
    rmSync(join(root, 'src'), { recursive: true })
    mkdirSync(join(root, 'live'))
    const path = join(root, 'live', 'events.out.tfevents.1764770000.box')
    const directory = new LogDirectory(root)
    writeFileSync(path, bytes.subarray(0, 100))
    await directory.poll()
    const run = directory.runs[0]!
    expect(points(run, 'loss')).toEqual([])
    for (let end = 100; end < bytes.length; end += 61) {
      appendFileSync(path, bytes.subarray(end, Math.min(end + 61, bytes.length)))
      await directory.poll()
    }
    expect(points(run, 'loss').map(([step]) => step)).toEqual([1, 2, 3, 4])
    // the file version, the hparams, steps 1 to 4, the session end: the data CRC of step 4's record flipped
    const corrupt = Buffer.from(bytes)
    const offsets = recordOffsets(corrupt)
    expect(offsets).toHaveLength(7)
    corrupt[offsets[6]! - 1]! ^= 0xff
    writeFileSync(join(root, 'live', 'events.out.tfevents.1764770001.box'), corrupt)
    await directory.poll() // the records before the corrupt one, then the warning
    const file = `${root}/live/events.out.tfevents.1764770001.box`
    expect(directory.warnings).toEqual([
      expect.stringMatching(
        `^gradstream dashboard: '${file}': record at byte ${offsets[5]}: the data's masked CRC-32C is`,
      ),
    ])
    // the records before the corrupt one were read: the run restarted at step 1 into the same folder
    expect(points(run, 'loss').map(([step]) => step)).toEqual([1, 2, 3])
    expect(points(run, 'wall_time', run.axes).map(([step]) => step)).toEqual([1, 2, 3])
  })
})

/** Where each TFRecord of an events file starts. */
function recordOffsets(bytes: Buffer): number[] {
  const offsets: number[] = []
  for (let at = 0; at < bytes.length; at += 16 + Number(bytes.readBigUInt64LE(at))) offsets.push(at)
  return offsets
}
