import { execFileSync } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import type { WriteStream } from 'node:fs'
import { ConfigError } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { firstValueFrom, lastValueFrom, materialize, repeat, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { CsvDataError } from './CsvDataError'
import { readCsv } from './readCsv'
import { readCsvBatches } from './readCsvBatches'
import { csvText } from './testing/csvWriter'
import { rejection, tempFolder } from './testing/tempFiles'

const { folder, write } = tempFolder()

/** `rows` rows of i, i / 3 and a class name cycling through three; larger than any batch below. */
function table(rows: number): string {
  const names = ['a', 'b', 'c']
  return csvText(
    ['i', 'third', 'name'],
    Array.from({ length: rows }, (_, i) => [String(i), String(i / 3), names[i % 3]!]),
  )
}

const rowsOf = (tensors: readonly Tensor[]) => tensors.flatMap((t) => t.toArray() as unknown[])

/** A named pipe at `path` (mkfifo), so a test can write a file while it is read; false where there is none. */
function namedPipe(path: string): boolean {
  try {
    execFileSync('mkfifo', [path])
    return true
  } catch {
    return false
  }
}

/** Resolves with the error a write to `writer` ends in, or with undefined when none came within `ms`. */
function writeError(writer: WriteStream, text: string, ms: number): Promise<NodeJS.ErrnoException | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms)
    writer.once('error', (error) => {
      clearTimeout(timer)
      resolve(error)
    })
    const writeMore = () => {
      if (!writer.destroyed) writer.write(text, () => setTimeout(writeMore, 5))
    }
    writeMore()
  })
}

describe('readCsvBatches', () => {
  const path = write('table.csv', table(1000))
  const options = { label: 'name', labelType: 'class' } as const

  it('emits batches of batchSize rows in file order, the rest in the last, with readCsv values', async () => {
    const batches = await lastValueFrom(readCsvBatches(path, { ...options, batchSize: 64 }).pipe(toArray()))
    expect(batches.map((b) => b.x.shape[0])).toEqual([...Array<number>(15).fill(64), 40])
    expect(batches.every((b) => b.x.shape[1] === 2 && b.x.dtype === 'float32' && b.y.dtype === 'int32')).toBe(true)
    const whole = await readCsv(path, options)
    expect(rowsOf(batches.map((b) => b.x))).toEqual(whole.x.toArray())
    expect(rowsOf(batches.map((b) => b.y))).toEqual(whole.y.toArray())
  })

  it('takes 256 rows per batch by default, and has no y without a label', async () => {
    const batches = await lastValueFrom(readCsvBatches(path, { columns: ['i'] }).pipe(toArray()))
    expect(batches.map((b) => b.x.shape)).toEqual([
      [256, 1],
      [256, 1],
      [256, 1],
      [232, 1],
    ])
    expect(batches.every((b) => !('y' in b))).toBe(true)
  })

  it('keeps class indices of first appearance across batches', async () => {
    const text = csvText(
      ['x', 'name'],
      [
        ['1', 'b'],
        ['2', 'b'],
        ['3', 'a'],
        ['4', 'b'],
        ['5', 'c'],
      ],
    )
    const batches = await lastValueFrom(
      readCsvBatches(write('classes.csv', text), { ...options, batchSize: 2 }).pipe(toArray()),
    )
    expect(rowsOf(batches.map((b) => b.y))).toEqual([0, 0, 1, 0, 2])
  })

  it('reads the file again on each subscription, so repeat() runs epochs', async () => {
    const batches = await lastValueFrom(readCsvBatches(path, { ...options, batchSize: 500 }).pipe(repeat(2), toArray()))
    expect(batches.map((b) => (b.x.toArray() as number[][])[0]![0])).toEqual([0, 500, 0, 500])
  })

  it('stops reading and closes the file when the subscriber unsubscribes', async (context) => {
    const fifo = `${folder}/pipe.csv`
    if (!namedPipe(fifo)) context.skip()
    const first = firstValueFrom(readCsvBatches(fifo, { ...options, batchSize: 2 }))
    const writer = createWriteStream(fifo)
    writer.write('i,third,name\n0,0,a\n1,0.5,b\n2,1,c\n')
    expect((await first).y.toArray()).toEqual([0, 1])
    // The reader closed its end: writing more fails with EPIPE instead of filling the pipe.
    const error = await writeError(writer, '3,1.5,a\n'.repeat(1000), 5000)
    writer.destroy()
    expect(error?.code).toBe('EPIPE')
  })

  it('emits the batches before a bad row, then an error naming its line and column', async () => {
    const text = table(300).replace('\n200,', '\n200?,') // the row of i = 200 is line 202
    const notifications = await lastValueFrom(
      readCsvBatches(write('bad.csv', text), { ...options, batchSize: 64 }).pipe(materialize(), toArray()),
    )
    expect(notifications.map((n) => n.kind)).toEqual(['N', 'N', 'N', 'E'])
    const error = notifications[3]!.error as Error
    expect(error).toBeInstanceOf(CsvDataError)
    expect(error.message).toBe('readCsvBatches: line 202, column "i" (index 0): "200?" is not a number')
  })

  it('errors for a missing file, an empty file and a ragged row', async () => {
    await expect(lastValueFrom(readCsvBatches(`${path}.missing`))).rejects.toThrow(
      `readCsvBatches: cannot read ${JSON.stringify(`${path}.missing`)}: ENOENT`,
    )
    await expect(lastValueFrom(readCsvBatches(write('empty.csv', '\ufeff')))).rejects.toThrow(
      'readCsvBatches: the file has no rows',
    )
    const ragged = await rejection(lastValueFrom(readCsvBatches(write('ragged.csv', 'a,b\n1,2\n3\n'))))
    expect(ragged.message).toBe('readCsvBatches: line 3: 1 field, but the header has 2')
  })

  it('checks its options when called, before any file is opened', () => {
    expect(() => readCsvBatches(path, { batchSize: 0 })).toThrow(
      new ConfigError('readCsvBatches', 'batchSize must be an integer >= 1, got 0'),
    )
    expect(() => readCsvBatches(path, { batchsize: 8 } as object)).toThrow(
      "readCsvBatches: unknown option 'batchsize'; expected one of header, columns, label, dtype, labelType, classes, allowNonFinite, delimiter, batchSize",
    )
  })
})
