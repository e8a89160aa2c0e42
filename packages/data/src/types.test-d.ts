import type { Tensor } from '@gradstream/tensor'
import type { Observable } from 'rxjs'
import { describe, expectTypeOf, it } from 'vitest'
import type { CsvBatch, LabeledCsvBatch } from './readCsvBatches'
import { parseCsv, readCsv, readCsvBatches } from './index'

describe('what the readers return', () => {
  it('has y a Tensor with a label, and maybe undefined without', () => {
    expectTypeOf(parseCsv('', { label: 'y' }).y).toEqualTypeOf<Tensor>()
    expectTypeOf(parseCsv('', { label: 2 }).label).toEqualTypeOf<string>()
    expectTypeOf(parseCsv('').y).toEqualTypeOf<Tensor | undefined>()
    expectTypeOf(readCsv('', { label: 'y' }))
      .resolves.toHaveProperty('y')
      .toEqualTypeOf<Tensor>()
    expectTypeOf(readCsv('')).resolves.toHaveProperty('y').toEqualTypeOf<Tensor | undefined>()
  })

  it('streams labeled batches, the shape of train Batch, with a label', () => {
    expectTypeOf(readCsvBatches('', { label: 'y' })).toEqualTypeOf<Observable<LabeledCsvBatch>>()
    expectTypeOf(readCsvBatches('')).toEqualTypeOf<Observable<CsvBatch>>()
    expectTypeOf<LabeledCsvBatch>().toEqualTypeOf<{ readonly x: Tensor; readonly y: Tensor }>()
  })

  it('refuses options of the wrong type', () => {
    // @ts-expect-error: dtype is float32, float64 or int32
    parseCsv('', { dtype: 'bool' })
    // @ts-expect-error: batchSize belongs to readCsvBatches
    parseCsv('', { batchSize: 8 })
    // @ts-expect-error: columns are names or indexes
    parseCsv('', { columns: [true] })
  })
})
