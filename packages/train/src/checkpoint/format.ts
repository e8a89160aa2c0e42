import { isPlainObject } from '@gradstream/core'
import type { Params } from '@gradstream/tensor'
import { CheckpointError } from '../errors'
import type { TrainState } from '../snapshot'
import { checkNesting } from './checkNesting'
import { checksum } from './checksum'
import { decodeValue, encodeValue } from './encodeValue'
import type { EncodedValue } from './encodeValue'
import { checkResumeOptions, transformationAt } from './resumeOptions'
import { checkStoredFits, resumedState } from './resumedState'
import type { ResumeOptions } from './resumeOptions'

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
  // The encoder recurses: a cycle or a crafted depth must fail with a message, not overflow the stack.
  for (const name of ['params', 'optimizer', 'ema'] as const) checkNesting('serializeCheckpoint', name, state[name])
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
 * nesting, the checksum and every tensor; and, given the run it is to
 * continue, that the parameters, the optimizer state and the moving average
 * are what that run's own would be (see `resume`). Nothing is returned
 * unless all of it holds; every fault is a CheckpointError naming the path.
 * @example const state = parseCheckpoint(readFileSync('run.ckpt.json', 'utf8')) // { step, params, optimizer }
 */
export function parseCheckpoint<P extends Params, S>(text: string, run?: ResumeOptions<P, S>): TrainState<P, S> {
  return readCheckpoint('parseCheckpoint', text, run)
}

/** `parseCheckpoint` with `fn` naming the public function in errors. */
export function readCheckpoint<P extends Params, S>(
  fn: string,
  text: string,
  run: ResumeOptions<P, S> | undefined,
): TrainState<P, S> {
  if (run !== undefined) checkResumeOptions(fn, run)
  const { state, checksum: storedChecksum } = readDocument(fn, text)
  const transformation = run && transformationAt(run.optimizer, run.learningRate, state.step)
  // Before the checksum, which reads all of the state: junk where the run has nothing is refused at once.
  if (run !== undefined && transformation !== undefined) checkStoredFits(fn, state, run, transformation)
  if (checksum(JSON.stringify(state)) !== storedChecksum) {
    throw new CheckpointError(fn, 'the checkpoint is corrupted: its checksum does not match its contents')
  }
  // Parts the run resets are not decoded: they may be missing or of another optimizer.
  const reset = run?.reset ?? []
  const params = decodePart(fn, state.params, 'params') as P
  const optimizer = reset.includes('optimizer') ? undefined : (decodePart(fn, state.optimizer, 'optimizer') as S)
  const ema = reset.includes('ema') || state.ema === undefined ? undefined : (decodePart(fn, state.ema, 'ema') as P)
  if (run === undefined || transformation === undefined) {
    return { step: state.step, params, optimizer: optimizer as S, ...(ema === undefined ? {} : { ema }) }
  }
  return resumedState(fn, { step: state.step, params, optimizer, ema }, run, transformation)
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
  if (document.version !== CHECKPOINT_VERSION) {
    throw new CheckpointError(
      fn,
      `checkpoint version ${document.version} is not supported (this version reads ${CHECKPOINT_VERSION})`,
    )
  }
  const { state } = document
  if (!isPlainObject(state)) throw new CheckpointError(fn, 'the checkpoint holds no state')
  for (const [name, part] of Object.entries(state)) checkNesting(fn, name, part)
  if (!Number.isSafeInteger(state.step) || state.step < 0) {
    throw new CheckpointError(fn, `step must be a non-negative integer, got ${JSON.stringify(state.step)}`)
  }
  return document as CheckpointDocument
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
