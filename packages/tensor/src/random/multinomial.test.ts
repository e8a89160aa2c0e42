import { describe, expect, it } from 'vitest'
import { ConfigError, DTypeError, ShapeError } from '../errors'
import { tensor } from '../creation'
import { multinomial } from './multinomial'
import { Philox } from './philox'
import { DEFAULT_GRAPH_SEED } from './tfSeeds'

/** The uniform doubles TF1's kernel draws for op seed `seed`: two Philox words each, 52 bits. */
function doubles(seed: number, count: number): number[] {
  const generator = new Philox(DEFAULT_GRAPH_SEED, seed)
  const words: number[] = []
  while (words.length < 2 * count) words.push(...generator.next())
  return Array.from({ length: count }, (_, i) => ((words[2 * i]! % 2 ** 20) * 2 ** 32 + words[2 * i + 1]!) / 2 ** 52)
}

/** Plain inverse-CDF sampling with a linear search, from the same doubles. */
function reference(rows: number[][], samples: number, seed: number): number[][] {
  const u = doubles(seed, rows.length * samples)
  return rows.map((row, r) => {
    const finite = row.filter(Number.isFinite)
    const top = Math.max(...finite)
    const weights = row.map((v) => (Number.isFinite(v) ? Math.exp(v - top) : 0))
    const total = weights.reduce((a, w) => a + w, 0)
    return Array.from({ length: samples }, (_, s) => {
      const target = u[r * samples + s]! * total
      let acc = 0
      for (let j = 0; j < row.length; j++) {
        acc += weights[j]!
        if (acc > target) return j
      }
      return row.length
    })
  })
}

describe('multinomial', () => {
  it('draws by inverse CDF from two Philox words per sample, rows in one stream', () => {
    const rows = [
      [0.5, -1, 2, 0],
      [3, 3, -2, 1],
      [-5, 0, 0, 0],
    ]
    const out = multinomial(tensor(rows, undefined, 'float64'), 7, { seed: 12 })
    expect(out.dtype).toBe('int32')
    expect(out.shape).toEqual([3, 7])
    expect(out.toArray()).toEqual(reference(rows, 7, 12))
    expect(multinomial(tensor(rows), 7, { seed: 12 }).toArray()).toEqual(reference(rows, 7, 12))
  })

  it('reproduces its draws from the same seed and accepts a vector of logits', () => {
    const logits = tensor([1, 2, 3])
    expect(multinomial(logits, 20, { seed: 4 }).toArray()).toEqual(multinomial(logits, 20, { seed: 4 }).toArray())
    expect(multinomial(logits, 20, { seed: 4 }).shape).toEqual([20])
    expect(multinomial(logits, 5, { seed: 4 }).toArray()).toEqual(reference([[1, 2, 3]], 5, 4)[0])
  })

  it('draws each class with probability softmax(logits): seeded counts within 4 standard deviations', () => {
    const p = [0.1, 0.2, 0.7]
    const n = 30000
    const draws = multinomial(tensor([p.map(Math.log)]), n, { seed: 9 }).toFlatArray()
    const counts = [0, 0, 0]
    for (const c of draws) counts[c]!++
    p.forEach((pj, j) => expect(Math.abs(counts[j]! - n * pj)).toBeLessThan(4 * Math.sqrt(n * pj * (1 - pj))))
  })

  it('never draws a class whose logit is -Infinity, NaN or Infinity; a row without a finite logit gives numClasses', () => {
    const draws = multinomial(tensor([[-Infinity, 0, NaN, Infinity, 0]]), 200, { seed: 2 }).toFlatArray()
    expect(new Set(draws)).toEqual(new Set([1, 4]))
    expect(multinomial(tensor([[-Infinity, NaN]]), 3, { seed: 2 }).toFlatArray()).toEqual([2, 2, 2])
  })

  it('gives an empty result for no samples or no rows', () => {
    expect(multinomial(tensor([[1, 2]]), 0, { seed: 1 }).shape).toEqual([1, 0])
    expect(multinomial(tensor([], [0, 3]), 4, { seed: 1 }).shape).toEqual([0, 4])
  })

  it('refuses bad logits, sample counts and options, naming them', () => {
    const logits = tensor([[1, 2]])
    expect(() => multinomial(tensor([[[1]]]), 1)).toThrow(
      new ShapeError('multinomial', 'logits must have rank 1 [numClasses] or 2 [batch, numClasses], got [1, 1, 1]'),
    )
    expect(() => multinomial(tensor([], [2, 0]), 1)).toThrow(
      new ShapeError('multinomial', 'logits must have at least one class, got [2, 0]'),
    )
    expect(() => multinomial(tensor([1], undefined, 'int32'), 1)).toThrow(
      new DTypeError('multinomial', 'logits must have dtype float32 or float64, got int32'),
    )
    expect(() => multinomial(logits, 1.5)).toThrow(
      new ConfigError('multinomial', 'numSamples must be an integer >= 0, got 1.5'),
    )
    expect(() => multinomial(logits, 1, { seed: 0.5 })).toThrow(
      new ConfigError('multinomial', 'seed must be an integer, got 0.5'),
    )
    expect(() => multinomial(logits, 1, { sead: 1 } as never)).toThrow(
      new ConfigError('multinomial', "unknown option 'sead'; expected one of seed"),
    )
    expect(logits.toArray()).toEqual([[1, 2]])
  })
})
