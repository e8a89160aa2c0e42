import { ConfigError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { CsvDataError } from './CsvDataError'
import { parseCsv } from './parseCsv'
import { readCsv } from './readCsv'
import { csvText } from './testing/csvWriter'
import { rejection, tempFolder } from './testing/tempFiles'

const { folder, write } = tempFolder()

/** Rows of the form i, i / 4, class name, with the class names cycling through three. */
function table(rows: number): string {
  const names = ['setosa', 'versicolor', 'virginica']
  return csvText(
    ['index', 'quarter', 'species'],
    Array.from({ length: rows }, (_, i) => [String(i), String(i / 4), names[(i * 7) % 3]!]),
  )
}

describe('readCsv', () => {
  it('reads a file as parseCsv reads its text', async () => {
    const text = '\ufeffsepal,"petal, width",species\r\n5.1,0.2,setosa\r\n7.0,1.4,versicolor\r\n6.3,2.5,virginica\r\n'
    const options = { label: 'species', labelType: 'class' } as const
    const fromFile = await readCsv(write('small.csv', text), options)
    const fromText = parseCsv(text, options)
    expect(fromFile.x.toArray()).toEqual(fromText.x.toArray())
    expect(fromFile.y.toArray()).toEqual([0, 1, 2])
    expect(fromFile).toMatchObject({
      columns: ['sepal', 'petal, width'],
      label: 'species',
      classes: ['setosa', 'versicolor', 'virginica'],
    })
  })

  it('reads a file of many chunks (stream reads are 64 KiB) whole', async () => {
    const rows = 4_000
    const { x, y, classes } = await readCsv(write('long.csv', table(rows)), { label: 'species', labelType: 'class' })
    expect(x.shape).toEqual([rows, 2])
    const values = x.toArray() as number[][]
    expect(values[rows - 1]).toEqual([rows - 1, Math.fround((rows - 1) / 4)])
    expect(values.every(([index, quarter], i) => index === i && quarter === Math.fround(i / 4))).toBe(true)
    expect(classes).toEqual(['setosa', 'versicolor', 'virginica']) // rows 0, 1, 2 have 7i mod 3 = 0, 1, 2
    expect((y.toArray() as number[]).slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2])
  })

  it('names the line of a bad value deep in the file', async () => {
    const text = table(4_000).replace('\n3765,', '\n3765x,') // the row of index 3765 is on line 3767, past the first 64 KiB
    const path = write('bad-deep.csv', text)
    const error = await rejection(readCsv(path, { label: 'species', labelType: 'class' }))
    expect(error).toBeInstanceOf(CsvDataError)
    expect(error.message).toBe('readCsv: line 3767, column "index" (index 0): "3765x" is not a number')
  })

  it('names a ragged row, an empty file and a header without rows', async () => {
    await expect(readCsv(write('ragged.csv', 'a,b\n1,2\n3,4,5\n'))).rejects.toThrow(
      new CsvDataError('readCsv', { line: 3 }, '3 fields, but the header has 2'),
    )
    await expect(readCsv(write('empty.csv', ''))).rejects.toThrow('readCsv: the file has no rows')
    await expect(readCsv(write('header.csv', 'a,b\n'))).rejects.toThrow(
      'readCsv: the file has a header but no data rows',
    )
  })

  it('names malformed quoting with its line', async () => {
    const error = await rejection(readCsv(write('quote.csv', 'a\n1\n"2\n')))
    expect(error).toBeInstanceOf(CsvDataError)
    expect(error.message).toMatch(/^readCsv: line 3: malformed CSV \(Quote Not Closed: /)
  })

  it('rejects a file it cannot open with a CsvDataError keeping the cause', async () => {
    const missing = `${folder}/missing.csv`
    const error = await rejection(readCsv(missing))
    expect(error).toBeInstanceOf(CsvDataError)
    expect(error.message).toBe(
      `readCsv: cannot read ${JSON.stringify(missing)}: ENOENT: no such file or directory, open '${missing}'`,
    )
    expect((error.cause as { code?: string }).code).toBe('ENOENT')
    await expect(readCsv(folder)).rejects.toThrow(`readCsv: cannot read ${JSON.stringify(folder)}: EISDIR`)
  })

  it('rejects bad options and columns the file does not have with a ConfigError', async () => {
    const path = write('options.csv', 'a,b\n1,2\n')
    await expect(readCsv(path, { dtype: 'int8' as 'int32' })).rejects.toThrow(ConfigError)
    await expect(readCsv(path, { label: 'c' })).rejects.toThrow(
      new ConfigError('readCsv', 'label names column "c", which is not in the file; its columns are "a", "b"'),
    )
    await expect(readCsv(3 as unknown as string)).rejects.toThrow('readCsv: path must be a string, got 3')
  })
})
