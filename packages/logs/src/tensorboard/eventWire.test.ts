import fc from 'fast-check'
import protobuf from 'protobufjs/light.js'
import { describe, expect, it } from 'vitest'
import { decodeEventWire } from './eventWire'
import { protoDescriptor } from './protoDescriptor'

// The reference: protobufjs's reflection over the same protos, decoding every field it knows.
const eventType = protobuf.Root.fromJSON(protoDescriptor).lookupType('tensorflow.Event')

const float32 = fc.float({ noNaN: true }).map(Math.fround)
const double = fc.double({ noNaN: true })
const summaryValue = fc.record(
  {
    tag: fc.string({ maxLength: 8 }),
    simpleValue: float32,
    histo: fc.record({
      min: double,
      max: double,
      num: double,
      sum: double,
      sumSquares: double,
      bucketLimit: fc.array(double, { maxLength: 5 }),
      bucket: fc.array(double, { maxLength: 5 }),
    }),
    tensor: fc.record(
      {
        dtype: fc.constantFrom(1, 2, 3, 7),
        tensorShape: fc.record({ dim: fc.array(fc.record({ size: fc.nat(1000) }), { maxLength: 3 }) }),
        tensorContent: fc.uint8Array({ maxLength: 16 }),
        floatVal: fc.array(float32, { maxLength: 4 }),
        doubleVal: fc.array(double, { maxLength: 4 }),
        intVal: fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 4 }),
      },
      { requiredKeys: [] },
    ),
    metadata: fc.record({
      pluginData: fc.record({ pluginName: fc.string({ maxLength: 8 }), content: fc.uint8Array({ maxLength: 8 }) }),
    }),
  },
  { requiredKeys: ['tag'] },
)
const event = fc.record(
  {
    wallTime: double,
    step: fc.maxSafeNat(),
    fileVersion: fc.string({ maxLength: 12 }),
    summary: fc.record({ value: fc.array(summaryValue, { maxLength: 3 }) }),
  },
  { requiredKeys: [] },
)

describe('decodeEventWire', () => {
  it("reads every field it keeps as protobufjs's reflection does, for any Event", () => {
    fc.assert(
      fc.property(event, (fields) => {
        const bytes = eventType.encode(eventType.fromObject(fields)).finish()
        const reference = eventType.toObject(eventType.decode(bytes), { longs: Number, arrays: true })
        expect(plain(decodeEventWire(bytes))).toEqual(kept(reference))
      }),
      { numRuns: 300, seed: 16 },
    )
  })

  it('throws for a message cut short, and for a field running past its message', () => {
    expect(() => decodeEventWire(new Uint8Array([0x0a, 0x05, 0x01]))).toThrow(RangeError)
    // a summary (field 5) of 2 bytes holding a value (field 1) that claims 3
    expect(() => decodeEventWire(new Uint8Array([0x2a, 0x02, 0x0a, 0x03, 0x0a, 0x01, 0x61]))).toThrow(
      "a field runs past its message's end (byte 4)",
    )
  })
})

/** What decodeEventWire keeps of protobufjs's object, in its shape: numbers for dtypes, empty repeated fields. */
function kept(reference: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(plain(reference)), (key, value: unknown) => {
    if (key === 'tensor' && isRecord(value)) {
      const { dtype, tensorShape, tensorContent, floatVal = [], doubleVal = [], intVal = [] } = value
      return {
        ...(dtype === undefined ? {} : { dtype: DTYPE_NUMBERS[dtype as string] ?? dtype }),
        ...(tensorShape === undefined ? {} : { tensorShape: { dim: dimsOf(tensorShape) } }),
        ...(tensorContent === undefined ? {} : { tensorContent }),
        floatVal,
        doubleVal,
        intVal,
      }
    }
    return value
  })
}

/** A value as JSON holds it, bytes (a Buffer or any Uint8Array) as arrays of numbers. */
function plain(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Uint8Array) return [...v]
      return isRecord(v) && v.type === 'Buffer' && Array.isArray(v.data) ? v.data : v
    }),
  )
}

/** A dim's size, 0 where proto3 left it out. */
const dimsOf = (shape: unknown) =>
  ((shape as { dim?: { size?: number }[] }).dim ?? []).map((d) => ({ size: d.size ?? 0 }))

const DTYPE_NUMBERS: Record<string, number> = { DT_INVALID: 0, DT_FLOAT: 1, DT_DOUBLE: 2, DT_INT32: 3, DT_STRING: 7 }
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
