import { describe, expect, it } from 'vitest'
import { ShapeError, Tensor, scalar, tensor } from './index'

describe('Tensor', () => {
  it('reports shape, dtype, size and rank', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ])
    expect(t).toBeInstanceOf(Tensor)
    expect(t.shape).toEqual([2, 3])
    expect(t.dtype).toBe('float32')
    expect(t.size).toBe(6)
    expect(t.rank).toBe(2)
  })

  it('has rank 0, size 1 and shape [] as a scalar', () => {
    const t = scalar(4)
    expect(t.shape).toEqual([])
    expect(t.size).toBe(1)
    expect(t.rank).toBe(0)
  })

  it('has size 0 when an axis is empty', () => {
    expect(tensor([[], []]).size).toBe(0)
    expect(tensor([[], []]).shape).toEqual([2, 0])
  })

  it('cannot be changed: shape, dtype and size are read-only and the shape is frozen', () => {
    const t = tensor([1, 2])
    expect(Object.isFrozen(t.shape)).toBe(true)
    expect(Reflect.set(t, 'size', 9)).toBe(false)
    expect(Reflect.set(t, 'shape', [5])).toBe(false)
    expect(Reflect.set(t, 'dtype', 'int32')).toBe(false)
    expect(Reflect.set(t.shape, 0, 7)).toBe(false)
    expect(t.shape).toEqual([2])
    expect(t.dtype).toBe('float32')
  })

  it('keeps its own copy of the shape it was given', () => {
    const shape = [2, 2]
    const t = tensor([1, 2, 3, 4], shape)
    shape[0] = 4
    expect(t.shape).toEqual([2, 2])
  })
})

describe('Tensor.toArray', () => {
  it('returns nested arrays in row-major order', () => {
    const t = tensor([1, 2, 3, 4, 5, 6], [2, 1, 3])
    expect(t.toArray()).toEqual([[[1, 2, 3]], [[4, 5, 6]]])
  })

  it('returns a plain number for a scalar and booleans for bool', () => {
    expect(scalar(2.5).toArray()).toBe(2.5)
    expect(tensor([true, false]).toArray()).toEqual([true, false])
    expect(scalar(true).toArray()).toBe(true)
  })

  it('returns a fresh copy that cannot change the tensor', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ])
    const first = t.toArray() as number[][]
    first[0]![0] = 99
    first.push([7, 7])
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ])
    expect(t.toArray()).not.toBe(t.toArray())
  })
})

describe('Tensor.dataSync', () => {
  it('returns the flat values in the typed array of the dtype', () => {
    expect(tensor([[1, 2]]).dataSync()).toEqual(new Float32Array([1, 2]))
    expect(tensor([1, 2], undefined, 'int32').dataSync()).toEqual(new Int32Array([1, 2]))
    expect(tensor([1, 2], undefined, 'float64').dataSync()).toEqual(new Float64Array([1, 2]))
    expect(tensor([true, false]).dataSync()).toEqual(new Uint8Array([1, 0]))
  })

  it('returns a copy: writing into it leaves the tensor unchanged', () => {
    const t = tensor([1, 2, 3])
    const data = t.dataSync()
    data[0] = 42
    data.fill(0)
    expect(t.toArray()).toEqual([1, 2, 3])
    expect(t.dataSync()).toEqual(new Float32Array([1, 2, 3]))
  })
})

describe('Tensor.toFlatArray', () => {
  it('returns plain numbers, bools as 0/1', () => {
    expect(
      tensor([
        [1, 2],
        [3, 4],
      ]).toFlatArray(),
    ).toEqual([1, 2, 3, 4])
    expect(tensor([true, false]).toFlatArray()).toEqual([1, 0])
  })

  it('returns a copy', () => {
    const t = tensor([1, 2])
    t.toFlatArray()[0] = 9
    expect(t.toFlatArray()).toEqual([1, 2])
  })
})

describe('Tensor.item', () => {
  it('returns the value of a one-element tensor of any rank', () => {
    expect(scalar(3).item()).toBe(3)
    expect(tensor([[0.5]]).item()).toBe(0.5)
    expect(scalar(true).item()).toBe(1)
  })

  it('throws naming the shape when there is not exactly one element', () => {
    expect(() => tensor([1, 2]).item()).toThrow(
      new ShapeError('item', 'the tensor must have exactly one element, got shape [2]'),
    )
    expect(() => tensor([[], []]).item()).toThrow('item: the tensor must have exactly one element, got shape [2, 0]')
  })
})

describe('toEqual on tensors', () => {
  it('compares dtype, shape and values', () => {
    expect(tensor([1, 2])).toEqual(tensor([1, 2]))
    expect(tensor([1, NaN])).toEqual(tensor([1, NaN]))
    expect(tensor([1, 2])).not.toEqual(tensor([1, 3]))
    expect(tensor([1, 2])).not.toEqual(tensor([[1, 2]]))
    expect(tensor([1, 2])).not.toEqual(tensor([1, 2], undefined, 'int32'))
  })
})
