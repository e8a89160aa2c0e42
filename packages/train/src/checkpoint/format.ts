import { checkHParams, checkOptions, describe, isPlainObject } from '@gradstream/core'
import type { HParams } from '@gradstream/core'
import { checkRandomKey } from '@gradstream/tensor'
import type { Params, RandomKey } from '@gradstream/tensor'
import { CheckpointError } from '../errors'
import type { TrainState } from '../snapshot'
import { checkNesting } from './checkNesting'
import { checksum } from './checksum'
import { decodeValue, encodeValue } from './encodeValue'
import type { EncodedValue } from './encodeValue'
import { RATE_IN_STATE_VERSION, upgradedState } from './olderVersions'
import { checkResumeOptions, transformationAt } from './resumeOptions'
import { checkStoredFits, resumedState } from './resumedState'
import type { ResumeOptions } from './resumeOptions'

export const CHECKPOINT_FORMAT = 'gradstream-checkpoint'
/**
 * The version this package writes. Version 2 added `modelState` and `runKey`; version 3 keeps the learning
 * rate of a run whose optimizer is a function of it in the optimizer state (`{ count, hyperparams, inner }`).
 */
export const CHECKPOINT_VERSION = RATE_IN_STATE_VERSION
/** Version 1 has no `modelState` and no `runKey`. */
const FIRST_VERSION = 1

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
    /** Version 2: the model's non-trainable state. */
    readonly modelState?: EncodedValue
    /** Version 2: the run's random key, two uint32 words. */
    readonly runKey?: RandomKey
  }
  /** The run's hyper-parameters, when the writer was given them (any version; not covered by the checksum). */
  readonly hparams?: HParams
}

/**
 * Options of {@link serializeCheckpoint}.
 * @example const options: SerializeCheckpointOptions = { hparams: { optimizer: 'adam', learningRate: 0.001 } }
 */
export interface SerializeCheckpointOptions {
  /** The run's hyper-parameters (optimizer and its options, batch size, seed, model sizes), recorded beside the state. */
  readonly hparams?: HParams
}

/**
 * Serializes a training state (a snapshot will do) to the checkpoint JSON
 * text, with the run's hyper-parameters when given (read back with
 * {@link checkpointHParams}).
 * @example writeFileSync('run.ckpt.json', serializeCheckpoint(snapshot, { hparams: { batchSize: 64 } }))
 */
export function serializeCheckpoint(state: TrainState, options: SerializeCheckpointOptions = {}): string {
  const hparams = checkSerializeOptions('serializeCheckpoint', options)
  // The encoder recurses: a cycle or a crafted depth must fail with a message, not overflow the stack.
  for (const name of ['params', 'optimizer', 'ema', 'modelState'] as const) {
    checkNesting('serializeCheckpoint', name, state[name])
  }
  const encoded = {
    step: state.step,
    params: encodeValue(state.params, 'params'),
    optimizer: encodeValue(state.optimizer, 'optimizer'),
    ...(state.ema === undefined ? {} : { ema: encodeValue(state.ema, 'ema') }),
    ...(state.modelState === undefined ? {} : { modelState: encodeValue(state.modelState, 'modelState') }),
    ...(state.runKey === undefined ? {} : { runKey: state.runKey }),
  }
  // Always the current version: whether the optimizer state holds the learning rate (version 3) is the
  // run's to know, not the state's, so a reader of an older version must not take it for its own.
  const document: CheckpointDocument = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    checksum: checksum(JSON.stringify(encoded)),
    state: encoded,
    ...(hparams === undefined ? {} : { hparams }),
  }
  return JSON.stringify(document)
}

/** The checked `hparams` of serializing options (shared by `checkpoint`, which checks them when called). */
export function checkSerializeOptions(fn: string, options: SerializeCheckpointOptions): HParams | undefined {
  checkOptions(fn, options, ['hparams'])
  const { hparams } = options
  if (hparams !== undefined) checkHParams(fn, hparams)
  return hparams
}

/**
 * The hyper-parameters a checkpoint records, or undefined if it records none;
 * the text must be a checkpoint of a version this package reads.
 * @example checkpointHParams(readFileSync('run.ckpt.json', 'utf8')) // { batchSize: 64 }
 * @throws CheckpointError when the text is not such a checkpoint or its hparams are malformed
 */
export function checkpointHParams(text: string): HParams | undefined {
  const { hparams } = readDocument('checkpointHParams', text)
  if (hparams === undefined) return undefined
  try {
    checkHParams('checkpointHParams', hparams)
  } catch (error) {
    throw new CheckpointError('checkpointHParams', 'the checkpoint holds malformed hparams', { cause: error })
  }
  return hparams
}

/**
 * Parses and validates checkpoint text: the format, the version, the
 * nesting, the checksum and every tensor; and, given the run it is to
 * continue, that the parameters, the optimizer state and the moving average
 * are what that run's own would be (see `resume`). Nothing is returned
 * unless all of it holds; every fault is a CheckpointError naming the path.
 * @example const state = parseCheckpoint(readFileSync('run.ckpt.json', 'utf8')) // { step, params, optimizer }
 */
export function parseCheckpoint<P extends Params, S, M extends Params | undefined = Params | undefined>(
  text: string,
  run?: ResumeOptions<P, S, M>,
): TrainState<P, S, M> {
  return readCheckpoint('parseCheckpoint', text, run)
}

/** `parseCheckpoint` with `fn` naming the public function in errors. */
export function readCheckpoint<P extends Params, S, M extends Params | undefined>(
  fn: string,
  text: string,
  run: ResumeOptions<P, S, M> | undefined,
): TrainState<P, S, M> {
  if (run !== undefined) checkResumeOptions(fn, run)
  const document = readDocument(fn, text)
  const { checksum: storedChecksum } = document
  // The checksum is of the state as written; the rest reads it as the run keeps it now.
  const state = upgradedState(document.version, document.state, run)
  const transformation = run && transformationAt(run.optimizer, run.learningRate, state.step)
  // Before the checksum, which reads all of the state: junk where the run has nothing is refused at once.
  if (run !== undefined && transformation !== undefined) checkStoredFits(fn, state, run, transformation)
  if (checksum(JSON.stringify(document.state)) !== storedChecksum) {
    throw new CheckpointError(fn, 'the checkpoint is corrupted: its checksum does not match its contents')
  }
  // Parts the run resets are not decoded: they may be missing or of another optimizer.
  const reset = run?.reset ?? []
  const params = decodePart(fn, state.params, 'params') as P
  const optimizer = reset.includes('optimizer') ? undefined : (decodePart(fn, state.optimizer, 'optimizer') as S)
  const ema = reset.includes('ema') || state.ema === undefined ? undefined : (decodePart(fn, state.ema, 'ema') as P)
  const modelState =
    reset.includes('modelState') || state.modelState === undefined
      ? undefined
      : (decodePart(fn, state.modelState, 'modelState') as M)
  const runKey = state.runKey === undefined ? undefined : Object.freeze([state.runKey[0], state.runKey[1]] as const)
  if (run === undefined || transformation === undefined) {
    return {
      step: state.step,
      params,
      optimizer: optimizer as S,
      ...(ema === undefined ? {} : { ema }),
      ...(modelState === undefined ? {} : { modelState }),
      ...(runKey === undefined ? {} : { runKey }),
    }
  }
  return resumedState(fn, { step: state.step, params, optimizer, ema, modelState, runKey }, run, transformation)
}

/** The document, its state still encoded, once its format, version, nesting and step hold. */
function readDocument(fn: string, text: string): CheckpointDocument {
  if (typeof text !== 'string') throw new CheckpointError(fn, `the checkpoint must be text, got ${typeof text}`)
  let document: Partial<CheckpointDocument>
  try {
    document = JSON.parse(text) as Partial<CheckpointDocument>
  } catch {
    throw new CheckpointError(
      fn,
      `the checkpoint is not valid JSON (truncated or corrupted?), ${text.length} characters`,
    )
  }
  if (document?.format !== CHECKPOINT_FORMAT) {
    throw new CheckpointError(fn, `not a gradstream checkpoint (format is ${JSON.stringify(document?.format)})`)
  }
  const { version } = document
  if (
    typeof version !== 'number' ||
    !Number.isInteger(version) ||
    version < FIRST_VERSION ||
    version > CHECKPOINT_VERSION
  ) {
    throw new CheckpointError(
      fn,
      `checkpoint version ${describe(version)} is not supported (this version reads ${FIRST_VERSION} to ${CHECKPOINT_VERSION})`,
    )
  }
  const { state } = document
  if (!isPlainObject(state)) throw new CheckpointError(fn, 'the checkpoint holds no state')
  for (const [name, part] of Object.entries(state)) checkNesting(fn, name, part)
  if (!Number.isSafeInteger(state.step) || state.step < 0) {
    throw new CheckpointError(fn, `step must be a non-negative integer, got ${JSON.stringify(state.step)}`)
  }
  if (document.version === FIRST_VERSION && ('modelState' in state || 'runKey' in state)) {
    throw new CheckpointError(fn, 'a version 1 checkpoint holds no modelState or runKey; version 2 does')
  }
  if ('runKey' in state) checkStoredKey(fn, state.runKey)
  return document as CheckpointDocument
}

/** Throws a CheckpointError unless a stored run key is two uint32 words, as `randomKey` makes. */
function checkStoredKey(fn: string, runKey: unknown): void {
  try {
    checkRandomKey(fn, 'runKey', runKey)
  } catch (error) {
    // The key check's ConfigError, with its details, becomes the cause of a fault of the checkpoint.
    throw new CheckpointError(fn, `runKey is not a random key [high, low] of two uint32 words`, { cause: error })
  }
}

/** A decoded part; a value the decoder cannot build a tensor or number from is a fault of the checkpoint. */
function decodePart(fn: string, value: EncodedValue | undefined, name: string): unknown {
  try {
    return decodeValue(fn, value, name)
  } catch (error) {
    if (error instanceof CheckpointError) throw error
    const wrapped = new CheckpointError(
      fn,
      `${name} holds a malformed value: ${error instanceof Error ? error.message : String(error)}`,
    )
    wrapped.cause = error
    throw wrapped
  }
}
