import { StructureError } from '@gradstream/core'
import { tensor } from '@gradstream/tensor'
import { freeze } from 'immer'
import { describe, expect, it } from 'vitest'
import { deepFreeze } from './deepFreeze'
import { shareGuard, shareUnchanged } from './shareUnchanged'

const w = tensor([1, 2])
const b = tensor([3])

describe('shareUnchanged', () => {
  it('returns the previous tensor for one with the same dtype, shape and bits', () => {
    expect(shareUnchanged(w, tensor([1, 2]))).toBe(w)
    const changed = tensor([1, 2.5])
    expect(shareUnchanged(w, changed)).toBe(changed)
    const negativeZero = tensor([-0])
    expect(shareUnchanged(tensor([0]), negativeZero)).toBe(negativeZero)
  })

  it('returns the previous tree when every part is unchanged', () => {
    const prev = freeze({ w, layers: [{ b }], count: 3 }, true)
    expect(shareUnchanged(prev, { w: tensor([1, 2]), layers: [{ b: tensor([3]) }], count: 3 })).toBe(prev)
  })

  it('keeps the unchanged parts of a changed tree and freezes the new nodes', () => {
    const prev = freeze({ w, frozen: { b }, layers: [{ b }, { b }], count: 3 }, true)
    const next = { w: tensor([0, 2]), frozen: { b: tensor([3]) }, layers: [{ b: tensor([3]) }, { b: w }], count: 4 }
    const shared = shareUnchanged(prev, next)
    expect(shared.w).toBe(next.w)
    expect(shared.frozen).toBe(prev.frozen)
    expect(shared.layers[0]).toBe(prev.layers[0])
    expect(shared.layers[1]!.b).toBe(w)
    expect(shared.count).toBe(4)
    expect([shared, shared.layers, shared.layers[1]].every((node) => Object.isFrozen(node))).toBe(true)
  })

  it('treats added or removed keys as a change', () => {
    const prev = freeze({ w }, true)
    expect(shareUnchanged<Record<string, unknown>>(prev, { w, b })).toEqual({ w, b })
    expect(shareUnchanged<Record<string, unknown>>(freeze({ w, b }, true), { w })).toEqual({ w })
    expect(shareUnchanged<Record<string, unknown>>(prev, { w, b: undefined })).not.toBe(prev)
  })

  it('deep-freezes a part that has no counterpart of its kind in the previous tree', () => {
    const next: { state: { mu: { w: unknown } } | undefined } = { state: { mu: { w } } }
    const shared = shareUnchanged<typeof next>({ state: undefined }, next)
    expect(Object.isFrozen(shared.state)).toBe(true)
    expect(Object.isFrozen(shared.state!.mu)).toBe(true)
  })

  it('refuses a cycle in the new tree with a StructureError naming the path', () => {
    const mu: Record<string, unknown> = { w }
    mu.again = mu
    expect(() => shareUnchanged({ mu: { w } }, { mu })).toThrow(
      new StructureError('shareUnchanged', 'next.mu.again refers back to next.mu; a tree may not hold cycles'),
    )
  })

  it('walks as before with one guard reused by every walk, a deeper one first', () => {
    const guard = shareGuard()
    const deep = { a: { b: { c: { w } } } }
    expect(shareUnchanged(deep, { a: { b: { c: { w: tensor([1, 2]) } } } }, guard)).toBe(deep)
    const prev = { mu: { w }, count: 1 }
    const shared = shareUnchanged(prev, { mu: { w: tensor([1, 2]) }, count: 2 }, guard)
    expect(shared).toEqual({ mu: { w }, count: 2 })
    expect(shared.mu).toBe(prev.mu)
    const mu: Record<string, unknown> = { w }
    mu.again = mu
    expect(() => shareUnchanged({ mu: { w } }, { mu }, guard)).toThrow(
      new StructureError('shareUnchanged', 'next.mu.again refers back to next.mu; a tree may not hold cycles'),
    )
  })
})

describe('deepFreeze', () => {
  it('freezes plain objects and arrays at every depth, also below a frozen node', () => {
    const inner = { mu: [w] }
    const tree = Object.freeze({ state: inner })
    expect(deepFreeze(tree)).toBe(tree)
    expect(Object.isFrozen(inner) && Object.isFrozen(inner.mu)).toBe(true)
  })

  it('refuses nesting deeper than a tree may instead of overflowing the stack', () => {
    let deep: unknown = w
    for (let i = 0; i < 20_000; i++) deep = [deep]
    expect(() => deepFreeze(deep)).toThrow(
      new StructureError(
        'deepFreeze',
        'value[0][0][0][0][0][0]… nests deeper than 1000 levels; a tree may nest at most 1000',
      ),
    )
  })
})
