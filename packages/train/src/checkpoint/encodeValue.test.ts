import { CheckpointError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { decodeValue, encodeValue } from './encodeValue'

describe('encodeValue', () => {
  it('stores null-prototype objects, as the pytree toolkit accepts them', () => {
    const record = Object.assign(Object.create(null) as Record<string, unknown>, { count: 2, w: tensor([1.5]) })
    const decoded = decodeValue('resume', JSON.parse(JSON.stringify(encodeValue(record, 'optimizer'))), 'optimizer')
    expect(decoded).toEqual({ count: 2, w: tensor([1.5]) })
  })

  it('names the part it cannot store with the one path syntax', () => {
    const state = { layers: [{ 'my key': new Map() }] }
    expect(() => encodeValue(state, 'optimizer')).toThrow(
      new CheckpointError('checkpoint', 'optimizer.layers[0]["my key"] cannot be stored: a Map'),
    )
  })

  it('refuses a cycle with a CheckpointError, not a stack overflow', () => {
    const state: Record<string, unknown> = { count: 1 }
    state.self = state
    expect(() => encodeValue(state, 'optimizer')).toThrow(
      new CheckpointError('checkpoint', 'optimizer.self refers back to optimizer; a tree may not hold cycles'),
    )
  })
})

describe('decodeValue', () => {
  it('refuses nesting deeper than a tree may with a CheckpointError naming the path', () => {
    let deep: unknown = 1
    for (let i = 0; i < 5000; i++) deep = [deep]
    expect(() => decodeValue('resume', deep, 'ema')).toThrow(
      new CheckpointError(
        'resume',
        'ema[0][0][0][0][0][0]… nests deeper than 1000 levels; a tree may nest at most 1000',
      ),
    )
  })

  it('refuses a tensor record whose dtype is an inherited key', () => {
    expect(() =>
      decodeValue('parseCheckpoint', { w: { $tensor: { dtype: 'toString', shape: [], data: '' } } }, 'params'),
    ).toThrow(new CheckpointError('parseCheckpoint', 'params.w is not a well-formed tensor'))
  })
})
