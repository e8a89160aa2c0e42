import { StructureError } from '@gradstream/core'
import { add, flattenTree, mul, scalar, sum, tensor } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import { describe, expect, it } from 'vitest'
import { KnownStructures } from './knownStructures'
import { valueAndGrad } from './valueAndGrad'

const [w, b] = [tensor([1, 2]), scalar(3)]

describe('KnownStructures', () => {
  it("gives flattenTree's leaves and keeps the structure for the next call", () => {
    const known = new KnownStructures()
    const first = known.flatten('test', { w, layers: [{ b }] }, 0, 'params')
    const [u, c] = [tensor([4, 5]), scalar(6)]
    const second = known.flatten('test', { w: u, layers: [{ b: c }] }, 0, 'params')
    expect(second.treedef).toBe(first.treedef)
    expect(second.leaves).toHaveLength(2)
    expect(second.leaves[0]).toBe(u)
    expect(second.leaves[1]).toBe(c)
  })

  it.each<[string, unknown]>([
    ['keys in another order', { layers: [{ b }], w }],
    ['another key', { v: w, layers: [{ b }] }],
    ['an array of another length', { w, layers: [{ b }, { b }] }],
    ['a tensor in place of a subtree', { w, layers: w }],
    ['a subtree in place of a tensor', { w: { w }, layers: [{ b }] }],
  ])('flattens a tree with %s anew, as flattenTree does', (_, tree) => {
    const known = new KnownStructures()
    known.flatten('test', { w, layers: [{ b }] }, 0, 'params')
    const flat = known.flatten('test', tree as Params, 0, 'params')
    const expected = flattenTree(tree as Params)
    expect(flat.treedef.paths).toEqual(expected.treedef.paths)
    expect(flat.leaves.every((leaf, i) => leaf === expected.leaves[i])).toBe(true)
    // The new structure is kept instead.
    expect(known.flatten('test', tree as Params, 0, 'params').treedef).toBe(flat.treedef)
  })

  it('throws flattenTree’s error for a tree that is not a pytree, after a known one', () => {
    const known = new KnownStructures()
    known.flatten('valueAndGrad', { w }, 0, 'params')
    expect(() => known.flatten('valueAndGrad', { w: 1 } as unknown as Params, 0, 'params')).toThrow(
      new StructureError(
        'valueAndGrad',
        'params.w is a number; pytrees hold Tensor leaves in plain objects and arrays',
      ),
    )
  })

  it('keeps one structure per argument index', () => {
    const known = new KnownStructures()
    const first = known.flatten('test', { w }, 0, 'args[0]')
    const second = known.flatten('test', [b], 1, 'args[1]')
    expect(known.flatten('test', { w: b }, 0, 'args[0]').treedef).toBe(first.treedef)
    expect(known.flatten('test', [w], 1, 'args[1]').treedef).toBe(second.treedef)
  })
})

describe('valueAndGrad called with params of changing structure', () => {
  it('gives each call the gradients in the structure of its own params', () => {
    const squares = (params: Record<string, Tensor>) =>
      Object.values(params)
        .map((x) => sum(mul(x, x)))
        .reduce((total, term) => add(total, term))
    const f = valueAndGrad(squares)
    const first = f({ a: tensor([1]), b: tensor([2]) })
    expect(Object.keys(first.grads)).toEqual(['a', 'b'])
    expect([first.grads.a!.toArray(), first.grads.b!.toArray()]).toEqual([[2], [4]])
    const swapped = f({ b: tensor([3]), a: tensor([5]) })
    expect(Object.keys(swapped.grads)).toEqual(['b', 'a'])
    expect([swapped.grads.b!.toArray(), swapped.grads.a!.toArray()]).toEqual([[6], [10]])
    const grown = f({ a: tensor([1]), b: tensor([2]), c: tensor([7]) })
    expect(grown.grads.c!.toArray()).toEqual([14])
    expect(grown.value.item()).toBe(54)
  })
})
