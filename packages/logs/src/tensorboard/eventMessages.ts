import protobuf from 'protobufjs/light.js'
import type { Type } from 'protobufjs/light.js'
import { protoDescriptor } from './protoDescriptor'

/** A `google.protobuf.Value` holding one hyper-parameter. */
export type ProtoValue =
  | { readonly numberValue: number }
  | { readonly stringValue: string }
  | { readonly boolValue: boolean }

/** One `tensorflow.Summary.Value`, with protobufjs's camelCase field names. */
export interface SummaryValue {
  readonly tag: string
  readonly simpleValue?: number
  readonly histo?: HistogramFields
  readonly tensor?: TensorFields
  readonly metadata?: { readonly pluginData: { readonly pluginName: string; readonly content?: Uint8Array } }
}

/**
 * A `tensorflow.HistogramProto`: bucket i counts the values in (bucketLimit[i - 1], bucketLimit[i]], the first
 * from `min`; sum and sum of squares in float64.
 * @example
 * const histogram: HistogramFields = { min: -1, max: 2, num: 3, sum: 1.5, sumSquares: 5.25, bucketLimit: [0, 2], bucket: [1, 2] }
 */
export interface HistogramFields {
  readonly min: number
  readonly max: number
  readonly num: number
  readonly sum: number
  readonly sumSquares: number
  readonly bucketLimit: readonly number[]
  readonly bucket: readonly number[]
}

/** A `tensorflow.TensorProto` of the kinds written here: a float scalar or strings. */
export interface TensorFields {
  readonly dtype: 'DT_FLOAT' | 'DT_STRING'
  readonly tensorShape: { readonly dim?: readonly { readonly size: number }[] }
  readonly floatVal?: readonly number[]
  readonly stringVal?: readonly Uint8Array[]
}

/** A `tensorflow.Event`: the file version, or a summary at a step. */
export interface EventFields {
  readonly wallTime: number
  readonly step?: number
  readonly fileVersion?: string
  readonly summary?: { readonly value: readonly SummaryValue[] }
}

/** A `tensorboard.hparams.HParamsPluginData`: the start or the end of a session (a run). */
export interface HParamsPluginDataFields {
  readonly version: number
  readonly sessionStartInfo?: {
    readonly hparams: Readonly<Record<string, ProtoValue>>
    readonly startTimeSecs: number
  }
  readonly sessionEndInfo?: { readonly status: 'STATUS_SUCCESS' | 'STATUS_FAILURE'; readonly endTimeSecs: number }
}

interface MessageTypes {
  readonly event: Type
  readonly hparamsPluginData: Type
}

let types: MessageTypes | undefined

// Built on first use rather than at import, so importing the package costs nothing until a TensorBoard log starts.
function messageTypes(): MessageTypes {
  if (types === undefined) {
    const root = protobuf.Root.fromJSON(protoDescriptor)
    types = {
      event: root.lookupType('tensorflow.Event'),
      hparamsPluginData: root.lookupType('tensorboard.hparams.HParamsPluginData'),
    }
  }
  return types
}

/** The bytes of a `tensorflow.Event`; a step of 0 is left out, as proto3 leaves out every default. */
export function encodeEvent(event: EventFields): Uint8Array {
  const { event: type } = messageTypes()
  const fields = event.step === 0 ? { ...event, step: undefined } : event
  return type.encode(type.fromObject(fields)).finish()
}

/** Decoded `tensorboard.hparams.HParamsPluginData`, as read from any writer. */
export interface DecodedHParamsPluginData {
  readonly sessionStartInfo?: {
    readonly hparams?: Readonly<Record<string, Partial<Record<string, unknown>>>>
    readonly startTimeSecs?: number
  }
  readonly sessionEndInfo?: { readonly status?: string | number; readonly endTimeSecs?: number }
}

/** Decodes a `tensorboard.hparams.HParamsPluginData` (a run's session start: rare, so decoded by reflection). */
export function decodeHParamsPluginData(bytes: Uint8Array): DecodedHParamsPluginData {
  const { hparamsPluginData: type } = messageTypes()
  // protobufjs's toObject returns an untyped record; DecodedHParamsPluginData says which of its fields may be there
  return type.toObject(type.decode(bytes), { longs: Number, enums: String }) as DecodedHParamsPluginData
}

/** The bytes of a `tensorboard.hparams.HParamsPluginData`. */
export function encodeHParamsPluginData(data: HParamsPluginDataFields): Uint8Array {
  const { hparamsPluginData: type } = messageTypes()
  return type.encode(type.fromObject(data)).finish()
}
