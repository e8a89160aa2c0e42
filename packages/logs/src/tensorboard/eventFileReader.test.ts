import { execFileSync } from 'node:child_process'
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { from, lastValueFrom } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { pythonPresent } from '../testing/python'
import { referenceHistogram } from '../testing/referenceHistogram'
import { runSnapshots } from '../testing/snapshots'
import { EventFileError } from './EventFileError'
import { encodeEvent } from './eventMessages'
import { EventFileReader, readTensorBoardEvents } from './eventFileReader'
import { FILE_VERSION, scalarValue, textValue } from './summaries'
import { tensorBoard } from './tensorBoard'
import { tfRecord } from './tfRecord'

if (!pythonPresent) console.warn('eventFileReader.test.ts: python3 not found, so no file is written independently')

const tmp = () => mkdtempSync(join(tmpdir(), 'tb-read-'))
const record = (step: number, loss: number) =>
  tfRecord(encodeEvent({ wallTime: 1764770000 + step, step, summary: { value: [scalarValue('loss', loss)] } }))
const concatBytes = (parts: readonly Uint8Array[]) => Buffer.concat(parts.map((part) => Buffer.from(part)))

describe('readTensorBoardEvents', () => {
  it("reads back what tensorBoard writes: the file version, hparams, every step's scalars as float32, histograms", async () => {
    const logdir = tmp()
    const snapshots = runSnapshots(4)
    const hparams = { optimizer: { name: 'adam', learningRate: 0.001, nesterov: false }, batchSize: 2 }
    await lastValueFrom(
      from(snapshots).pipe(tensorBoard(logdir, { hparams, histograms: { every: 2, params: ['layers[0].w'] } })),
    )
    const [name] = readdirSync(logdir)
    const events = await readTensorBoardEvents(join(logdir, name!))
    expect(events[0]).toMatchObject({ step: 0, fileVersion: FILE_VERSION, scalars: [], histograms: [] })
    // the session start's float scalar 0 tensor belongs to the HParams plugin: it is no scalar of the run
    expect(events[1]).toMatchObject({
      step: 0,
      scalars: [],
      hparams: { 'optimizer.name': 'adam', 'optimizer.learningRate': 0.001, 'optimizer.nesterov': false, batchSize: 2 },
    })
    const steps = events.slice(2, 6)
    expect(steps.map((e) => e.step)).toEqual([1, 2, 3, 4])
    steps.forEach((event, i) => {
      const snapshot = snapshots[i]!
      const expected = [
        ['epoch', snapshot.epoch!],
        ['loss', snapshot.loss],
        ['loss/mse', snapshot.losses.mse!],
        ['loss/l2', snapshot.losses.l2!],
        ['learning_rate', 0.1],
        ...Object.entries(snapshot.eval ?? {}).map(([metric, value]) => [`eval/${metric}`, value] as const),
      ].map(([tag, value]) => ({ tag, value: Math.fround(value as number) }))
      expect(event.scalars).toEqual(expected)
      expect(event.histograms).toEqual(
        event.step % 2 === 0 ? [{ tag: 'params/layers[0].w', histogram: referenceHistogram([0.5, -1, 2, 0]) }] : [],
      )
      expect(event.wallTime).toBeGreaterThan(1.7e9)
    })
    expect(events).toHaveLength(7) // and the session end
  })

  it.skipIf(!pythonPresent)(
    'reads a file written independently in the layouts of TF2 and TF1: tensor scalars, plugins named once, histograms',
    async () => {
      const path = join(tmp(), 'events.out.tfevents.1764770000.box')
      execFileSync('python3', [fileURLToPath(new URL('../testing/writeEvents.py', import.meta.url)), path])
      const events = await readTensorBoardEvents(path)
      expect(events).toEqual([
        { wallTime: 1764770000.25, step: 0, fileVersion: 'brain.Event:2', scalars: [], histograms: [] },
        {
          wallTime: 1764770001.5,
          step: 1,
          scalars: [
            { tag: 'loss', value: 0.5 },
            { tag: 'accuracy', value: 0 },
          ],
          histograms: [],
        },
        {
          wallTime: 1764770002.5,
          step: 2,
          scalars: [
            { tag: 'loss', value: 0.25 },
            { tag: 'lr', value: 0.1 },
          ],
          histograms: [],
        },
        {
          wallTime: 1764770003.5,
          step: 2 ** 40,
          scalars: [],
          histograms: [
            {
              tag: 'params/w',
              histogram: { min: -1, max: 2, num: 4, sum: NaN, sumSquares: NaN, bucketLimit: [0, 2], bucket: [3, 1] },
            },
            {
              tag: 'params/b',
              histogram: {
                min: -0.5,
                max: 1.5,
                num: 4,
                sum: 2,
                sumSquares: 3.5,
                bucketLimit: [0, 1, Number.MAX_VALUE],
                bucket: [1, 2, 1],
              },
            },
          ],
        },
        {
          wallTime: 1764770000,
          step: 0,
          scalars: [],
          histograms: [],
          hparams: { lr: 0.1, optimizer: 'adam', nesterov: true },
        },
      ])
    },
  )

  it('rejects a record whose data CRC is wrong with an EventFileError naming the file and the offset', async () => {
    const path = join(tmp(), 'events.out.tfevents.1')
    const bytes = concatBytes([record(1, 0.5), record(2, 0.25)])
    const second = record(1, 0.5).length
    bytes[second + 14]! ^= 0x10
    writeFileSync(path, bytes)
    const error = await readTensorBoardEvents(path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EventFileError)
    expect((error as Error).message).toMatch(
      new RegExp(
        `^readTensorBoardEvents: '${path}': record at byte ${second}: the data's masked CRC-32C is 0x[0-9a-f]{8}, the record says 0x[0-9a-f]{8}$`,
      ),
    )
    // a reader gets the events before it first, then the error, and stays at the record
    const reader = new EventFileReader(path)
    expect((await reader.read()).map((e) => e.step)).toEqual([1])
    await expect(reader.read()).rejects.toThrow(`EventFileReader: '${path}': record at byte ${second}: the data's`)
    expect(reader.offset).toBe(second)
  })

  it('rejects a record that is not an Event, and a wrong length CRC, with an EventFileError', async () => {
    const path = join(tmp(), 'events.out.tfevents.2')
    writeFileSync(path, tfRecord(new Uint8Array([0x0a, 0x05, 0x01])))
    await expect(readTensorBoardEvents(path)).rejects.toThrow(
      new RegExp(`^readTensorBoardEvents: '${path}': record at byte 0: not a tensorflow\\.Event \\(.+\\)$`),
    )
    const bytes = concatBytes([record(1, 0.5)])
    bytes[9]! ^= 1
    writeFileSync(path, bytes)
    await expect(readTensorBoardEvents(path)).rejects.toThrow(
      /^readTensorBoardEvents: '.+': record at byte 0: the length's masked CRC-32C is 0x[0-9a-f]{8}, the record says/,
    )
  })

  it('refuses a path that is not a string', () => {
    expect(() => new EventFileReader(3 as unknown as string)).toThrow('EventFileReader: path must be a string, got 3')
  })
})

describe('EventFileReader', () => {
  const records = [record(1, 0.5), record(2, 0.25), record(3, 0.125)]
  const whole = concatBytes(records)

  it('follows a growing file: a record cut short anywhere is waited for, and every event arrives once, in order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.integer({ min: 1, max: whole.length - 1 }), { maxLength: 6 }),
        async (cuts) => {
          const path = join(tmp(), 'events.out.tfevents.3')
          writeFileSync(path, '')
          const reader = new EventFileReader(path)
          const steps: number[] = []
          let at = 0
          for (const cut of [...cuts.sort((a, b) => a - b), whole.length]) {
            appendFileSync(path, whole.subarray(at, cut))
            at = cut
            for (const event of await reader.read()) steps.push(event.step)
            // only whole records are taken: the offset is always at a record's end
            expect(reader.offset).toBe(records.slice(0, steps.length).reduce((n, r) => n + r.length, 0))
          }
          expect(steps).toEqual([1, 2, 3])
        },
      ),
      { numRuns: 25 },
    )
  })

  it('reads a record longer than its 4 MiB chunk whole, and a chunk at a time', async () => {
    const path = join(tmp(), 'events.out.tfevents.4')
    const long = tfRecord(
      encodeEvent({
        wallTime: 1,
        step: 7,
        summary: { value: [textValue('notes', 'x'.repeat(5 << 20)), scalarValue('loss', 2)] },
      }),
    )
    writeFileSync(path, concatBytes([record(1, 0.5), long, record(8, 1)]))
    // a reader returns a chunk's events at a time: the first record, the long one alone, the last
    const reader = new EventFileReader(path)
    const reads: number[][] = []
    for (let events = await reader.read(); events.length > 0; events = await reader.read()) {
      reads.push(events.map((e) => e.step))
    }
    expect(reads).toEqual([[1], [7], [8]])
    const events = await readTensorBoardEvents(path)
    expect(events.map((e) => [e.step, e.scalars])).toEqual([
      [1, [{ tag: 'loss', value: 0.5 }]],
      [7, [{ tag: 'loss', value: 2 }]],
      [8, [{ tag: 'loss', value: 1 }]],
    ])
  })

  it('reads a file that became shorter again from its start', async () => {
    const path = join(tmp(), 'events.out.tfevents.5')
    writeFileSync(path, whole)
    const reader = new EventFileReader(path)
    expect((await reader.read()).map((e) => e.step)).toEqual([1, 2, 3])
    writeFileSync(path, records[0]!)
    expect((await reader.read()).map((e) => e.step)).toEqual([1])
    expect(await reader.read()).toEqual([])
    expect(readFileSync(path).length).toBe(reader.offset)
  })
})
