import { ConfigError } from '@gradstream/core'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { tensor } from '@gradstream/tensor'
import { concat, from, lastValueFrom, take, throwError, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { pythonPresent } from '../testing/python'
import { referenceHistogram } from '../testing/referenceHistogram'
import { runSnapshots } from '../testing/snapshots'
import { tensorBoard } from './tensorBoard'

if (!pythonPresent)
  console.warn('tensorBoard.test.ts: python3 not found, so the events files are not decoded independently')

interface DecodedValue {
  tag: string
  simple_value?: number
  plugin?: string
  tensor?: { dtype: number; shape: number[]; string_val: string[]; float_val: number[] }
  histo?: {
    min: number
    max: number
    num: number
    sum: number
    sum_squares: number
    bucket_limit: number[]
    bucket: number[]
  }
  hparams?: {
    session_start_info?: { hparams: Record<string, unknown>; start_time_secs: number }
    session_end_info?: { status: number; end_time_secs: number }
  }
}
interface DecodedEvent {
  field_numbers: number[]
  wall_time: number
  step?: number
  file_version?: string
  summary?: DecodedValue[]
}
interface DecodedFile {
  bytes: number
  end: number
  records: { length: number; length_crc_ok: boolean; data_crc_ok: boolean; hex: string | null; event: DecodedEvent }[]
}

/** The only events file in `logdir`, read by the independent Python reader (testing/readEvents.py). */
function decodeLogdir(logdir: string): DecodedFile {
  const [name, ...others] = readdirSync(logdir)
  expect(others).toEqual([])
  const reader = fileURLToPath(new URL('../testing/readEvents.py', import.meta.url))
  return JSON.parse(execFileSync('python3', [reader, join(logdir, name!)], { encoding: 'utf8' })) as DecodedFile
}

const hex = (text: string) => Buffer.from(text, 'utf8').toString('hex')
const float64Hex = (value: number) => {
  const bytes = Buffer.alloc(8)
  bytes.writeDoubleLE(value)
  return bytes.toString('hex')
}

describe.skipIf(!pythonPresent)('tensorBoard, decoded by an independent reader', () => {
  it('writes TFRecord-framed events: the file version, hparams and text, scalars and histograms per step, the session end', async () => {
    const logdir = join(mkdtempSync(join(tmpdir(), 'tb-')), 'runs', 'a')
    const snapshots = runSnapshots(4)
    const before = Date.now() / 1000
    const passed = await lastValueFrom(
      from(snapshots).pipe(
        tensorBoard(logdir, {
          hparams: { optimizer: { name: 'adam', learningRate: 0.001, nesterov: false }, batchSize: 2 },
          histograms: { every: 2, params: ['layers[0].w'] },
          text: { notes: 'a **baseline** run' },
        }),
        toArray(),
      ),
    )
    passed.forEach((snapshot, i) => expect(snapshot).toBe(snapshots[i]))
    const [name] = readdirSync(logdir)
    expect(name).toMatch(new RegExp(`^events\\.out\\.tfevents\\.\\d{10}\\.${hostname()}$`))

    const file = decodeLogdir(logdir)
    expect(file.end).toBe(file.bytes)
    for (const record of file.records) expect([record.length_crc_ok, record.data_crc_ok]).toEqual([true, true])

    // The file version record as TensorFlow's EventsWriter writes it (events_writer.cc, InitIfNeeded): an Event of
    // wall_time (field 1, a double) and file_version "brain.Event:2" (field 3), framed as 24 data bytes. Every events
    // file TensorFlow writes starts with these 12 bytes of length and length CRC, 18 00 00 00 00 00 00 00 a3 7f 4b 22;
    // only the wall time and so the data CRC (checked above) differ from one file to the next.
    const [first, start, ...rest] = file.records
    const wallTime = first!.event.wall_time
    expect(first!.hex!.slice(0, 24)).toBe('1800000000000000a37f4b22')
    expect(first!.hex!.slice(24, -8)).toBe(`09${float64Hex(wallTime)}1a0d${hex('brain.Event:2')}`)
    expect(wallTime).toBeGreaterThanOrEqual(before - 0.001)
    expect(name).toBe(`events.out.tfevents.${Math.floor(wallTime)}.${hostname()}`)

    // step 0 is left out of the bytes, as TensorFlow's proto3 serialiser leaves out every default
    expect(start!.event.field_numbers).toEqual([1, 5])
    expect(start!.event.summary).toEqual([
      {
        tag: '_hparams_/session_start_info',
        plugin: 'hparams',
        tensor: { dtype: 1, shape: [], string_val: [], float_val: [0] },
        hparams: {
          session_start_info: {
            hparams: {
              'optimizer.name': 'adam',
              'optimizer.learningRate': 0.001,
              'optimizer.nesterov': false,
              batchSize: 2,
            },
            start_time_secs: wallTime,
          },
        },
      },
      {
        tag: 'notes',
        plugin: 'text',
        tensor: { dtype: 7, shape: [], string_val: ['a **baseline** run'], float_val: [] },
      },
    ])

    const steps = rest.slice(0, 4).map((record) => record.event)
    expect(steps.map((event) => event.step)).toEqual([1, 2, 3, 4])
    steps.forEach((event, i) => {
      const snapshot = snapshots[i]!
      const scalars = Object.fromEntries(
        event.summary!.filter((v) => 'simple_value' in v).map((v) => [v.tag, v.simple_value]),
      )
      const expected: Record<string, number> = {
        epoch: snapshot.epoch!,
        loss: Math.fround(snapshot.loss),
        'loss/mse': Math.fround(snapshot.losses.mse!),
        'loss/l2': Math.fround(snapshot.losses.l2!),
        learning_rate: Math.fround(0.1),
      }
      if (snapshot.eval !== undefined) {
        expected['eval/loss'] = Math.fround(snapshot.eval.loss!)
        expected['eval/accuracy'] = Math.fround(snapshot.eval.accuracy!)
      }
      expect(scalars).toEqual(expected)
      const histograms = event.summary!.filter((v) => v.histo !== undefined)
      if (snapshot.step % 2 === 0) {
        expect(histograms.map((v) => v.tag)).toEqual(['params/layers[0].w'])
        const { sumSquares, bucketLimit, ...rest } = referenceHistogram([0.5, -1, 2, 0])
        expect(histograms[0]!.histo).toEqual({ ...rest, sum_squares: sumSquares, bucket_limit: bucketLimit })
      } else expect(histograms).toEqual([])
    })

    const end = rest[4]!.event.summary![0]!
    expect(end.tag).toBe('_hparams_/session_end_info')
    expect(end.hparams!.session_end_info!.status).toBe(1)
    expect(rest).toHaveLength(5)
  })

  it('ends the session with status failure when the source fails, after writing what came before', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'tb-'))
    const failing = new Error('diverged')
    const error = await lastValueFrom(
      concat(
        from(runSnapshots(1)),
        throwError(() => failing),
      ).pipe(tensorBoard(logdir, { hparams: { lr: 1 } })),
    ).catch((e: unknown) => e)
    expect(error).toBe(failing)
    const { records } = decodeLogdir(logdir)
    expect(records.map((r) => r.event.step ?? 0)).toEqual([0, 0, 1, 0])
    expect(records[3]!.event.summary![0]!.hparams!.session_end_info!.status).toBe(2)
  })

  it('ends the session with status success when its subscriber leaves early, and still writes what was queued', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'tb-'))
    await lastValueFrom(from(runSnapshots(3)).pipe(tensorBoard(logdir, { hparams: { lr: 1 } }), take(1)))
    const recordCount = () => {
      const [name] = readdirSync(logdir)
      const bytes = name === undefined ? Buffer.alloc(0) : readFileSync(join(logdir, name))
      let count = 0
      for (let at = 0; at + 8 <= bytes.length; at += 16 + Number(bytes.readBigUInt64LE(at))) count++
      return count
    }
    while (recordCount() < 4) await new Promise((resolve) => setTimeout(resolve, 10))
    const { records } = decodeLogdir(logdir)
    expect(records.map((r) => r.event.step ?? 0)).toEqual([0, 0, 1, 0])
    expect(records[3]!.event.summary![0]!.hparams!.session_end_info!.status).toBe(1)
  })

  it('writes only the file version and the steps without hparams or text, and no histogram of a NaN param', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'tb-'))
    const [snapshot] = runSnapshots(2).slice(1)
    const params = { w: tensor([0.5, NaN]) }
    await lastValueFrom(
      from([{ ...snapshot!, params }]).pipe(tensorBoard(logdir, { histograms: { every: 1, params: ['w'] } })),
    )
    const { records } = decodeLogdir(logdir)
    expect(records).toHaveLength(2)
    expect(records[1]!.event.summary!.map((v) => v.tag)).toEqual([
      'epoch',
      'loss',
      'loss/mse',
      'loss/l2',
      'learning_rate',
      'eval/loss',
      'eval/accuracy',
    ])
  })
})

describe('tensorBoard', () => {
  it('gives a second run started in the same second its own file', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'tb-'))
    const run = () => lastValueFrom(from(runSnapshots(1)).pipe(tensorBoard(logdir)))
    await Promise.all([run(), run()])
    const names = readdirSync(logdir).sort()
    expect(names).toHaveLength(2)
    if (names[0]!.split('.')[3] === names[1]!.split('.')[3]) expect(names[1]).toBe(`${names[0]}.1`)
  })

  it('fails with a ConfigError naming a histogram path the params do not have, and the paths they have', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'tb-'))
    const error = await lastValueFrom(
      from(runSnapshots(2)).pipe(tensorBoard(logdir, { histograms: { every: 2, params: ['layers[0].W'] } })),
    ).catch((e: unknown) => e)
    expect(error).toEqual(
      new ConfigError(
        'tensorBoard',
        "histograms.params names 'layers[0].W', which the params do not have; their paths are layers[0].w, layers[0].b",
      ),
    )
  })

  it('refuses bad arguments with a ConfigError', () => {
    expect(() => tensorBoard(1 as unknown as string)).toThrow(
      new ConfigError('tensorBoard', 'logdir must be a string, got 1'),
    )
    expect(() => tensorBoard('tb', { scalars: true } as never)).toThrow(
      new ConfigError('tensorBoard', "unknown option 'scalars'; expected one of hparams, histograms, text"),
    )
    expect(() => tensorBoard('tb', { histograms: { every: 0, params: [] } })).toThrow(
      new ConfigError('tensorBoard', 'histograms.every must be an integer >= 1, got 0'),
    )
    expect(() => tensorBoard('tb', { histograms: { every: 1, params: 'w' as never } })).toThrow(
      new ConfigError('tensorBoard', 'histograms.params must be an array of param paths, got "w"'),
    )
    expect(() => tensorBoard('tb', { histograms: { every: 1, params: [], each: 2 } as never })).toThrow(
      new ConfigError('tensorBoard', "unknown option 'each'; expected one of every, params"),
    )
    expect(() => tensorBoard('tb', { histograms: 5 as never })).toThrow(
      new ConfigError('tensorBoard', 'histograms must be an object { every, params }, got 5'),
    )
    expect(() => tensorBoard('tb', { text: { notes: 5 } as never })).toThrow(
      new ConfigError('tensorBoard', 'text.notes must be a string, got 5'),
    )
  })
})
