import { decodeHParamsPluginData } from './eventMessages'
import type { HistogramFields } from './eventMessages'
import { decodeEventWire } from './eventWire'
import type { DecodedSummaryValue, DecodedTensor } from './eventWire'

/**
 * A scalar of an events file: TF1's `simple_value`, or a one-element tensor of the scalars plugin (TF2).
 * @example const scalar: TensorBoardScalar = { tag: 'loss', value: 0.25 }
 */
export interface TensorBoardScalar {
  readonly tag: string
  readonly value: number
}

/**
 * A histogram of an events file, as a `HistogramProto`: bucket i holds the values in
 * (bucketLimit[i - 1], bucketLimit[i]], the first from `min`.
 * @example const h: TensorBoardHistogram = { tag: 'params/w', histogram: { min: 0, max: 1, num: 2, sum: 1, sumSquares: 1, bucketLimit: [1], bucket: [2] } }
 */
export interface TensorBoardHistogram {
  readonly tag: string
  readonly histogram: HistogramFields
}

/**
 * A hyper-parameter value as the HParams plugin stores it.
 * @example const learningRate: TensorBoardHParamValue = 0.001
 */
export type TensorBoardHParamValue = string | number | boolean

/**
 * One `tensorflow.Event` of an events file, with its summaries sorted by kind.
 * @example const event: TensorBoardEvent = { wallTime: 1764770000, step: 3, scalars: [{ tag: 'loss', value: 0.25 }], histograms: [] }
 */
export interface TensorBoardEvent {
  /** Seconds since the Unix epoch. */
  readonly wallTime: number
  /** 0 where the event has none (proto3 leaves out a step of 0). */
  readonly step: number
  /** `brain.Event:2` in the first event of a file. */
  readonly fileVersion?: string
  readonly scalars: readonly TensorBoardScalar[]
  readonly histograms: readonly TensorBoardHistogram[]
  /** The HParams plugin's session start: the run's hyper-parameters, by name (nested names joined with `.`). */
  readonly hparams?: Readonly<Record<string, TensorBoardHParamValue>>
}

const SESSION_START_INFO_TAG = '_hparams_/session_start_info'
const EMPTY_HISTOGRAM: HistogramFields = { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, bucketLimit: [], bucket: [] }

/**
 * Turns the records of one events file into `TensorBoardEvent`s. A summary
 * written by TF2 names its plugin only the first time a tag appears (as
 * TensorBoard assumes), so the decoder remembers each tag's plugin: keep
 * one per file, fed its records in order.
 * Summaries of other kinds (images, audio, text, tensors of other plugins) are skipped.
 */
export class EventDecoder {
  readonly #plugins = new Map<string, string>()

  /** Decodes one record's data; throws protobufjs's error for bytes that are not an Event. */
  decode(data: Uint8Array): TensorBoardEvent {
    const event = decodeEventWire(data)
    const scalars: TensorBoardScalar[] = []
    const histograms: TensorBoardHistogram[] = []
    let hparams: Record<string, TensorBoardHParamValue> | undefined
    for (const value of event.summary?.value ?? []) {
      const tag = value.tag ?? ''
      const pluginName = value.metadata?.pluginData?.pluginName
      if (pluginName !== undefined && !this.#plugins.has(tag)) this.#plugins.set(tag, pluginName)
      if (value.simpleValue !== undefined) scalars.push({ tag, value: value.simpleValue })
      else if (value.histo !== undefined) histograms.push({ tag, histogram: withDefaults(value.histo) })
      else if (value.tensor !== undefined) {
        const plugin = this.#plugins.get(tag)
        if (plugin === 'scalars') {
          const scalar = tensorScalar(value.tensor)
          if (scalar !== undefined) scalars.push({ tag, value: scalar })
        } else if (plugin === 'histograms') {
          const histogram = tensorHistogram(value.tensor)
          if (histogram !== undefined) histograms.push({ tag, histogram })
        } else if (plugin === 'hparams' && tag === SESSION_START_INFO_TAG) hparams = sessionHParams(value)
      }
    }
    // assigned rather than spread: on a long file, spreads of optional parts cost more than the decoding
    const decoded: { -readonly [K in keyof TensorBoardEvent]: TensorBoardEvent[K] } = {
      wallTime: event.wallTime ?? 0,
      step: event.step ?? 0,
      scalars,
      histograms,
    }
    if (event.fileVersion !== undefined) decoded.fileVersion = event.fileVersion
    if (hparams !== undefined) decoded.hparams = hparams
    return decoded
  }
}

/** A HistogramProto's fields, 0 (or empty) where proto3 left them out. */
function withDefaults(histo: Partial<HistogramFields>): HistogramFields {
  const { min = 0, max = 0, num = 0, sum = 0, sumSquares = 0, bucketLimit = [], bucket = [] } = histo
  return { min, max, num, sum, sumSquares, bucketLimit, bucket }
}

/** The value of a one-element tensor (`tf.summary.scalar` in TF2), from its typed field or its raw little-endian bytes. */
function tensorScalar(tensor: DecodedTensor): number | undefined {
  const values = tensorValues(tensor)
  return values?.length === 1 ? values[0] : undefined
}

/**
 * A TF2 histogram (`tf.summary.histogram`): a [k, 3] tensor of (left edge, right edge, count) rows, as a
 * HistogramProto with the right edges as limits; its sum and sum of squares are not stored, so they are NaN.
 */
function tensorHistogram(tensor: DecodedTensor): HistogramFields | undefined {
  const values = tensorValues(tensor)
  const dims = tensor.tensorShape?.dim.map((dim) => dim.size) ?? []
  if (values === undefined || dims.length !== 2 || dims[1] !== 3) return undefined
  const rows = dims[0]!
  if (rows === 0) return { ...EMPTY_HISTOGRAM }
  const bucketLimit: number[] = []
  const bucket: number[] = []
  for (let row = 0; row < rows; row++) {
    bucketLimit.push(values[3 * row + 1]!)
    bucket.push(values[3 * row + 2]!)
  }
  const num = bucket.reduce((total, count) => total + count, 0)
  return { min: values[0]!, max: bucketLimit[rows - 1]!, num, sum: NaN, sumSquares: NaN, bucketLimit, bucket }
}

/**
 * Per TensorFlow `DataType` read here (DT_FLOAT 1, DT_DOUBLE 2, DT_INT32 3): the size of an element of its raw
 * little-endian bytes (`tensor_content`), how to read one, and its typed repeated field.
 */
const DTYPES: Readonly<
  Record<number, readonly [number, (view: DataView, at: number) => number, (t: DecodedTensor) => readonly number[]]>
> = {
  1: [4, (view, at) => view.getFloat32(at, true), (t) => t.floatVal],
  2: [8, (view, at) => view.getFloat64(at, true), (t) => t.doubleVal],
  3: [4, (view, at) => view.getInt32(at, true), (t) => t.intVal],
}

/**
 * A float, double or int32 tensor's elements in row-major order; undefined for other dtypes. A typed field
 * shorter than the shape is padded with its last value, as TensorFlow reads it.
 */
function tensorValues(tensor: DecodedTensor): number[] | undefined {
  const dtype = DTYPES[tensor.dtype ?? 0]
  if (dtype === undefined) return undefined
  const [size, read, typedField] = dtype
  const count = (tensor.tensorShape?.dim ?? []).reduce((product, dim) => product * dim.size, 1)
  const content = tensor.tensorContent
  if (content !== undefined && content.length > 0) {
    const view = new DataView(content.buffer, content.byteOffset, content.byteLength)
    return Array.from({ length: Math.floor(content.length / size) }, (_, i) => read(view, i * size))
  }
  const typed = typedField(tensor)
  if (typed.length === 0) return count === 0 ? [] : undefined
  return Array.from({ length: count }, (_, i) => typed[Math.min(i, typed.length - 1)]!)
}

/** The hyper-parameters of the HParams plugin's session start; values other than strings, numbers and booleans are skipped. */
function sessionHParams(value: DecodedSummaryValue): Record<string, TensorBoardHParamValue> | undefined {
  const content = value.metadata?.pluginData?.content
  const start = content === undefined ? undefined : decodeHParamsPluginData(content).sessionStartInfo
  if (start === undefined) return undefined
  const hparams: Record<string, TensorBoardHParamValue> = {}
  for (const [name, protoValue] of Object.entries(start.hparams ?? {})) {
    const found = [protoValue.numberValue, protoValue.stringValue, protoValue.boolValue].find(isHParamValue)
    if (found !== undefined) hparams[name] = found
  }
  return hparams
}

const isHParamValue = (value: unknown): value is TensorBoardHParamValue =>
  typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean'
