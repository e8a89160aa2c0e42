import { describe, expect, it } from 'vitest'
import { CheckpointError, StructureError } from '../errors'
import { childPath, rootedPath } from './paths'
import { describeNode } from './describeNode'
import { isPlainObject } from './isPlainObject'
import { MAX_TREE_DEPTH, WalkGuard } from './walkGuard'

/** A recursive walk over arrays and plain objects, as every tree walker in gradstream is written. */
function countNodes(tree: unknown, guard: WalkGuard): number {
  const visit = (node: unknown, depth: number, key?: string | number): number => {
    if (!Array.isArray(node) && !isPlainObject(node)) return 1
    guard.enter(node, depth, key)
    let count = 1
    for (const [k, child] of Object.entries(node)) count += visit(child, depth + 1, Array.isArray(node) ? Number(k) : k)
    return count
  }
  return visit(tree, 0)
}

function nested(depth: number): unknown {
  let tree: unknown = 1
  for (let i = 0; i < depth; i++) tree = { a: tree }
  return tree
}

describe('paths', () => {
  it('writes JavaScript accessors and quotes keys that are not identifiers', () => {
    expect(childPath(childPath(childPath('', 'layers'), 2), 'b')).toBe('layers[2].b')
    expect(childPath('', 'my key')).toBe('["my key"]')
    expect(rootedPath('params', 'layers[2].b')).toBe('params.layers[2].b')
    expect(rootedPath('grads', '[0]')).toBe('grads[0]')
    expect(rootedPath('params', '')).toBe('params')
  })
})

describe('describeNode', () => {
  it('names the kind of a value', () => {
    expect([0.1, 'x', null, undefined, [1], {}, new Map()].map(describeNode)).toEqual([
      'a number',
      'a string',
      'null',
      'undefined',
      'an array',
      'an object',
      'a Map',
    ])
  })
})

describe('isPlainObject', () => {
  it('accepts plain and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true)
    expect(isPlainObject(Object.create(null))).toBe(true)
    expect(isPlainObject([])).toBe(false)
    expect(isPlainObject(new Date())).toBe(false)
    expect(isPlainObject(null)).toBe(false)
  })
})

describe('WalkGuard', () => {
  it('lets a tree nested exactly to the limit through', () => {
    expect(countNodes(nested(MAX_TREE_DEPTH + 1), new WalkGuard('walk', 'tree'))).toBe(MAX_TREE_DEPTH + 2)
  })

  it('refuses nesting deeper than the limit, naming the start of the path, long before the stack runs out', () => {
    expect(() => countNodes(nested(100_000), new WalkGuard('walk', 'tree'))).toThrow(
      new StructureError('walk', 'tree.a.a.a.a.a.a… nests deeper than 1000 levels; a tree may nest at most 1000'),
    )
  })

  it('names both ends of a cycle', () => {
    const layer: Record<string, unknown> = { w: 1 }
    layer.self = layer
    expect(() => countNodes({ layers: [layer] }, new WalkGuard('walk', 'params'))).toThrow(
      new StructureError('walk', 'params.layers[0].self refers back to params.layers[0]; a tree may not hold cycles'),
    )
  })

  it('accepts a node shared by two branches (no cycle)', () => {
    const shared = { w: 1 }
    expect(countNodes({ a: shared, b: [shared] }, new WalkGuard('walk', 'tree'))).toBe(6)
  })

  it('throws the error class it is given', () => {
    const a: unknown[] = []
    a.push(a)
    expect(() => countNodes(a, new WalkGuard('resume', 'state', { error: CheckpointError }))).toThrow(
      new CheckpointError('resume', 'state[0] refers back to state; a tree may not hold cycles'),
    )
  })
})
