// The equality tester of test/setup/tensorEquality.ts, which every test file's toEqual on tensors relies on: it
// knows tensors by their brand, so a tensor it failed to recognise would equal any other.
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'

describe('toEqual on tensors', () => {
  it('holds for the same dtype, shape and values, NaN equal to NaN', () => {
    expect(tensor([[1, NaN]])).toEqual(tensor([[1, NaN]]))
    expect({ w: tensor([true, false]) }).toEqual({ w: tensor([true, false]) })
  })

  it('tells tensors apart by values, shape and dtype', () => {
    expect(tensor([1, 2])).not.toEqual(tensor([1, 3]))
    expect(tensor([1, 2])).not.toEqual(tensor([[1, 2]]))
    expect(tensor([1, 2])).not.toEqual(tensor([1, 2], [2], 'int32'))
    expect(tensor([0])).not.toEqual(tensor([NaN]))
  })
})
