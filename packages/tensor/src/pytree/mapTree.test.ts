import { add, ones, scalar, tensor, zeros } from '../index'
import type { Tensor } from '../index'
import { describe, expect, it } from 'vitest'
import { StructureError } from '@gradstream/core'
import { mapTree } from './mapTree'
import type { Params } from './PyTree'
import { asParams } from './asParams'

const params = {
  w1: tensor([1, 2]),
  layers: [
    { w: tensor([3]), b: tensor([4]) },
    { w: tensor([5]), b: tensor([6]) },
  ],
}

describe('mapTree', () => {
  it('maps every leaf and keeps the structure', () => {
    const doubled = mapTree((x) => add(x, x), params)
    expect(doubled.w1.toArray()).toEqual([2, 4])
    expect(doubled.layers[1]!.b.toArray()).toEqual([12])
    expect(Object.keys(doubled)).toEqual(['w1', 'layers'])
    expect(doubled.layers).toHaveLength(2)
  })

  it('passes the leaves of the other trees at the same place', () => {
    const other = {
      layers: [
        { b: tensor([40]), w: tensor([30]) },
        { w: tensor([50]), b: tensor([60]) },
      ],
      w1: tensor([10, 20]),
    }
    const sum = mapTree((a, b) => add(a, b), params, other)
    expect(sum.w1.toArray()).toEqual([11, 22])
    expect(sum.layers[0]!.b.toArray()).toEqual([44])
    expect(Object.keys(sum.layers[0]!)).toEqual(['w', 'b']) // the first tree's key order
  })

  it('gives each leaf its path, and the empty path for a root leaf', () => {
    const paths: string[] = []
    mapTree((x, path) => (paths.push(path), x), params)
    expect(paths).toEqual(['w1', 'layers[0].w', 'layers[0].b', 'layers[1].w', 'layers[1].b'])
    expect(mapTree((_x, path) => path, scalar(1))).toBe('')
    expect(mapTree((_x, path) => path, { 'my key': [ones([1])] })).toEqual({ 'my key': ['["my key"][0]'] })
  })

  it('maps to other leaf types', () => {
    expect(mapTree((x) => x.shape, { a: zeros([2, 3]), b: [zeros([])] })).toEqual({ a: [2, 3], b: [[]] })
  })

  it('leaves its inputs untouched', () => {
    const tree = { a: [tensor([1])] }
    mapTree((x) => add(x, 1), tree)
    expect(tree.a[0]!.toArray()).toEqual([1])
  })

  it('names the path of a missing key', () => {
    const other = { w1: tensor([1, 2]), layers: [{ w: tensor([3]), b: tensor([4]) }, { w: tensor([5]) }] }
    expect(() => mapTree((a, b) => add(a, b), params, other as Params)).toThrow(
      new StructureError('mapTree', 'tree.layers[1].b is a Tensor but others[0].layers[1].b is missing'),
    )
  })

  it('names the path of an extra key', () => {
    const other = { w1: tensor([1, 2]), layers: params.layers, extra: tensor([0]) }
    expect(() => mapTree((a, b) => add(a, b), params, other)).toThrow(
      'mapTree: tree.extra is missing but others[0].extra is a Tensor',
    )
  })

  it('names the path where arrays differ in length or kinds differ', () => {
    const short = { w1: tensor([1, 2]), layers: [params.layers[0]!] }
    expect(() => mapTree((a, b) => add(a, b), params, short)).toThrow(
      'mapTree: tree.layers has 2 items but others[0].layers has 1',
    )
    const wrongKind = { w1: [tensor([1, 2])], layers: params.layers }
    expect(() => mapTree((a, b) => add(a, b), params, wrongKind)).toThrow(
      'mapTree: tree.w1 is a Tensor but others[0].w1 is an array',
    )
    expect(() => mapTree((a, _b, c) => add(a, c), params, params, { ...params, w1: { x: ones([1]) } })).toThrow(
      'mapTree: tree.w1 is a Tensor but others[1].w1 is an object',
    )
  })

  it('rejects values that are neither tensors nor plain objects or arrays', () => {
    const bad = asParams({ lr: 0.1, w: ones([1]) })
    expect(() => mapTree((x) => x, bad)).toThrow(
      'mapTree: tree.lr is a number; pytrees hold Tensor leaves in plain objects and arrays',
    )
    expect(() => mapTree((x) => x, asParams([null]))).toThrow('mapTree: tree[0] is null;')
    expect(() => mapTree((x) => x, asParams({ m: new Map() }))).toThrow('mapTree: tree.m is a Map;')
  })

  it('maps empty nodes to empty nodes', () => {
    expect(mapTree((x: Tensor) => x, { a: [], b: {} })).toEqual({ a: [], b: {} })
  })
})
