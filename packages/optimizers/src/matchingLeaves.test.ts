import { MAX_TREE_DEPTH } from '@gradstream/core'
import { scalar, tensor, treeLeaves, walkTrees } from '@gradstream/tensor'
import type { Params, Tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchingLeaves, rebuildLike } from './matchingLeaves'

const w = tensor([1, 2])
const b = scalar(3)

// Leaves compared by identity: toEqual would find any two tensors equal (their storage is private).
const identical = (a: readonly Tensor[][] | undefined, b: readonly Tensor[][] | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.length === b.length &&
    a.every((row, i) => row.length === b[i]!.length && row.every((leaf, k) => leaf === b[i]![k])))

describe('matchingLeaves', () => {
  it("gathers the leaves side by side in the first tree's leaf order, matching object keys by name", () => {
    const u = tensor([4, 5])
    const c = scalar(6)
    const positions = matchingLeaves([{ layers: [{ w, b }] }, { layers: [{ b: c, w: u }] }])
    expect(
      identical(positions, [
        [w, u],
        [b, c],
      ]),
    ).toBe(true)
  })

  it('accepts one tree, the same tensor at a place in both trees, and empty containers', () => {
    expect(identical(matchingLeaves([{ w, rest: [], none: {} }]), [[w]])).toBe(true)
    expect(identical(matchingLeaves([[w], [w]]), [[w, w]])).toBe(true)
  })

  it.each([
    ['a shape', { w }, { w: tensor([1, 2, 3]) }],
    ['a dtype', { w }, { w: tensor([1, 2], undefined, 'float64') }],
    ['a missing key', { w, b }, { w }],
    ['an extra key', { w }, { w, b }],
    ['another key', { w }, { v: w }],
    ['an array length', [w, b], [w]],
    ['an array for an object', { w }, [w]],
    ['a record for a leaf', { w }, { w: { w } }],
    ['a number for a leaf', { w }, { w: 1 }],
    ['a class instance', { w }, { w: new Map() }],
  ])('gives up on %s', (_, first, second) => {
    expect(matchingLeaves([first, second])).toBeUndefined()
  })

  it('gives up on a node that is not a pytree node, and on a cycle', () => {
    expect(matchingLeaves([{ w: null }])).toBeUndefined()
    expect(matchingLeaves([{ w: new Date(0) }])).toBeUndefined()
    const cyclic: { w: Tensor; self?: unknown } = { w }
    cyclic.self = cyclic
    expect(matchingLeaves([cyclic])).toBeUndefined()
    let deep: unknown = w
    for (let depth = 0; depth <= MAX_TREE_DEPTH; depth++) deep = [deep]
    expect(matchingLeaves([deep])).toBeUndefined()
  })

  it('accepts exactly the pairs that walkTrees accepts, with the leaves in its order', () => {
    const leaf = fc.constantFrom<unknown>(w, b, tensor([7, 8]), scalar(9, 'float64'), 1, null)
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: 'small', maxDepth: 3 },
        leaf,
        fc.array(tie('tree'), { maxLength: 3 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('tree'), { maxKeys: 3 }),
      ),
    }))
    fc.assert(
      fc.property(tree, tree, (first, second) => {
        let walked: Tensor[][] | undefined = []
        try {
          walkTrees('test', ['first', 'second'], [first, second], (leaves) => {
            const [x, y] = leaves as [Tensor, Tensor]
            if (x !== y && (x.dtype !== y.dtype || x.shape.join() !== y.shape.join())) throw new Error('leaf')
            walked!.push([x, y])
            return x
          })
        } catch {
          walked = undefined
        }
        expect(identical(matchingLeaves([first, second]), walked)).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})

describe('rebuildLike', () => {
  it('puts new leaves into the structure of the tree, in leaf order, leaving the tree untouched', () => {
    const params: Params = { layers: [{ w, b }], out: b }
    const [u, c, d] = [tensor([4, 5]), scalar(6), scalar(7)]
    const rebuilt = rebuildLike(params, [u, c, d])
    expect(Object.keys(rebuilt)).toEqual(['layers', 'out'])
    expect(identical([treeLeaves(rebuilt)], [[u, c, d]])).toBe(true)
    expect(identical([treeLeaves(params)], [[w, b, b]])).toBe(true)
  })
})
