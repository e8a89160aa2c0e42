// Random bad trees: whatever is wrong and wherever it sits, every pytree
// function throws a StructureError naming a path, and leaves its input as it was.
import { StructureError } from '@gradstream/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ones } from '../index'
import { assertSameStructure } from './assertSameStructure'
import { asParams } from './asParams'
import { flattenTree, treeLeaves } from './flattenTree'
import { mapTree } from './mapTree'

type Node = unknown

const leaf = fc.constant(null).map(() => ones([1]))
const goodTree: fc.Arbitrary<Node> = fc.letrec<{ tree: Node }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.array(tie('tree'), { maxLength: 3 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 4 }), tie('tree'), { maxKeys: 3 }),
  ),
})).tree

const badLeaf = fc.oneof(
  fc.double(),
  fc.string(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(new Map()),
  fc.constant(new Date(0)),
)

/** Puts `bad` at a random place of a random good tree: as a leaf, as a cycle, or as deep nesting. */
const badTree = fc
  .tuple(
    goodTree,
    fc.oneof(
      badLeaf.map((v) => ({ kind: 'value', v })),
      fc.constant({ kind: 'cycle' }),
      fc.constant({ kind: 'deep' }),
    ),
  )
  .map(([tree, fault]) => {
    const root: Record<string, unknown> = { tree }
    let holder: Record<string, unknown> = root
    if (fault.kind === 'value') holder.bad = fault.v
    if (fault.kind === 'cycle') holder.bad = { back: root }
    if (fault.kind === 'deep') {
      for (let i = 0; i < 1500; i++) holder = (holder.next = {}) as Record<string, unknown>
      holder.w = ones([1])
    }
    return root
  })

/** A JSON-like copy of a tree's shape that tells whether it changed (tensors by identity). */
function snapshotOf(tree: unknown): unknown[] {
  const seen: unknown[] = []
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null || seen.includes(node)) return
    seen.push(node, Object.isFrozen(node), Object.keys(node).length)
    for (const child of Object.values(node)) {
      seen.push(child)
      walk(child)
    }
  }
  walk(tree)
  return seen
}

const calls: [string, (tree: unknown) => unknown][] = [
  ['flattenTree', (t) => flattenTree(asParams(t))],
  ['treeLeaves', (t) => treeLeaves(asParams(t))],
  ['mapTree', (t) => mapTree((x) => x, asParams(t))],
  ['assertSameStructure', (t) => assertSameStructure(asParams(t), asParams(t))],
]

describe.each(calls)('%s on a bad tree', (name, call) => {
  it('throws a StructureError naming a path under the tree, and changes nothing', () => {
    fc.assert(
      fc.property(badTree, (tree) => {
        const before = snapshotOf(tree)
        let error: unknown
        try {
          call(tree)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(StructureError)
        expect((error as Error).message).toMatch(new RegExp(`^${name}: (tree|a)\\.`))
        expect(snapshotOf(tree)).toEqual(before)
      }),
      { numRuns: 60 },
    )
  })
})
