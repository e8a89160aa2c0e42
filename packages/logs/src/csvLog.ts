import { checkHParams, checkOptions, checkString } from '@gradstream/core'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { CsvFile } from './csvFile'
import { appendPieces, encodeLines, openForAppend } from './fileAppends'
import type { HParams } from '@gradstream/core'
import { loggedValues } from './loggedSnapshot'
import type { LoggedSnapshot } from './loggedSnapshot'
import { logOperator } from './logOperator'
import { numberText } from './numberText'

/**
 * Options of {@link csvLog}.
 * @example const options: CsvLogOptions = { hparams: { optimizer: 'adam', learningRate: 0.001, batchSize: 64 } }
 */
export interface CsvLogOptions {
  /**
   * The run's hyper-parameters, appended as one JSON line
   * `{"type":"hparams","wall_time":...,"hparams":{...}}` to the sidecar file
   * `<path>.hparams.jsonl`, so the CSV itself stays a plain table.
   */
  readonly hparams?: HParams
}

type CsvItem =
  | { readonly kind: 'row'; readonly cells: ReadonlyMap<string, string> }
  | { readonly kind: 'hparams'; readonly line: string }

/**
 * Logs every snapshot that passes as one row of a CSV file, and passes the
 * snapshot on. Columns: `step`, `epoch` (when snapshots have one),
 * `wall_time` (seconds since the Unix epoch, when the snapshot was logged),
 * `loss`, `loss/<term>` for a loss of named terms, `learning_rate` (empty
 * when NaN), `eval/<name>` (filled on the snapshots where an evaluation
 * ran, empty elsewhere). The first row writes the header; a column first
 * seen later (the first evaluation's) widens the file, header included, so
 * the file is always one plain table: `pandas.read_csv(path)` reads it. NaN
 * and infinities are written `NaN`, `inf`, `-inf`.
 *
 * The file is appended to (an existing log is continued under its header,
 * never truncated), written in batches on one stream without ever holding
 * training up, and a crash loses at most the last rows, whole. The stream
 * completes once every row is written. Put a step filter before it to log
 * fewer steps.
 *
 * @throws ConfigError for a path that is not a string, an unknown option or hyper-parameters that are not strings,
 * finite numbers, booleans or objects of them. A failed write ends the stream with a `LogWriteError`.
 * @example step$.pipe(csvLog('runs/a/log.csv', { hparams: { learningRate: 0.1, batchSize: 32 } })).subscribe()
 */
export function csvLog<T extends LoggedSnapshot>(
  path: string,
  options: CsvLogOptions = {},
): MonoTypeOperatorFunction<T> {
  checkString('csvLog', 'path', path)
  checkOptions('csvLog', options, ['hparams'])
  const { hparams } = options
  if (hparams !== undefined) checkHParams('csvLog', hparams)
  const sidecar = `${path}.hparams.jsonl`
  return logOperator<T, CsvItem>('csvLog', path, () => {
    const table = new CsvFile(path)
    return {
      start: (wallTime) =>
        hparams === undefined
          ? []
          : [{ kind: 'hparams', line: JSON.stringify({ type: 'hparams', wall_time: wallTime, hparams }) }],
      row: (snapshot, wallTime) => ({ kind: 'row', cells: rowCells(snapshot, wallTime) }),
      end: () => [],
      writeBatch: async (items) => {
        for (const item of items) if (item.kind === 'hparams') await appendLine(sidecar, item.line)
        const rows = items.flatMap((item) => (item.kind === 'row' ? [item.cells] : []))
        if (rows.length > 0) await table.append(rows)
      },
      close: () => table.close(),
    }
  })
}

function rowCells(snapshot: LoggedSnapshot, wallTime: number): Map<string, string> {
  const cells = new Map([['step', String(snapshot.step)]])
  if (snapshot.epoch !== undefined) cells.set('epoch', String(snapshot.epoch))
  cells.set('wall_time', String(wallTime))
  for (const { name, value } of loggedValues(snapshot)) cells.set(name, numberText(value))
  return cells
}

async function appendLine(path: string, line: string): Promise<void> {
  const { handle, endsWithNewline } = await openForAppend(path)
  try {
    await appendPieces(handle, encodeLines(endsWithNewline ? [line] : ['', line]))
  } finally {
    await handle.close()
  }
}
