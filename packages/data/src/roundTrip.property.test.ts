// Random numeric tables written by the plain CSV writer of ./testing and read
// back: every float32 value comes back with the same bits, in memory and as a
// stream of batches, whatever the header names, line ends and number format.
import fc from 'fast-check'
import { lastValueFrom, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import { CsvDataError } from './CsvDataError'
import { parseCsv } from './parseCsv'
import { readCsv } from './readCsv'
import { readCsvBatches } from './readCsvBatches'
import { csvText, float32Bits, float32Text } from './testing/csvWriter'
import { tempFolder } from './testing/tempFiles'

const { write } = tempFolder()

/** Letters, and the characters that make a CSV writer quote a field. */
const nameCharacters = fc.oneof(
  fc.constantFrom('a', 'é', ' ', ',', '"', '\n', '\r', ';'),
  fc.string({ minLength: 1, maxLength: 1 }),
)

/** A table of float32 values (finite, -0 included) with distinct header names that may need quoting. */
const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 12 }), columns: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, columns }) =>
    fc.record({
      names: fc.uniqueArray(fc.string({ unit: nameCharacters, minLength: 1, maxLength: 6 }), {
        minLength: columns,
        maxLength: columns,
      }),
      values: fc.array(
        fc.array(fc.float({ noNaN: true, noDefaultInfinity: true }), { minLength: columns, maxLength: columns }),
        { minLength: rows, maxLength: rows },
      ),
      lineEnd: fc.constantFrom('\n', '\r\n'),
      format: fc.constantFrom('shortest' as const, 'precision9' as const),
    }),
  )
  // A name of spaces only, or one with a leading BOM, would not survive as written; csv-parse reads "" as an empty name.
  .filter(({ names }) => names.every((name) => name.trim() !== '' && !name.startsWith('\ufeff')))

type Table = typeof tables extends fc.Arbitrary<infer T> ? T : never

const textOf = ({ names, values, lineEnd, format }: Table) =>
  csvText(
    names,
    values.map((row) => row.map((v) => float32Text(v, format))),
    lineEnd,
  )

describe('CSV round trip', () => {
  it('parseCsv reads every float32 back with its bits, under its column names', () => {
    fc.assert(
      fc.property(tables, (table) => {
        const data = parseCsv(textOf(table))
        expect(data.columns).toEqual(table.names)
        expect(data.x.shape).toEqual([table.values.length, table.names.length])
        expect(float32Bits((data.x.toArray() as number[][]).flat())).toEqual(float32Bits(table.values.flat()))
      }),
      { numRuns: 100 },
    )
  })

  it('readCsv and readCsvBatches read a file back with the same bits', async () => {
    let file = 0
    await fc.assert(
      fc.asyncProperty(tables, fc.integer({ min: 1, max: 5 }), async (table, batchSize) => {
        const path = write(`table-${file++}.csv`, textOf(table))
        const expected = float32Bits(table.values.flat())
        const whole = await readCsv(path)
        expect(float32Bits((whole.x.toArray() as number[][]).flat())).toEqual(expected)
        const batches = await lastValueFrom(readCsvBatches(path, { batchSize }).pipe(toArray()))
        expect(batches.map((b) => b.x.shape[0])).toEqual(
          Array.from({ length: Math.ceil(table.values.length / batchSize) }, (_, i) =>
            Math.min(batchSize, table.values.length - i * batchSize),
          ),
        )
        expect(float32Bits(batches.flatMap((b) => (b.x.toArray() as number[][]).flat()))).toEqual(expected)
      }),
      { numRuns: 40 },
    )
  })

  it('names the line and column of a bad value, counting line breaks inside quoted header names', () => {
    fc.assert(
      fc.property(
        tables.filter(({ names }) => names.every((name) => !name.includes('\r'))),
        fc.nat(),
        fc.nat(),
        (table, rowSeed, columnSeed) => {
          const row = rowSeed % table.values.length
          const column = columnSeed % table.names.length
          const cells = table.values.map((r) => r.map((v) => float32Text(v, table.format)))
          cells[row]![column] = 'oops'
          const text = csvText(table.names, cells, table.lineEnd)
          const headerBreaks = table.names.join('').split('\n').length - 1 // inside quoted names
          const line = 1 + headerBreaks + row + 1
          let error: unknown
          try {
            parseCsv(text)
          } catch (e) {
            error = e
          }
          expect(error).toBeInstanceOf(CsvDataError)
          expect((error as CsvDataError).message).toBe(
            `parseCsv: line ${line}, column ${JSON.stringify(table.names[column])} (index ${column}): "oops" is not a number`,
          )
        },
      ),
      { numRuns: 100 },
    )
  })
})
