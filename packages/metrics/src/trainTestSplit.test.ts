import { ConfigError, DTypeError, ShapeError } from '@gradstream/core'
import { range, tensor } from '@gradstream/tensor'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { trainTestSplit } from './trainTestSplit'

const i32 = (values: number[]) => tensor(values, undefined, 'int32')
const rowsOf = (n: number) => i32(Array.from({ length: n }, (_, i) => i))

describe('trainTestSplit', () => {
  it("splits numpy's RandomState(seed).permutation: the first ceil(fraction · rows) to test, as sklearn", () => {
    // numpy: np.random.RandomState(7).permutation(12) == [7, 10, 2, 5, 0, 1, 11, 8, 3, 6, 9, 4]
    const { train, test } = trainTestSplit({ id: rowsOf(12) }, { testFraction: 0.25, seed: 7 })
    expect(test.id.toArray()).toEqual([7, 10, 2])
    expect(train.id.toArray()).toEqual([5, 0, 1, 11, 8, 3, 6, 9, 4])
    // numpy: np.random.RandomState(123).permutation(7) == [1, 3, 4, 0, 2, 5, 6]; ceil(0.25 · 7) = 2
    const seven = trainTestSplit({ id: rowsOf(7) }, { testFraction: 0.25, seed: 123 })
    expect(seven.test.id.toArray()).toEqual([1, 3])
    expect(seven.train.id.toArray()).toEqual([4, 0, 2, 5, 6])
  })

  it('moves whole rows of every tensor together, keeping their dtypes', () => {
    const x = tensor([
      [0, 0.5],
      [1, 1.5],
      [2, 2.5],
      [3, 3.5],
      [4, 4.5],
    ])
    const y = i32([0, 1, 2, 3, 4])
    // numpy: np.random.RandomState(0).permutation(5) == [2, 0, 1, 3, 4]
    const { train, test } = trainTestSplit({ x, y }, { testFraction: 0.4, seed: 0 })
    expect(test.x.toArray()).toEqual([
      [2, 2.5],
      [0, 0.5],
    ])
    expect(test.y).toEqual(i32([2, 0]))
    expect(train.x.shape).toEqual([3, 2])
    expect(train.y).toEqual(i32([1, 3, 4]))
    expect(x.dataSync()[1]).toBe(0.5)
    expect(Object.isFrozen(train)).toBe(true)
  })

  it('is deterministic: the same seed gives the same split, another seed another one', () => {
    const data = { x: range(0, 50) }
    const a = trainTestSplit(data, { testFraction: 0.3, seed: 11 })
    expect(trainTestSplit(data, { testFraction: 0.3, seed: 11 })).toEqual(a)
    expect(trainTestSplit(data, { testFraction: 0.3, seed: 12 }).test.x).not.toEqual(a.test.x)
  })

  it('with stratify, gives each label the floor or ceiling of its share and the unstratified test size', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -2, max: 3 }), { minLength: 2, maxLength: 60 }),
        fc.double({ min: 0.05, max: 0.5, noNaN: true }),
        fc.nat(1000),
        (labels, testFraction, seed) => {
          fc.pre(Math.ceil(testFraction * labels.length) < labels.length)
          const y = i32(labels)
          const { train, test } = trainTestSplit({ y, id: rowsOf(labels.length) }, { testFraction, seed, stratify: y })
          const testIds = test.id.toFlatArray()
          const trainIds = train.id.toFlatArray()
          expect(testIds.length).toBe(Math.ceil(testFraction * labels.length))
          expect([...testIds, ...trainIds].sort((a, b) => a - b)).toEqual(labels.map((_, i) => i))
          for (const label of new Set(labels)) {
            const share = testFraction * labels.filter((l) => l === label).length
            const inTest = test.y.toFlatArray().filter((l) => l === label).length
            expect(inTest === Math.floor(share) || inTest === Math.floor(share) + 1).toBe(true)
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  it('with stratify, takes each label’s test rows first in the permutation order', () => {
    // numpy: np.random.RandomState(0).permutation(10) == [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]
    const y = i32([0, 0, 0, 0, 0, 1, 1, 1, 1, 1])
    const { test, train } = trainTestSplit({ id: rowsOf(10) }, { testFraction: 0.4, seed: 0, stratify: y })
    expect(test.id.toArray()).toEqual([2, 8, 4, 9])
    expect(train.id.toArray()).toEqual([1, 6, 7, 3, 0, 5])
  })

  it('refuses bad data and options with named errors', () => {
    const x = tensor([[1], [2], [3]])
    const options = { testFraction: 0.5, seed: 0 }
    expect(() => trainTestSplit({ x, y: i32([1, 2]) }, options)).toThrow(
      new ShapeError(
        'trainTestSplit',
        'every tensor must have the same number of rows, got data.x [3, 1] and data.y [2]',
      ),
    )
    expect(() => trainTestSplit({ x: tensor([], [0, 2]) }, options)).toThrow(
      new ShapeError('trainTestSplit', 'data has no rows: data.x has shape [0, 2]'),
    )
    expect(() => trainTestSplit({ x: tensor(1) }, options)).toThrow(
      'trainTestSplit: data.x must have a row axis, got shape []',
    )
    expect(() => trainTestSplit({ x: [1] as never }, options)).toThrow(
      new DTypeError('trainTestSplit', "argument 'data.x' must be a Tensor, got an array"),
    )
    expect(() => trainTestSplit({}, options)).toThrow(ConfigError)
    expect(() => trainTestSplit({ x }, { testFraction: 1, seed: 0 })).toThrow(
      new ConfigError('trainTestSplit', 'testFraction must be in (0, 1), got 1'),
    )
    expect(() => trainTestSplit({ x }, { testFraction: 0.5, seed: -1 })).toThrow(
      'trainTestSplit: seed must be an integer >= 0 and <= 4294967295, got -1',
    )
    expect(() => trainTestSplit({ x }, { testFraction: 0.5 } as never)).toThrow(
      'trainTestSplit: seed must be an integer >= 0 and <= 4294967295, got undefined',
    )
    expect(() => trainTestSplit({ x }, { ...options, shuffle: false } as never)).toThrow(
      "trainTestSplit: unknown option 'shuffle'; expected one of testFraction, seed, stratify",
    )
    expect(() => trainTestSplit({ x }, { testFraction: 0.9, seed: 0 })).toThrow(
      new ShapeError('trainTestSplit', '3 rows with testFraction 0.9 leave no row to train on'),
    )
    expect(() => trainTestSplit({ x }, { ...options, stratify: tensor([0, 1, 0]) })).toThrow(
      new DTypeError('trainTestSplit', 'stratify must have dtype int32, got float32'),
    )
    expect(() => trainTestSplit({ x }, { ...options, stratify: i32([0, 1]) })).toThrow(
      new ShapeError('trainTestSplit', 'stratify must have shape [3], one label per row, got [2]'),
    )
  })
})
