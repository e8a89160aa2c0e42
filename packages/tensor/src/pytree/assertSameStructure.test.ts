import { ones, tensor, zeros } from '../index'
import { describe, expect, it } from 'vitest'
import { StructureError } from '@gradstream/core'
import { assertSameStructure } from './assertSameStructure'

const params = { layers: [{ w: ones([2, 3]), b: zeros([3]) }] }

describe('assertSameStructure', () => {
  it('accepts trees of the same structure whatever the key order', () => {
    expect(() => assertSameStructure(params, { layers: [{ b: ones([3]), w: ones([2, 3]) }] })).not.toThrow()
  })

  it('ignores shapes unless asked', () => {
    const other = { layers: [{ w: ones([1]), b: ones([1]) }] }
    expect(() => assertSameStructure(params, other)).not.toThrow()
    expect(() => assertSameStructure(params, other, { shapes: true })).toThrow(
      'assertSameStructure: a.layers[0].w has shape [2, 3] but b.layers[0].w has shape [1]',
    )
  })

  it('names the trees and the caller as given', () => {
    const grads = { layers: [{ w: ones([2, 3]) }] }
    expect(() => assertSameStructure(params, grads, { names: ['params', 'grads'], caller: 'update' })).toThrow(
      new StructureError('update', 'params.layers[0].b is a Tensor but grads.layers[0].b is missing'),
    )
  })

  it('checks dtypes when asked', () => {
    const a = { w: tensor([1]) }
    const b = { w: tensor([1], undefined, 'float64') }
    expect(() => assertSameStructure(a, b)).not.toThrow()
    expect(() => assertSameStructure(a, b, { dtypes: true })).toThrow(
      'assertSameStructure: a.w has dtype float32 but b.w has dtype float64',
    )
  })
})
