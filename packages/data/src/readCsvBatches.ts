import { checkInteger, checkString } from '@gradstream/core'
import type { Tensor } from '@gradstream/tensor'
import { Observable } from 'rxjs'
import type { WithLabel } from './csvData'
import type { CsvBatchOptions } from './csvOptions'
import { resolveCsvOptions } from './csvOptions'
import { CsvTableDecoder } from './CsvTableDecoder'
import { fileError, fileRecords } from './fileRecords'
import { parserSettings } from './parserSettings'

const FN = 'readCsvBatches'

/** A batch of rows of a CSV file: x [rows, features] and, with a label column, y [rows]. @example readCsvBatches('big.csv').subscribe(({ x }) => console.log(x.shape)) */
export interface CsvBatch {
  readonly x: Tensor
  readonly y?: Tensor
}

/** A batch of a file read with `label`: the shape of `@gradstream/train`'s `Batch`. @example readCsvBatches('big.csv', { label: 'y' }).pipe(train(config)) */
export interface LabeledCsvBatch {
  readonly x: Tensor
  readonly y: Tensor
}

/**
 * Streams a CSV file too large for memory as batches of `batchSize` rows, in
 * file order; the last batch holds the rows left over. The options, values
 * and errors are {@link readCsv}'s; an error arrives as the stream's error
 * notification, after the batches before it.
 *
 * The file is read only as the batches are taken: each batch is emitted
 * before the next records are pulled from the parser, so with a synchronous
 * consumer (a `train` step, `fit`'s operators) no more than one batch and the
 * streams' buffers (64 KiB of text, a few records) are in memory. An
 * asynchronous consumer that queues batches (`concatMap` into promises)
 * should take them with backpressure of its own. Unsubscribing closes the
 * file. Each subscription reads the file anew, so `pipe(repeat(epochs))`
 * runs several epochs. With `labelType: 'class'`, indices follow first
 * appearance across the whole file; pass `classes` to fix them up front.
 *
 * @example
 * readCsvBatches('big.csv', { label: 'y', batchSize: 1024 })
 *   .pipe(train({ params, loss, optimizer: sgd(0.1) }))
 *   .subscribe((s) => console.log(s.step, s.loss))
 */
export function readCsvBatches(path: string, options: CsvBatchOptions & WithLabel): Observable<LabeledCsvBatch>
export function readCsvBatches(path: string, options?: CsvBatchOptions): Observable<CsvBatch>
export function readCsvBatches(path: string, options: CsvBatchOptions = {}): Observable<CsvBatch> {
  checkString(FN, 'path', path)
  const resolved = resolveCsvOptions(FN, options, ['batchSize'])
  const { batchSize = 256 } = options
  checkInteger(FN, 'batchSize', batchSize, 1)
  return new Observable<CsvBatch>((subscriber) => {
    const decoder = new CsvTableDecoder(FN, 'the file', resolved)
    const settings = parserSettings(resolved)
    const { records, close } = fileRecords(FN, path, settings)
    const emit = () => {
      const { x, y } = decoder.take()
      subscriber.next(y === undefined ? { x } : { x, y })
    }
    const read = async () => {
      for await (const record of records) {
        decoder.add(record)
        if (decoder.rows === batchSize) emit()
        if (subscriber.closed) return
      }
      decoder.finish()
      if (decoder.rows > 0) emit()
      subscriber.complete()
    }
    read().catch(async (error: unknown) => subscriber.error(await fileError(FN, path, settings, error)))
    return close
  })
}
