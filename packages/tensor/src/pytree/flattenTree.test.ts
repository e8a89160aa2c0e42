import { mul, ones, tensor, zeros } from '../index'
import type { Tensor } from '../index'
import { describe, expect, it } from 'vitest'
import { flattenTree, treeLeaves, treePaths, unflattenTree } from './flattenTree'
import { asParams } from './asParams'

const tree: { w: Tensor; layers: [{ b: Tensor }, { b: Tensor; c: Tensor[] }] } = {
  w: tensor([1, 2]),
  layers: [{ b: tensor([3]) }, { b: tensor([4]), c: [tensor([5])] }],
}

describe('flattenTree', () => {
  it('lists leaves depth first with keys in insertion order', () => {
    const { leaves, treedef } = flattenTree(tree)
    expect(leaves.map((x) => x.toArray())).toEqual([[1, 2], [3], [4], [5]])
    expect(leaves[0]).toBe(tree.w)
    expect(treedef.numLeaves).toBe(4)
    expect(treedef.paths).toEqual(['w', 'layers[0].b', 'layers[1].b', 'layers[1].c[0]'])
  })

  it('treats a lone tensor as a tree with one leaf at the empty path', () => {
    const { leaves, treedef } = flattenTree(ones([2]))
    expect(leaves).toHaveLength(1)
    expect(treedef.paths).toEqual([''])
  })

  it('names the path of a value that is not a tensor or node', () => {
    expect(() => flattenTree(asParams({ a: [ones([1]), 'x'] }))).toThrow(
      'flattenTree: tree.a[1] is a string; pytrees hold Tensor leaves in plain objects and arrays',
    )
    expect(() => flattenTree(asParams({ a: undefined }))).toThrow('flattenTree: tree.a is undefined;')
  })
})

describe('unflattenTree', () => {
  it('rebuilds the structure around new leaves', () => {
    const { leaves, treedef } = flattenTree(tree)
    const doubled = unflattenTree(
      treedef,
      leaves.map((x) => mul(x, 2)),
    )
    expect(doubled.w.toArray()).toEqual([2, 4])
    expect(doubled.layers[1].c[0]!.toArray()).toEqual([10])
    expect(Object.keys(doubled.layers[1]!)).toEqual(['b', 'c'])
  })

  it('rebuilds with non-tensor leaves', () => {
    const { leaves, treedef } = flattenTree(tree)
    expect(
      unflattenTree(
        treedef,
        leaves.map((x) => x.size),
      ),
    ).toEqual({ w: 2, layers: [{ b: 1 }, { b: 1, c: [1] }] })
  })

  it('throws when the number of leaves differs', () => {
    const { treedef } = flattenTree(tree)
    expect(() => unflattenTree(treedef, [ones([1])])).toThrow('unflattenTree: the structure holds 4 leaves, got 1')
  })
})

describe('treeLeaves', () => {
  it('returns the leaves in flatten order', () => {
    const leaves: Tensor[] = treeLeaves(tree)
    expect(leaves.map((x) => x.size)).toEqual([2, 1, 1, 1])
    expect(treeLeaves([])).toEqual([])
  })
})

describe('treePaths', () => {
  it('quotes keys that are not identifiers', () => {
    expect(treePaths({ 'layer 1': { w: zeros([1]) }, list: [ones([1]), ones([1])] })).toEqual([
      '["layer 1"].w',
      'list[0]',
      'list[1]',
    ])
    expect(treePaths([{ a: ones([1]) }])).toEqual(['[0].a'])
  })
})
