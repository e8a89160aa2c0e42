import { crc32c as reference } from '@aws-crypto/crc32c'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { crc32c } from './crc32c'

describe('crc32c', () => {
  it("gives CRC-32C's standard check value over the nine ASCII digits, and 0 for no bytes", () => {
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283)
    expect(crc32c(new Uint8Array(0))).toBe(0)
  })

  it('equals @aws-crypto/crc32c on any bytes, in views at any offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(8), (bytes, skip) => {
        const view = bytes.subarray(Math.min(skip, bytes.length))
        expect(crc32c(view)).toBe(reference(view))
      }),
      { numRuns: 200 },
    )
  })
})
