import {
  ConfigError,
  checkHParams,
  checkInteger,
  checkOptions,
  checkString,
  describe,
  isPlainObject,
} from '@gradstream/core'
import { flattenTree } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import type { Snapshot } from '@gradstream/train'
import type { FileHandle } from 'node:fs/promises'
import type { MonoTypeOperatorFunction } from 'rxjs'
import { appendPieces } from '../fileAppends'
import type { HParams } from '@gradstream/core'
import { loggedValues } from '../loggedSnapshot'
import type { LoggedSnapshot } from '../loggedSnapshot'
import { logOperator } from '../logOperator'
import { createEventFile } from './eventFile'
import { encodeEvent } from './eventMessages'
import type { EventFields, SummaryValue } from './eventMessages'
import { histogramOf } from './histogram'
import { FILE_VERSION, histogramValue, scalarValue, sessionEndValue, sessionStartValue, textValue } from './summaries'
import { tfRecord } from './tfRecord'

/**
 * Options of {@link tensorBoard}.
 * @example
 * const options: TensorBoardOptions = {
 *   hparams: { optimizer: 'adam', learningRate: 0.001 },
 *   histograms: { every: 100, params: ['layers[0].w', 'layers[0].b'] },
 *   text: { notes: 'baseline, **no** augmentation' },
 * }
 */
export interface TensorBoardOptions {
  /** The run's hyper-parameters, for TensorBoard's HParams dashboard. */
  readonly hparams?: HParams
  /** Histograms of the params at these paths (`flattenTree`'s paths, e.g. `layers[0].w`) at steps every, 2·every, ... */
  readonly histograms?: { readonly every: number; readonly params: readonly string[] }
  /** Markdown text by tag, written once at the start of the run (TensorBoard's Text dashboard). */
  readonly text?: Readonly<Record<string, string>>
}

/**
 * What {@link tensorBoard} reads of a snapshot: the logged numbers, and the params when it draws histograms.
 * @example const snapshot: TensorBoardSnapshot = { step: 1, params: { w: ones([2]) }, loss: 0.5, losses: { loss: 0.5 }, learningRate: 0.1 }
 */
export type TensorBoardSnapshot = LoggedSnapshot & Pick<Snapshot, 'params'>

/** A record of the events file, encoded when its batch is written rather than on the training's turn. */
type PendingRecord = () => Uint8Array

/**
 * Logs every snapshot that passes to a new TensorBoard events file in
 * `logdir` (`events.out.tfevents.<time>.<host>`, as TF1's `FileWriter`
 * names it), and passes the snapshot on. Open it with
 * `tensorboard --logdir <parent of logdir>`.
 *
 * The file is TFRecord-framed `tensorflow.Event` protos (length, masked
 * CRC-32C of the length, data, masked CRC-32C of the data), starting with
 * the `file_version: "brain.Event:2"` event. Then, at step 0, the run's
 * `hparams` as the HParams plugin's session start and each `text` as a text
 * summary; and for every snapshot, one event at its step with TF1 scalar
 * summaries (float32 `simple_value`) tagged `epoch` (when there is one),
 * `loss`, `loss/<term>`, `learning_rate` (unless NaN) and `eval/<name>`, and
 * on steps that are multiples of `histograms.every` a TF1 histogram of each
 * chosen param (`params/<path>`; TF1's default buckets; left out at a step
 * where the param holds a NaN or an infinity, on which TF1's op fails).
 * When the stream ends, a run with `hparams` gets the session end: status
 * success when it completes or its subscriber leaves, failure on an error.
 *
 * Records are written in batches on one stream without ever holding
 * training up; the stream completes once the file is written and closed.
 *
 * @throws ConfigError for a logdir that is not a string, an unknown option, hyper-parameters that are not strings,
 * finite numbers, booleans or objects of them, text that is not strings, or `histograms` without a positive integer
 * `every` and an array of path strings; a path the params do not have is a ConfigError notification at the first
 * histogram step.
 * A failed write ends the stream with a `LogWriteError`.
 * @example step$.pipe(tensorBoard('runs/adam-0.001', { hparams: { optimizer: 'adam', learningRate: 0.001 } })).subscribe()
 */
export function tensorBoard<T extends TensorBoardSnapshot>(
  logdir: string,
  options: TensorBoardOptions = {},
): MonoTypeOperatorFunction<T> {
  checkString('tensorBoard', 'logdir', logdir)
  checkOptions('tensorBoard', options, ['hparams', 'histograms', 'text'])
  const { hparams, histograms, text = {} } = options
  if (hparams !== undefined) checkHParams('tensorBoard', hparams)
  if (histograms !== undefined) checkHistograms(histograms)
  checkText(text)
  return logOperator<T, PendingRecord>('tensorBoard', logdir, () => {
    let file: FileHandle | undefined
    let startTime = 0
    return {
      start: (wallTime) => {
        startTime = wallTime
        return startRecords(wallTime, hparams, text)
      },
      row: (snapshot, wallTime) => {
        const due = histograms !== undefined && snapshot.step % histograms.every === 0
        const chosen = due ? chosenParams(snapshot, histograms.params) : []
        return () => eventRecord({ wallTime, step: snapshot.step, summary: { value: summaryValues(snapshot, chosen) } })
      },
      end: (how, wallTime) => {
        if (hparams === undefined) return []
        const status = how === 'error' ? 'STATUS_FAILURE' : 'STATUS_SUCCESS'
        return [() => eventRecord({ wallTime, summary: { value: [sessionEndValue(status, wallTime)] } })]
      },
      writeBatch: async (records) => {
        file ??= await createEventFile(logdir, startTime)
        await appendPieces(
          file,
          records.map((record) => record()),
        )
      },
      close: async () => file?.close(),
    }
  })
}

const eventRecord = (event: EventFields): Uint8Array => tfRecord(encodeEvent(event))

/** The file version event, then (at step 0, when there are any) the hyper-parameters and the texts. */
function startRecords(
  wallTime: number,
  hparams: HParams | undefined,
  text: Readonly<Record<string, string>>,
): PendingRecord[] {
  const atStart: SummaryValue[] = Object.entries(text).map(([tag, markdown]) => textValue(tag, markdown))
  if (hparams !== undefined) atStart.unshift(sessionStartValue(hparams, wallTime))
  const records = [() => eventRecord({ wallTime, fileVersion: FILE_VERSION })]
  if (atStart.length > 0) records.push(() => eventRecord({ wallTime, step: 0, summary: { value: atStart } }))
  return records
}

function summaryValues(
  snapshot: TensorBoardSnapshot,
  chosen: readonly { path: string; leaf: Tensor }[],
): SummaryValue[] {
  const values: SummaryValue[] = []
  if (snapshot.epoch !== undefined) values.push(scalarValue('epoch', snapshot.epoch))
  for (const { name, value } of loggedValues(snapshot)) values.push(scalarValue(name, value))
  for (const { path, leaf } of chosen) {
    const histo = histogramOf(leaf.dataSync())
    if (histo !== undefined) values.push(histogramValue(`params/${path}`, histo))
  }
  return values
}

/** The params at `paths`; tensors are immutable, so they can be read when the batch is written. */
function chosenParams(snapshot: TensorBoardSnapshot, paths: readonly string[]): { path: string; leaf: Tensor }[] {
  const { leaves, treedef } = flattenTree(snapshot.params, { caller: 'tensorBoard', name: 'params' })
  return paths.map((path) => {
    const index = treedef.paths.indexOf(path)
    if (index === -1) {
      throw new ConfigError(
        'tensorBoard',
        `histograms.params names '${path}', which the params do not have; their paths are ${treedef.paths.join(', ')}`,
      )
    }
    return { path, leaf: leaves[index]! }
  })
}

function checkHistograms(histograms: unknown): asserts histograms is NonNullable<TensorBoardOptions['histograms']> {
  if (!isPlainObject(histograms)) {
    throw new ConfigError('tensorBoard', `histograms must be an object { every, params }, got ${describe(histograms)}`)
  }
  checkOptions('tensorBoard', histograms, ['every', 'params'])
  checkInteger('tensorBoard', 'histograms.every', histograms.every, 1)
  const { params } = histograms
  if (!Array.isArray(params) || params.some((path) => typeof path !== 'string')) {
    throw new ConfigError('tensorBoard', `histograms.params must be an array of param paths, got ${describe(params)}`)
  }
}

function checkText(text: unknown): asserts text is Readonly<Record<string, string>> {
  if (!isPlainObject(text)) {
    throw new ConfigError('tensorBoard', `text must be an object of strings by tag, got ${describe(text)}`)
  }
  for (const [tag, markdown] of Object.entries(text)) checkString('tensorBoard', `text.${tag}`, markdown)
}
