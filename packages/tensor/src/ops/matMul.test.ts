import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, matMul, ones, reshape, tensor, transpose, zeros } from '../index'
import type { NestedArray, Tensor } from '../index'

const f32 = Math.fround
const int32 = (values: NestedArray) => tensor(values, undefined, 'int32')
const float64 = (values: NestedArray) => tensor(values, undefined, 'float64')

/** Deterministic float32 values in [-1, 1) from a linear congruential generator. */
function randomTensor(shape: number[], seed: number): Tensor {
  let state = seed
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return f32(state / 2 ** 31 - 1)
  })
  return tensor(values, shape)
}

/**
 * Batched float32 matMul written out: batch axes broadcast like numpy, and each
 * output is the sequential sum over k from 0, rounded after every product and add.
 */
function referenceMatMul(a: Tensor, b: Tensor): { shape: number[]; values: number[] } {
  const [m, k] = a.shape.slice(-2) as [number, number]
  const n = b.shape[b.rank - 1]!
  const rank = Math.max(a.rank, b.rank) - 2
  const pad = (t: Tensor) => [...new Array<number>(rank - (t.rank - 2)).fill(1), ...t.shape.slice(0, -2)]
  const [aBatch, bBatch] = [pad(a), pad(b)]
  const outBatch = aBatch.map((d, i) => (d === 1 ? bBatch[i]! : d))
  const batchOffset = (dims: number[], coords: number[]) =>
    coords.reduce((index, c, i) => index * dims[i]! + (dims[i] === 1 ? 0 : c), 0)
  const [av, bv] = [a.toFlatArray(), b.toFlatArray()]
  const values: number[] = []
  const batches = outBatch.reduce((s, d) => s * d, 1)
  for (let batch = 0; batch < batches; batch++) {
    const coords = outBatch.map((d, i) => Math.floor(batch / outBatch.slice(i + 1).reduce((s, e) => s * e, 1)) % d)
    const aStart = batchOffset(aBatch, coords) * m * k
    const bStart = batchOffset(bBatch, coords) * k * n
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0
        for (let p = 0; p < k; p++) acc = f32(acc + f32(av[aStart + i * k + p]! * bv[bStart + p * n + j]!))
        values.push(acc)
      }
    }
  }
  return { shape: [...outBatch, m, n], values }
}

const A = () =>
  tensor([
    [1, 2, 3],
    [4, 5, 6],
  ])
const B = () =>
  tensor([
    [7, 8],
    [9, 10],
    [11, 12],
  ])
const AB = [
  [58, 64],
  [139, 154],
]

describe('matMul', () => {
  it('reproduces the seed: matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])', () => {
    const v1 = tensor([
      [1, 2],
      [3, 4],
    ])
    const v2 = tensor([
      [5, 6],
      [7, 8],
    ])
    expect(matMul(v1, v2).toArray()).toEqual([
      [19, 22],
      [43, 50],
    ])
  })

  it('multiplies [2, 3] by [3, 2] and a row by a column', () => {
    expect(matMul(A(), B()).toArray()).toEqual(AB)
    expect(matMul(tensor([[1, 2]]), tensor([[3], [4]])).toArray()).toEqual([[11]])
    expect(matMul(tensor([[3], [4]]), tensor([[1, 2]])).toArray()).toEqual([
      [3, 6],
      [4, 8],
    ])
  })

  it('transposes a, b or both first', () => {
    const aT = tensor([
      [1, 4],
      [2, 5],
      [3, 6],
    ])
    const bT = tensor([
      [7, 9, 11],
      [8, 10, 12],
    ])
    expect(matMul(aT, B(), true).toArray()).toEqual(AB)
    expect(matMul(A(), bT, false, true).toArray()).toEqual(AB)
    expect(matMul(aT, bT, true, true).toArray()).toEqual(AB)
  })

  it('sums each output sequentially in float32, matching a reference loop bit for bit', () => {
    const a = randomTensor([5, 37], 1)
    const b = randomTensor([37, 4], 2)
    const expected = referenceMatMul(a, b)
    const out = matMul(a, b)
    expect(out.shape).toEqual(expected.shape)
    expect(out.toFlatArray()).toEqual(expected.values)
    // the data is one where summing in double and rounding once gives different bits
    const av = a.toFlatArray()
    const bv = b.toFlatArray()
    const roundedOnce = expected.values.map((_, o) => {
      const [i, j] = [Math.floor(o / 4), o % 4]
      return f32(Array.from({ length: 37 }, (_, p) => av[i * 37 + p]! * bv[p * 4 + j]!).reduce((s, x) => s + x, 0))
    })
    expect(roundedOnce).not.toEqual(expected.values)
  })

  it('gives the same bits whichever operand is stored transposed', () => {
    const a = randomTensor([3, 20], 3)
    const b = randomTensor([20, 6], 4)
    const plain = matMul(a, b).toFlatArray()
    expect(matMul(transpose(a), b, true).toFlatArray()).toEqual(plain)
    expect(matMul(a, transpose(b), false, true).toFlatArray()).toEqual(plain)
    expect(matMul(transpose(a), transpose(b), true, true).toFlatArray()).toEqual(plain)
  })

  it('differs from double summation where float32 sequential sums do', () => {
    const out = matMul(tensor([[1e8, 1, -1e8, 1]]), ones([4, 1]))
    expect(out.toArray()).toEqual([[1]]) // double summation gives 2
    expect(matMul(float64([[1e8, 1, -1e8, 1]]), ones([4, 1], 'float64')).toArray()).toEqual([[2]])
  })

  it('multiplies batches of rank 3 pairwise', () => {
    const a = randomTensor([2, 2, 3], 5)
    const b = randomTensor([2, 3, 2], 6)
    const expected = referenceMatMul(a, b)
    const out = matMul(a, b)
    expect(out.shape).toEqual([2, 2, 2])
    expect(out.toFlatArray()).toEqual(expected.values)
  })

  it('broadcasts a rank-2 operand across the batches of the other', () => {
    const a = randomTensor([3, 2, 4], 7)
    const b = randomTensor([4, 5], 8)
    expect(matMul(a, b).shape).toEqual([3, 2, 5])
    expect(matMul(a, b).toFlatArray()).toEqual(referenceMatMul(a, b).values)
    const c = randomTensor([2, 3], 9)
    const d = randomTensor([4, 3, 2], 10)
    expect(matMul(c, d).shape).toEqual([4, 2, 2])
    expect(matMul(c, d).toFlatArray()).toEqual(referenceMatMul(c, d).values)
  })

  it('broadcasts batch axes of length 1: [2, 1, 2, 3] with [3, 3, 2]', () => {
    const a = randomTensor([2, 1, 2, 3], 11)
    const b = randomTensor([3, 3, 2], 12)
    const expected = referenceMatMul(a, b)
    expect(expected.shape).toEqual([2, 3, 2, 2])
    const out = matMul(a, b)
    expect(out.shape).toEqual(expected.shape)
    expect(out.toFlatArray()).toEqual(expected.values)
  })

  it('transposes every batch', () => {
    const a = randomTensor([2, 3, 2], 13)
    const b = randomTensor([2, 4, 3], 14)
    const expected = referenceMatMul(transpose(a, [0, 2, 1]), transpose(b, [0, 2, 1]))
    expect(matMul(a, b, true, true).shape).toEqual([2, 2, 4])
    expect(matMul(a, b, true, true).toFlatArray()).toEqual(expected.values)
  })

  // m * n * k at or above 32 ** 3 takes the register-blocked float32 loop; it must give the same bits.
  it.each([
    [33, 40, 35],
    [3, 20, 600],
    [64, 32, 17],
  ])('keeps the sequential float32 bits on large products [%i, %i] x [%i, ...]', (m, k, n) => {
    const a = randomTensor([m, k], m + k)
    const b = randomTensor([k, n], k + n)
    expect(matMul(a, b).toFlatArray()).toEqual(referenceMatMul(a, b).values)
    expect(matMul(transpose(a), transpose(b), true, true).toFlatArray()).toEqual(referenceMatMul(a, b).values)
  })

  it('keeps the sequential float32 bits on large batched products with broadcast batches', () => {
    const a = randomTensor([2, 1, 34, 33], 21)
    const b = randomTensor([3, 33, 37], 22)
    const expected = referenceMatMul(a, b)
    expect(matMul(a, b).shape).toEqual([2, 3, 34, 37])
    expect(matMul(a, b).toFlatArray()).toEqual(expected.values)
  })

  it('propagates NaN and Infinity through large products', () => {
    const values = randomTensor([40, 40], 23).toFlatArray()
    values[5] = NaN
    values[40 * 7 + 3] = Infinity
    const a = tensor(values, [40, 40])
    const b = randomTensor([40, 41], 24)
    const out = matMul(a, b).toArray() as number[][]
    expect(out[0]!.every(Number.isNaN)).toBe(true)
    expect(out[7]!.every((v) => !Number.isFinite(v))).toBe(true)
    expect(matMul(a, b).toFlatArray()).toEqual(referenceMatMul(a, b).values)
  })

  it('wraps around on int32 overflow and keeps int32', () => {
    expect(matMul(int32([[1, 2]]), int32([[3], [4]])).toArray()).toEqual([[11]])
    expect(matMul(int32([[1, 2]]), int32([[3], [4]])).dtype).toBe('int32')
    expect(matMul(int32([[65536, 1]]), int32([[65536], [7]])).toArray()).toEqual([[7]])
  })

  it('propagates NaN to the rows and columns it touches', () => {
    const out = matMul(
      tensor([
        [NaN, 0],
        [1, 1],
      ]),
      tensor([
        [1, 1],
        [1, 1],
      ]),
    )
    expect(out.toArray()).toEqual([
      [NaN, NaN],
      [2, 2],
    ])
    expect(matMul(tensor([[0]]), tensor([[Infinity]])).toArray()).toEqual([[NaN]])
  })

  it('handles empty dimensions', () => {
    expect(matMul(zeros([2, 0]), zeros([0, 3])).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
    expect(matMul(zeros([0, 2]), zeros([0, 3]), true).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
    expect(matMul(zeros([0, 3]), ones([3, 2])).shape).toEqual([0, 2])
  })

  it('throws naming both shapes when the inner dimensions differ', () => {
    const a = A()
    const b = tensor([[1], [2]])
    expect(() => matMul(a, b)).toThrow(new ShapeError('matMul', 'inner dimensions differ: a is [2, 3], b is [2, 1]'))
    expect(() => matMul(a, B(), false, true)).toThrow(
      new ShapeError('matMul', 'inner dimensions differ: a is [2, 3], b is [3, 2] (transposeA false, transposeB true)'),
    )
    expect(a.toArray()).toEqual(A().toArray())
    expect(b.toArray()).toEqual([[1], [2]])
  })

  it('throws naming both shapes when the batch axes do not broadcast', () => {
    expect(() => matMul(ones([2, 2, 3]), ones([3, 3, 2]))).toThrow(
      new ShapeError('matMul', 'batch dimensions do not broadcast: a is [2, 2, 3], b is [3, 3, 2]'),
    )
  })

  it('throws when an operand is a scalar', () => {
    expect(() => matMul(tensor(2), B())).toThrow(
      new ShapeError('matMul', 'both operands must have rank >= 1: a is [], b is [3, 2]'),
    )
  })

  it('throws naming both dtypes when they differ, and on bool', () => {
    expect(() => matMul(A(), int32([[1], [2], [3]]))).toThrow(
      new DTypeError('matMul', 'dtypes differ: a is float32, b is int32'),
    )
    expect(() => matMul(tensor([[true]]), tensor([[true]]))).toThrow(
      new DTypeError('matMul', 'a must have dtype float32 or float64 or int32, got bool'),
    )
  })

  it('throws when an operand is not a Tensor', () => {
    expect(() => matMul([[1]] as never, A())).toThrow(
      new DTypeError('matMul', "argument 'a' must be a Tensor, got an array"),
    )
    expect(() => matMul(A(), 'b' as never)).toThrow(
      new DTypeError('matMul', 'argument \'b\' must be a Tensor, got "b"'),
    )
  })

  it('leaves its inputs untouched', () => {
    const a = A()
    const b = B()
    matMul(a, b)
    matMul(b, a, true, true)
    expect(a.toArray()).toEqual(A().toArray())
    expect(b.toArray()).toEqual(B().toArray())
  })
})

describe('matMul argument checks', () => {
  it('refuses transpose flags that are not booleans, naming the flag', () => {
    const a = tensor([[1, 2]])
    const b = tensor([[3], [4]])
    expect(() => matMul(a, b, 'yes' as unknown as boolean)).toThrow(
      new ConfigError('matMul', 'transposeA must be a boolean, got "yes"'),
    )
    expect(() => matMul(a, b, false, 1 as unknown as boolean)).toThrow(
      new ConfigError('matMul', 'transposeB must be a boolean, got 1'),
    )
  })

  it('refuses a batched product too large to allocate before computing it', () => {
    const a = zeros([50_000, 1, 1, 1])
    const b = zeros([1, 50_000, 1, 1])
    expect(() => matMul(a, b)).toThrow(ShapeError)
    expect(() => matMul(a, b)).toThrow(/matMul: shape \[50000, 50000, 1, 1\] has 2500000000 elements/)
  })
})

describe('matMul with a vector operand (numpy matmul)', () => {
  /** Float64 reference of a promoted product: rows of a (or a itself) times columns of b (or b itself). */
  function reference(a: number[][], b: number[][]): number[][] {
    return a.map((row) => b[0]!.map((_, j) => row.reduce((acc, v, p) => acc + v * b[p]![j]!, 0)))
  }
  const rows = (t: Tensor) => t.toArray() as number[][]
  const column = (t: Tensor) => (t.toArray() as number[]).map((v) => [v])

  it('takes a vector a as a row and drops that axis: [k]·[k, n] is [n]', () => {
    const a = randomTensor([5], 1)
    const b = randomTensor([5, 3], 2)
    const out = matMul(a, b)
    expect(out.shape).toEqual([3])
    const expected = reference([a.toArray() as number[]], rows(b))[0]!
    ;(out.toArray() as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
  })

  it('takes a vector b as a column and drops that axis: [m, k]·[k] is [m]', () => {
    const a = randomTensor([4, 5], 3)
    const b = randomTensor([5], 4)
    const out = matMul(a, b)
    expect(out.shape).toEqual([4])
    const expected = reference(rows(a), column(b)).map((r) => r[0]!)
    ;(out.toArray() as number[]).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5))
  })

  it('gives the scalar inner product of two vectors, summed sequentially in float32', () => {
    const a = tensor([1, 2 ** -24, 2 ** -24])
    const b = tensor([1, 1, 1])
    const out = matMul(a, b)
    expect(out.shape).toEqual([])
    expect(out.item()).toBe(1)
    expect(matMul(tensor([1, 2, 3]), tensor([4, 5, 6])).item()).toBe(32)
  })

  it('equals the product with the vector promoted by hand, bit for bit', () => {
    const a = randomTensor([7], 5)
    const b = randomTensor([7, 6], 6)
    expect(matMul(a, b).toArray()).toEqual((matMul(reshape(a, [1, 7]), b).toArray() as number[][])[0])
    expect(matMul(b, randomTensor([7], 7), true).shape).toEqual([6])
  })

  it('broadcasts a vector over the batches of the other operand', () => {
    const a = randomTensor([3], 8)
    const b = randomTensor([2, 3, 4], 9)
    expect(matMul(a, b).shape).toEqual([2, 4])
    expect(matMul(b, randomTensor([4], 10)).shape).toEqual([2, 3])
    const bT = randomTensor([2, 4, 3], 11)
    expect(matMul(bT, a).shape).toEqual([2, 4])
  })

  it('handles empty vectors: the inner product of two empty vectors is 0', () => {
    expect(matMul(zeros([0]), zeros([0])).item()).toBe(0)
    expect(matMul(zeros([0]), zeros([0, 2])).toArray()).toEqual([0, 0])
  })

  it('refuses a transpose flag on a vector and names mismatched shapes as given', () => {
    const v = tensor([1, 2])
    expect(() => matMul(v, tensor([[1], [2]]), true)).toThrow(
      new ConfigError('matMul', 'transposeA must be false when a is a vector'),
    )
    expect(() => matMul(tensor([[1, 2]]), v, false, true)).toThrow(
      new ConfigError('matMul', 'transposeB must be false when b is a vector'),
    )
    expect(() => matMul(v, tensor([1, 2, 3]))).toThrow(
      new ShapeError('matMul', 'inner dimensions differ: a is [2], b is [3]'),
    )
    expect(v.toArray()).toEqual([1, 2])
  })
})
