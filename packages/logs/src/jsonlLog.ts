import { checkHParams, checkOptions, checkString } from '@gradstream/core'
import type { FileHandle } from 'node:fs/promises'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { appendPieces, encodeLines, openForAppend } from './fileAppends'
import type { HParams } from '@gradstream/core'
import { loggedValues } from './loggedSnapshot'
import type { LoggedSnapshot } from './loggedSnapshot'
import { logOperator } from './logOperator'

/**
 * Options of {@link jsonlLog}.
 * @example const options: JsonlLogOptions = { hparams: { optimizer: 'adam', learningRate: 0.001, batchSize: 64 } }
 */
export interface JsonlLogOptions {
  /** The run's hyper-parameters, written as the run's first line `{"type":"hparams",...}`. */
  readonly hparams?: HParams
}

/**
 * Logs every snapshot that passes as one line of JSON in a JSON Lines file,
 * and passes the snapshot on:
 * `{"type":"step","step":40,"epoch":2,"wall_time":1764771000.123,"loss":0.31,"loss/mse":0.3,"loss/l2":0.01,"learning_rate":0.1,"eval/loss":0.28,"eval/accuracy":0.91}`
 * (`epoch` when the snapshot has one, `loss/<term>` for a loss of named
 * terms, `learning_rate` unless it is NaN, `eval/<name>` on the snapshots
 * where an evaluation ran). A run given `hparams` starts with the line
 * `{"type":"hparams","wall_time":...,"hparams":{...}}`. `wall_time` is in
 * seconds since the Unix epoch, when the snapshot was logged. A NaN or
 * infinite number is written as the string `"NaN"`, `"Infinity"` or
 * `"-Infinity"` (JSON has no such numbers; protobuf's JSON mapping spells
 * them so).
 *
 * The file is appended to (an existing log is continued, never truncated;
 * a last line cut short by a crash is left as it is and the run starts on a
 * new line), written in batches on one stream without ever holding training
 * up, and a crash loses at most the last lines, whole. The stream completes
 * once every line is written. Put a step filter before it to log fewer steps.
 *
 * @throws ConfigError for a path that is not a string, an unknown option or hyper-parameters that are not strings,
 * finite numbers, booleans or objects of them. A failed write ends the stream with a `LogWriteError`.
 * @example step$.pipe(jsonlLog('runs/a/log.jsonl', { hparams: { learningRate: 0.1, batchSize: 32 } })).subscribe()
 */
export function jsonlLog<T extends LoggedSnapshot>(
  path: string,
  options: JsonlLogOptions = {},
): MonoTypeOperatorFunction<T> {
  checkString('jsonlLog', 'path', path)
  checkOptions('jsonlLog', options, ['hparams'])
  const { hparams } = options
  if (hparams !== undefined) checkHParams('jsonlLog', hparams)
  return logOperator<T, string>('jsonlLog', path, () => {
    let file: FileHandle | undefined
    return {
      start: (wallTime) =>
        hparams === undefined ? [] : [JSON.stringify({ type: 'hparams', wall_time: wallTime, hparams })],
      row: (snapshot, wallTime) => stepLine(snapshot, wallTime),
      end: () => [],
      writeBatch: async (lines) => {
        if (file === undefined) {
          const opened = await openForAppend(path)
          file = opened.handle
          if (!opened.endsWithNewline) await appendPieces(file, encodeLines(['']))
        }
        await appendPieces(file, encodeLines(lines))
      },
      close: async () => file?.close(),
    }
  })
}

function stepLine(snapshot: LoggedSnapshot, wallTime: number): string {
  const record: Record<string, string | number> = { type: 'step', step: snapshot.step }
  if (snapshot.epoch !== undefined) record.epoch = snapshot.epoch
  record.wall_time = wallTime
  for (const { name, value } of loggedValues(snapshot)) record[name] = jsonNumber(value)
  return JSON.stringify(record)
}

const jsonNumber = (value: number): number | string => (Number.isFinite(value) ? value : String(value))
