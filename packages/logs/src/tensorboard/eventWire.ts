import protobuf from 'protobufjs/light.js'
import type { Long, Reader } from 'protobufjs/light.js'
import type { HistogramFields } from './eventMessages'

/** A `tensorflow.TensorProto` as read from any writer: values in the repeated field of their dtype or as raw bytes. */
export interface DecodedTensor {
  /** TensorFlow's `DataType` number: 1 float, 2 double, 3 int32, ... */
  readonly dtype?: number
  readonly tensorShape?: { readonly dim: readonly { readonly size: number }[] }
  readonly tensorContent?: Uint8Array
  readonly floatVal: readonly number[]
  readonly doubleVal: readonly number[]
  readonly intVal: readonly number[]
}

/** A `tensorflow.Summary.Value` as read from any writer: every field may be missing. */
export interface DecodedSummaryValue {
  readonly tag?: string
  readonly simpleValue?: number
  readonly histo?: Partial<HistogramFields>
  readonly tensor?: DecodedTensor
  readonly metadata?: { readonly pluginData: { readonly pluginName?: string; readonly content?: Uint8Array } }
}

/** A `tensorflow.Event` as read from any writer; the fields the reader does not use are not kept. */
export interface DecodedEvent {
  readonly wallTime?: number
  readonly step?: number
  readonly fileVersion?: string
  readonly summary?: { readonly value: readonly DecodedSummaryValue[] }
}

// Protobuf wire types (https://protobuf.dev/programming-guides/encoding/).
const VARINT = 0
const FIXED64 = 1
const LENGTH_DELIMITED = 2
const FIXED32 = 5

/**
 * Decodes a `tensorflow.Event` with protobufjs's wire reader and the field
 * numbers of event.proto, summary.proto, tensor.proto and tensor_shape.proto
 * (the ones in proto/), reading only what the events reader uses; every other
 * field (graphs, images, run metadata, ...) is skipped. Written out rather
 * than decoded by reflection and `toObject`: reading a run of 200,000 events
 * so makes a fraction of the objects. Repeated numbers are read packed or not,
 * as protobuf requires of a reader. Throws protobufjs's error for bytes that
 * are not a message.
 * @example decodeEventWire(encodeEvent({ wallTime: 1.5, step: 2 })) // { wallTime: 1.5, step: 2 }
 */
export function decodeEventWire(bytes: Uint8Array): DecodedEvent {
  const reader = protobuf.Reader.create(bytes)
  let wallTime: number | undefined
  let step: number | undefined
  // the oneof `what`: the last of file_version and summary wins, as protobuf decodes a oneof (repeats of a summary merge)
  let what: { fileVersion: string } | { summary: { value: DecodedSummaryValue[] } } | undefined
  fields(reader, reader.len, (field, wire) => {
    if (field === 1 && wire === FIXED64) wallTime = reader.double()
    else if (field === 2 && wire === VARINT) step = longNumber(reader.int64())
    else if (field === 3 && wire === LENGTH_DELIMITED) what = { fileVersion: reader.string() }
    else if (field === 5 && wire === LENGTH_DELIMITED) {
      if (what === undefined || !('summary' in what)) what = { summary: { value: [] } }
      summary(reader, what.summary.value)
    } else return false
    return true
  })
  // assigned rather than spread: spreads of optional parts cost more than the decoding on a long file
  const event: { -readonly [K in keyof DecodedEvent]: DecodedEvent[K] } = {}
  if (wallTime !== undefined) event.wallTime = wallTime
  if (step !== undefined) event.step = step
  if (what !== undefined && 'summary' in what) event.summary = what.summary
  else if (what !== undefined) event.fileVersion = what.fileVersion
  return event
}

/**
 * Calls `read(field, wireType)` for each field up to `end`; a field it does
 * not take (returns false) is skipped.
 */
function fields(reader: Reader, end: number, read: (field: number, wire: number) => boolean): void {
  while (reader.pos < end) {
    const key = reader.uint32()
    if (!read(key >>> 3, key & 7)) reader.skipType(key & 7)
  }
  if (reader.pos > end) throw new RangeError(`a field runs past its message's end (byte ${end})`)
}

/** The end of the length-delimited message starting at the reader. */
const messageEnd = (reader: Reader) => {
  const length = reader.uint32()
  return reader.pos + length
}

function summary(reader: Reader, values: DecodedSummaryValue[]): void {
  fields(reader, messageEnd(reader), (field, wire) => {
    if (field !== 1 || wire !== LENGTH_DELIMITED) return false
    values.push(summaryValue(reader))
    return true
  })
}

function summaryValue(reader: Reader): DecodedSummaryValue {
  let tag: string | undefined
  let metadataField: DecodedSummaryValue['metadata']
  // the oneof `value`: the last of simple_value, histo and tensor in the bytes wins, as protobuf decodes it
  let member: 'simpleValue' | 'histo' | 'tensor' | undefined
  let simpleValue = 0
  let histo: Partial<HistogramFields> | undefined
  let tensorField: DecodedTensor | undefined
  fields(reader, messageEnd(reader), (field, wire) => {
    if (field === 1 && wire === LENGTH_DELIMITED) tag = reader.string()
    else if (field === 9 && wire === LENGTH_DELIMITED) metadataField = metadata(reader)
    else if (field === 2 && wire === FIXED32) {
      member = 'simpleValue'
      simpleValue = reader.float()
    } else if (field === 5 && wire === LENGTH_DELIMITED) {
      member = 'histo'
      histo = histogram(reader)
    } else if (field === 8 && wire === LENGTH_DELIMITED) {
      member = 'tensor'
      tensorField = tensor(reader)
    } else return false
    return true
  })
  // assigned, never deleted: a deleted property turns an object into a slow dictionary
  const value: { -readonly [K in keyof DecodedSummaryValue]: DecodedSummaryValue[K] } = {}
  if (tag !== undefined) value.tag = tag
  if (member === 'simpleValue') value.simpleValue = simpleValue
  else if (member === 'histo') value.histo = histo
  else if (member === 'tensor') value.tensor = tensorField
  if (metadataField !== undefined) value.metadata = metadataField
  return value
}

function histogram(reader: Reader): Partial<HistogramFields> {
  const moments = ['min', 'max', 'num', 'sum', 'sumSquares'] as const
  const histo: { -readonly [K in keyof HistogramFields]?: HistogramFields[K] } = {}
  const bucketLimit: number[] = []
  const bucket: number[] = []
  fields(reader, messageEnd(reader), (field, wire) => {
    const moment = moments[field - 1]
    if (moment !== undefined && wire === FIXED64) histo[moment] = reader.double()
    else if (field === 6) repeatedDoubles(reader, wire, bucketLimit)
    else if (field === 7) repeatedDoubles(reader, wire, bucket)
    else return false
    return true
  })
  return { ...histo, bucketLimit, bucket }
}

function tensor(reader: Reader): DecodedTensor {
  const decoded: { -readonly [K in keyof DecodedTensor]?: DecodedTensor[K] } = {}
  const floatVal: number[] = []
  const doubleVal: number[] = []
  const intVal: number[] = []
  fields(reader, messageEnd(reader), (field, wire) => {
    if (field === 1 && wire === VARINT) decoded.dtype = reader.int32()
    else if (field === 2 && wire === LENGTH_DELIMITED) decoded.tensorShape = { dim: dims(reader) }
    else if (field === 4 && wire === LENGTH_DELIMITED) decoded.tensorContent = reader.bytes()
    else if (field === 5)
      repeatedNumbers(
        reader,
        wire,
        floatVal,
        FIXED32,
        () => reader.float(),
        (a) => reader.floats(a),
      )
    else if (field === 6) repeatedDoubles(reader, wire, doubleVal)
    else if (field === 7)
      repeatedNumbers(
        reader,
        wire,
        intVal,
        VARINT,
        () => reader.int32(),
        (a) => reader.int32s(a),
      )
    else return false
    return true
  })
  return { ...decoded, floatVal, doubleVal, intVal }
}

/** The sizes of a `TensorShapeProto`'s dims. */
function dims(reader: Reader): { size: number }[] {
  const sizes: { size: number }[] = []
  fields(reader, messageEnd(reader), (field, wire) => {
    if (field !== 2 || wire !== LENGTH_DELIMITED) return false
    let size = 0
    fields(reader, messageEnd(reader), (dimField, dimWire) => {
      if (dimField !== 1 || dimWire !== VARINT) return false
      size = longNumber(reader.int64())
      return true
    })
    sizes.push({ size })
    return true
  })
  return sizes
}

function metadata(reader: Reader): DecodedSummaryValue['metadata'] {
  let pluginName: string | undefined
  let content: Uint8Array | undefined
  fields(reader, messageEnd(reader), (field, wire) => {
    if (field !== 1 || wire !== LENGTH_DELIMITED) return false
    fields(reader, messageEnd(reader), (dataField, dataWire) => {
      if (dataField === 1 && dataWire === LENGTH_DELIMITED) pluginName = reader.string()
      else if (dataField === 2 && dataWire === LENGTH_DELIMITED) content = reader.bytes()
      else return false
      return true
    })
    return true
  })
  const pluginData: { pluginName?: string; content?: Uint8Array } = {}
  if (pluginName !== undefined) pluginData.pluginName = pluginName
  if (content !== undefined) pluginData.content = content
  return { pluginData }
}

const repeatedDoubles = (reader: Reader, wire: number, into: number[]) =>
  repeatedNumbers(
    reader,
    wire,
    into,
    FIXED64,
    () => reader.double(),
    (a) => reader.doubles(a),
  )

/** One value of a repeated number field, or a packed run of them. */
function repeatedNumbers(
  reader: Reader,
  wire: number,
  into: number[],
  single: number,
  readOne: () => number,
  readPacked: (into: number[]) => number[],
): void {
  if (wire === LENGTH_DELIMITED) readPacked(into)
  else if (wire === single) into.push(readOne())
  else reader.skipType(wire)
}

/** An int64 as a number: exact below 2^53, as every step and dimension is. */
const longNumber = (value: Long) => protobuf.util.LongBits.from(value).toNumber()
