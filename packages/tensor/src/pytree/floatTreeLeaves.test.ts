import { DTypeError, StructureError } from '@gradstream/core'
import { describe, expect, it } from 'vitest'
import { ones, zeros } from '../creation'
import { floatTreeLeaves } from './floatTreeLeaves'

describe('floatTreeLeaves', () => {
  it('gives the leaves of a float tree in flattenTree order', () => {
    const tree = { w: ones([2]), layers: [{ b: zeros([1], 'float64') }] }
    expect(floatTreeLeaves(tree)).toEqual([tree.w, tree.layers[0]!.b])
  })

  it('names the caller and the path of the first leaf that is not float', () => {
    const tree = { w: ones([2]), layers: [{ b: zeros([1], 'int32') }] }
    expect(() => floatTreeLeaves(tree, { caller: 'adam.init', name: 'params' })).toThrow(
      new DTypeError('adam.init', 'params.layers[0].b must be a float tensor, got int32'),
    )
    expect(() => floatTreeLeaves({ k: ones([1], 'bool') })).toThrow(
      new DTypeError('floatTreeLeaves', 'tree.k must be a float tensor, got bool'),
    )
  })

  it('refuses a value that is no pytree with the same names', () => {
    expect(() => floatTreeLeaves({ w: 3 } as never, { caller: 'ema.update' })).toThrow(StructureError)
    expect(() => floatTreeLeaves({ w: 3 } as never, { caller: 'ema.update' })).toThrow(/^ema\.update: tree\.w/)
  })
})
