import { beforeAll, describe, expect, it, vi } from 'vitest'
import * as gs from './index'

// A second copy of the package, as an application gets when one dependency
// loads the ESM build and another the CommonJS build: its own module instance,
// so its own Tensor class and its own private storage.
let other: typeof gs

beforeAll(async () => {
  vi.resetModules()
  other = await import('./index')
})

describe('a tensor made by another copy of @gradstream/tensor', () => {
  it('comes from a distinct Tensor class', () => {
    expect(other.Tensor).not.toBe(gs.Tensor)
    expect(Object.getPrototypeOf(other.tensor([1])) === gs.Tensor.prototype).toBe(false)
  })

  it('is a Tensor to this copy, and this copy’s tensors are Tensors to it', () => {
    expect(other.tensor([1, 2]) instanceof gs.Tensor).toBe(true)
    expect(gs.tensor([1, 2]) instanceof other.Tensor).toBe(true)
  })

  it('goes through this copy’s ops, which return this copy’s tensors and leave it as it was', () => {
    const foreign = other.tensor([
      [1, 2],
      [3, 4],
    ])
    const product = gs.matMul(foreign, gs.tensor([[1], [10]]))
    expect(Object.getPrototypeOf(product)).toBe(gs.Tensor.prototype)
    expect(product.toArray()).toEqual([[21], [43]])
    expect(gs.slice(foreign, [1, 0], [1, 2]).toArray()).toEqual([[3, 4]])
    expect(gs.add(foreign, 0.5).toArray()).toEqual([
      [1.5, 2.5],
      [3.5, 4.5],
    ])
    expect(foreign.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
  })

  it('keeps its dtype and exact bits', () => {
    const ints = gs.reshape(other.tensor([2147483647, -7], undefined, 'int32'), [2, 1])
    expect([ints.dtype, Array.from(ints.dataSync())]).toEqual(['int32', [2147483647, -7]])
    const floats = gs.reshape(other.tensor([1e-45, -0]), [1, 2]).dataSync()
    expect(floats[0]).toBe(Math.fround(1e-45))
    expect(Object.is(floats[1], -0)).toBe(true)
  })

  it('is a leaf of this copy’s pytrees', () => {
    const foreign = other.tensor([1, 2])
    const { leaves } = gs.flattenTree({ w: foreign, b: [gs.tensor(3)] })
    expect(leaves).toHaveLength(2)
    expect(leaves).toContain(foreign)
  })

  it('is told apart from values that only look like one', () => {
    expect(({ shape: [1], dtype: 'float32' } as unknown) instanceof gs.Tensor).toBe(false)
    expect((1 as unknown) instanceof gs.Tensor).toBe(false)
    expect((null as unknown) instanceof gs.Tensor).toBe(false)
    // The brand without the public dataSync it is read through: not a tensor this copy can use.
    expect(({ [Symbol.for('@gradstream/tensor')]: true } as unknown) instanceof gs.Tensor).toBe(false)
  })
})
