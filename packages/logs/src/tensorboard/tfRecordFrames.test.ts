import { describe, expect, it } from 'vitest'
import { tfRecord } from './tfRecord'
import { splitTfRecords } from './tfRecordFrames'

const bytesOf = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]))

describe('splitTfRecords', () => {
  const a = tfRecord(new Uint8Array([1, 2, 3]))
  const b = tfRecord(new Uint8Array([4]))

  it('splits whole records and gives each one its data and frame offset', () => {
    const frames = splitTfRecords(bytesOf(a, b))
    expect(frames.records.map((r) => [r.offset, [...r.data]])).toEqual([
      [0, [1, 2, 3]],
      [19, [4]],
    ])
    expect([frames.consumed, frames.needed, frames.corrupt]).toEqual([36, 0, undefined])
  })

  it('stops before a record cut short: 12 bytes needed until its length is known, then the whole frame', () => {
    const whole = bytesOf(a, b)
    expect(splitTfRecords(whole.subarray(0, 19 + 11))).toMatchObject({ consumed: 19, needed: 12 })
    expect(splitTfRecords(whole.subarray(0, 19 + 12))).toMatchObject({ consumed: 19, needed: 17 })
    expect(splitTfRecords(whole.subarray(0, 35)).records).toHaveLength(1)
    expect(splitTfRecords(new Uint8Array(0))).toEqual({ records: [], consumed: 0, needed: 0 })
  })

  it('reports the first frame whose length or data CRC is wrong, after the records before it', () => {
    const dataFlipped = bytesOf(a, b)
    dataFlipped[19 + 12]! ^= 1
    expect(splitTfRecords(dataFlipped)).toMatchObject({
      consumed: 19,
      corrupt: {
        offset: 19,
        problem: expect.stringMatching(/^the data's masked CRC-32C is 0x[0-9a-f]{8}, the record says 0x/),
      },
    })
    const lengthFlipped = bytesOf(a, b)
    lengthFlipped[19]! ^= 1
    expect(splitTfRecords(lengthFlipped).corrupt!.problem).toMatch(
      /^the length's masked CRC-32C is 0x[0-9a-f]{8}, the record says 0x/,
    )
    expect(splitTfRecords(lengthFlipped).records).toHaveLength(1)
  })
})
