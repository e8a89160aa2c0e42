import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError, einsum, matMul, tensor, transpose } from '../index'
import type { Tensor } from '../index'

/** Deterministic float64 values in [-2, 2) from a linear congruential generator. */
function randomTensor(shape: number[], seed: number): Tensor {
  let state = seed
  const size = shape.reduce((n, d) => n * d, 1)
  const values = Array.from({ length: size }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return (state / 2 ** 32) * 4 - 2
  })
  return tensor(values, shape, 'float64')
}

/** Row-major flat index of `coordinates` in `shape`. */
const flatIndex = (shape: readonly number[], coordinates: readonly number[]) =>
  coordinates.reduce((index, c, axis) => index * shape[axis]! + c, 0)

/** The definition, in float64: every assignment of the letters, each product added to its output element. */
function reference(inputs: string[], output: string, tensors: Tensor[]): { shape: number[]; values: number[] } {
  const sizes = new Map<string, number>()
  inputs.forEach((term, i) => [...term].forEach((letter, axis) => sizes.set(letter, tensors[i]!.shape[axis]!)))
  const letters = [...sizes.keys()]
  const outShape = [...output].map((letter) => sizes.get(letter)!)
  const out = new Array<number>(outShape.reduce((n, d) => n * d, 1)).fill(0)
  const data = tensors.map((t) => t.toFlatArray())
  const total = letters.reduce((n, letter) => n * sizes.get(letter)!, 1)
  for (let k = 0; k < total; k++) {
    const value = new Map<string, number>()
    letters.reduceRight((rest, letter) => {
      value.set(letter, rest % sizes.get(letter)!)
      return Math.floor(rest / sizes.get(letter)!)
    }, k)
    const at = (term: string) => [...term].map((letter) => value.get(letter)!)
    const product = inputs.reduce((p, term, i) => p * data[i]![flatIndex(tensors[i]!.shape, at(term))]!, 1)
    const o = flatIndex(outShape, at(output))
    out[o] = out[o]! + product
  }
  return { shape: outShape, values: out }
}

describe('einsum', () => {
  it.each([
    [
      'ij,jk->ik',
      [
        [2, 3],
        [3, 4],
      ],
    ],
    [
      'bij,bjk->bik',
      [
        [2, 3, 4],
        [2, 4, 5],
      ],
    ],
    [
      'bij,bkj->bik',
      [
        [2, 3, 4],
        [2, 5, 4],
      ],
    ],
    ['ij->ji', [[2, 3]]],
    [
      'ij,ij->i',
      [
        [3, 4],
        [3, 4],
      ],
    ],
    ['i,j->ij', [[3], [4]]],
    ['i,i->', [[5], [5]]],
    ['ii->i', [[3, 3]]],
    ['ii->', [[3, 3]]],
    ['ij->', [[2, 3]]],
    ['ij->j', [[2, 3]]],
    ['ab,b->a', [[3, 4], [4]]],
    [
      'ijk,jl->lki',
      [
        [2, 3, 4],
        [3, 2],
      ],
    ],
    [
      'iij,jk->ik',
      [
        [3, 3, 2],
        [2, 4],
      ],
    ],
    [
      'ij,kl->jl',
      [
        [2, 3],
        [4, 2],
      ],
    ],
    [
      'bij,jk->bik',
      [
        [2, 3, 4],
        [4, 2],
      ],
    ],
  ] as const)('%s matches the float64 definition', (equation, shapes) => {
    const tensors = shapes.map((shape, i) => randomTensor([...shape], i + 1))
    const [inputs, output] = equation.split('->') as [string, string]
    const out = einsum(equation, ...tensors)
    const expected = reference(inputs.split(','), output, tensors)
    expect(out.shape).toEqual(expected.shape)
    out.toFlatArray().forEach((v, i) => expect(v).toBeCloseTo(expected.values[i]!, 12))
  })

  it('uses the letters that appear once, alphabetically, without an output', () => {
    const a = randomTensor([2, 3], 1)
    const b = randomTensor([3, 4], 2)
    expect(einsum('ij,jk', a, b).toArray()).toEqual(einsum('ij,jk->ik', a, b).toArray())
    expect(einsum('ba', a).toArray()).toEqual(einsum('ba->ab', a).toArray())
    expect(einsum('ii', randomTensor([3, 3], 3)).shape).toEqual([])
  })

  it('ignores spaces, and equals matMul bit for bit in float32', () => {
    const a = tensor([
      [0.1, 0.2, 0.3],
      [1e-8, 1, -1],
    ])
    const b = tensor([[0.7], [0.11], [1e-8]])
    expect(einsum(' ij , jk -> ik ', a, b).toArray()).toEqual(matMul(a, b).toArray())
  })

  it('equals batched matMul and transpose bit for bit in float32, for any sizes (property)', () => {
    const size = fc.integer({ min: 0, max: 4 })
    fc.assert(
      fc.property(size, size, size, size, fc.integer({ min: 1, max: 1000 }), (b, m, k, n, seed) => {
        const x = tensor(randomTensor([b, m, k], seed).toFlatArray(), [b, m, k])
        const y = tensor(randomTensor([b, k, n], seed + 1).toFlatArray(), [b, k, n])
        expect(einsum('bij,bjk->bik', x, y).toArray()).toEqual(matMul(x, y).toArray())
        expect(einsum('bij,bkj->bik', x, x).toArray()).toEqual(matMul(x, x, false, true).toArray())
        expect(einsum('bij->jbi', x).toArray()).toEqual(transpose(x, [2, 0, 1]).toArray())
      }),
      { numRuns: 40 },
    )
  })

  it('keeps int32 and handles empty axes', () => {
    const a = tensor([[1, 2]], undefined, 'int32')
    expect(einsum('ij,ij->i', a, a).toArray()).toEqual([5])
    expect(einsum('ij,ij->i', a, a).dtype).toBe('int32')
    expect(einsum('ij,jk->ik', randomTensor([2, 0], 1), randomTensor([0, 3], 2)).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ])
  })

  it('refuses malformed equations with a ConfigError naming the fault', () => {
    const m = randomTensor([2, 2], 1)
    const cases: [string, Tensor[], string][] = [
      ['ij,jk,kl->il', [m, m, m], 'only one or two operands are supported, the equation names 3'],
      ['ij,jk->ik', [m], 'the equation names 2 operand(s) but 1 were given'],
      ['...ij->ij', [m], "ellipsis ('...') is not supported, in operand 0 '...ij'"],
      ['i1,jk->ik', [m, m], "subscripts must be letters a-z or A-Z, got '1' in operand 0 'i1'"],
      ['ij->ii', [m], "output letter 'i' repeats in 'ii'"],
      ['ij->ik', [m], "output letter 'k' names no input axis"],
      ['ij->i->j', [m], 'equation has more than one \'->\': "ij->i->j"'],
    ]
    for (const [equation, tensors, message] of cases) {
      expect(() => einsum(equation, ...tensors), equation).toThrow(new ConfigError('einsum', message))
    }
    expect(() => einsum(5 as never, m)).toThrow(new ConfigError('einsum', 'equation must be a string, got 5'))
  })

  it('refuses operands that do not fit the equation, naming the letter or the rank', () => {
    const a = randomTensor([2, 3], 1)
    expect(() => einsum('ijk->i', a)).toThrow(
      new ShapeError('einsum', "operand 0 has rank 2 but its subscripts 'ijk' name 3 axes"),
    )
    expect(() => einsum('ij,jk->ik', a, randomTensor([4, 2], 2))).toThrow(
      new ShapeError('einsum', "letter 'j' is 3 in operand 0 and 4 in operand 1"),
    )
    expect(() => einsum('ii->i', a)).toThrow(
      new ShapeError('einsum', "letter 'i' is 2 in operand 0 and 3 in operand 0"),
    )
    expect(() => einsum('ij,jk->ik', a, tensor([[1]], undefined, 'int32'))).toThrow(
      new DTypeError('einsum', 'dtypes differ: operand 0 is float64, operand 1 is int32'),
    )
    expect(() => einsum('i->i', tensor([true]))).toThrow(
      new DTypeError('einsum', 'operand 0 must have dtype float32 or float64 or int32, got bool'),
    )
    expect(() => einsum('i->i', [1] as never)).toThrow(
      new DTypeError('einsum', "argument 'operand 0' must be a Tensor, got an array"),
    )
    expect(a.toArray()).toEqual(randomTensor([2, 3], 1).toArray())
  })
})
