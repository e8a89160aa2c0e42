import { flattenTree } from '@gradstream/autodiff'
import type { Params } from '@gradstream/autodiff'
import { formatShape } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { CheckpointError } from '../errors'
import type { TrainState } from '../snapshot'
import { checksum } from './checksum'
import { decodeValue, encodeValue } from './encodeValue'
import type { EncodedValue } from './encodeValue'

export const CHECKPOINT_FORMAT = 'gradstream-checkpoint'
export const CHECKPOINT_VERSION = 1

/** The JSON document a checkpoint is: see the package README for the format. */
export interface CheckpointDocument {
  readonly format: typeof CHECKPOINT_FORMAT
  readonly version: number
  /** FNV-1a of `JSON.stringify(state)`, to reject truncated or corrupted files. */
  readonly checksum: string
  readonly state: {
    readonly step: number
    readonly params: EncodedValue
    readonly optimizer: EncodedValue
    readonly ema?: EncodedValue
  }
}

/**
 * Serializes a training state (a snapshot will do) to the checkpoint JSON text.
 * @example writeFileSync('run.ckpt.json', serializeCheckpoint(snapshot))
 */
export function serializeCheckpoint(state: TrainState): string {
  const encoded = {
    step: state.step,
    params: encodeValue(state.params, 'params'),
    optimizer: encodeValue(state.optimizer, 'optimizer'),
    ...(state.ema === undefined ? {} : { ema: encodeValue(state.ema, 'ema') }),
  }
  const document: CheckpointDocument = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    checksum: checksum(JSON.stringify(encoded)),
    state: encoded,
  }
  return JSON.stringify(document)
}

/**
 * Parses and validates checkpoint text: the format, the version, the
 * checksum, every tensor, and (given the run's initial parameters) that the
 * parameters have the same structure, dtypes and shapes. Nothing is returned
 * unless all of it holds.
 * @example const state = parseCheckpoint(readFileSync('run.ckpt.json', 'utf8'), params) // { step, params, optimizer }
 */
export function parseCheckpoint<P extends Params, S>(text: string, expectedParams?: P): TrainState<P, S> {
  let document: Partial<CheckpointDocument>
  try {
    document = JSON.parse(text) as Partial<CheckpointDocument>
  } catch {
    throw new CheckpointError(
      'resume',
      `the checkpoint is not valid JSON (truncated or corrupted?), ${text.length} characters`,
    )
  }
  if (document?.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError('resume', `not a gradstream checkpoint (format is ${JSON.stringify(document?.format)})`)
  }
  if (document.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      'resume',
      `checkpoint version ${document.version} is not supported (this version reads ${CHECKPOINT_VERSION})`,
    )
  }
  const { state } = document
  if (state === undefined || checksum(JSON.stringify(state)) !== document.checksum) {
    throw new CheckpointError('resume', 'the checkpoint is corrupted: its checksum does not match its contents')
  }
  if (!Number.isInteger(state.step) || state.step < 0)
    throw new CheckpointError('resume', `step must be a non-negative integer, got ${state.step}`)
  const params = decodeValue(state.params, 'params') as P
  if (expectedParams !== undefined) checkParamsFit(params, expectedParams)
  return {
    step: state.step,
    params,
    optimizer: decodeValue(state.optimizer, 'optimizer') as S,
    ...(state.ema === undefined ? {} : { ema: decodeValue(state.ema, 'ema') as P }),
  }
}

function checkParamsFit(params: Params, expected: Params): void {
  const got = flattenTree(params)
  const want = flattenTree(expected)
  const gotPaths = got.treedef.paths.join(', ')
  const wantPaths = want.treedef.paths.join(', ')
  if (gotPaths !== wantPaths) {
    throw new CheckpointError('resume', `the checkpoint's parameters are ${gotPaths}, the model's are ${wantPaths}`)
  }
  want.leaves.forEach((leaf: Tensor, i) => {
    const stored = got.leaves[i]!
    if (stored.dtype !== leaf.dtype || formatShape(stored.shape) !== formatShape(leaf.shape)) {
      throw new CheckpointError(
        'resume',
        `${want.treedef.paths[i]} is ${stored.dtype} ${formatShape(stored.shape)} in the checkpoint, ${leaf.dtype} ${formatShape(leaf.shape)} in the model`,
      )
    }
  })
}
