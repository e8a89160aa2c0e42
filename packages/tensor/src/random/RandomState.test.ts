import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { tensor } from '../creation'
import { RandomState } from './RandomState'

interface Golden {
  vectors: Record<string, unknown>
}
const golden = JSON.parse(
  readFileSync(new URL('../../../../test/golden/numpy-randomstate.json', import.meta.url), 'utf8'),
) as Golden
const vector = (name: string): number[] => golden.vectors[name] as number[]
const values = (name: string): number[] => (golden.vectors[name] as { values: number[] }).values

const WORDS_SEED1 = vector('RandomState(1).genrand_uint32[0:10]')
const NORMAL_SEED0 = values('RandomState(0).normal(0,1) x10 (legacy polar gauss, cached pairs)')

/** Legacy Fisher-Yates written out from numpy's description, over given words (no generator involved). */
function referenceShuffle(n: number, words: readonly number[]): number[] {
  const items = Array.from({ length: n }, (_, i) => i)
  let next = 0
  for (let i = n - 1; i > 0; i--) {
    const mask = 2 ** Math.ceil(Math.log2(i + 1)) - 1
    let j: number
    do j = words[next++]! & mask
    while (j > i)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

describe('RandomState.rand and randomSample', () => {
  it.each([1, 0, 42])("gives numpy's first ten doubles for RandomState(%i)", (seed) => {
    const rs = new RandomState(seed)
    expect(Array.from({ length: 10 }, () => rs.rand())).toEqual(values(`RandomState(${seed}).rand()[0:10]`))
  })

  it('fills a float64 tensor row-major from the same stream', () => {
    const out = new RandomState(1).rand(5, 2)
    expect(out.shape).toEqual([5, 2])
    expect(out.dtype).toBe('float64')
    expect(out.toFlatArray()).toEqual(values('RandomState(1).rand()[0:10]'))
    expect(new RandomState(1).randomSample(10).toFlatArray()).toEqual(values('RandomState(1).rand()[0:10]'))
  })

  it('seeds from an array with init_by_array', () => {
    const rs = new RandomState([1, 2, 3])
    expect(rs.randomSample([5]).toFlatArray()).toEqual(values('RandomState([1,2,3]).rand()[0:5] (init_by_array)'))
  })

  it('rejects a bad size with a ShapeError', () => {
    expect(() => new RandomState(1).randomSample([2, -1])).toThrow(
      'RandomState.randomSample: dimensions must be non-negative integers, got [2, -1]',
    )
    expect(() => new RandomState(1).rand(1.5)).toThrow('RandomState.rand: dimensions must be non-negative integers')
  })
})

describe('RandomState.uniform and normal', () => {
  it("gives numpy's ten legacy normal(0, 1) values for RandomState(0), pairs and cache included", () => {
    // Math.log can differ from glibc by 1 ulp; these ten happen to be exact, so they are checked exactly.
    const rs = new RandomState(0)
    expect(Array.from({ length: 10 }, () => rs.normal(0, 1))).toEqual(NORMAL_SEED0)
    expect(new RandomState(0).normal(0, 1, [2, 5]).toFlatArray()).toEqual(NORMAL_SEED0)
    expect(new RandomState(0).randn(10).toFlatArray()).toEqual(NORMAL_SEED0)
    expect(new RandomState(0).standardNormal(10).toFlatArray()).toEqual(NORMAL_SEED0)
  })

  it('lets uniform draws pass between the two halves of a normal pair without touching the cache', () => {
    const calls = golden.vectors['RandomState(0) mixed: uniform(-1,1), normal(0.5,0.1) alternating x5'] as {
      call: string
      value: number
    }[]
    const rs = new RandomState(0)
    const drawn = calls.map(({ call }) => (call === 'uniform(-1,1)' ? rs.uniform(-1, 1) : rs.normal(0.5, 0.1)))
    expect(drawn).toEqual(calls.map((c) => c.value))
  })

  it('computes uniform as low + (high - low) * rand()', () => {
    const [u] = values('RandomState(1).rand()[0:10]')
    expect(new RandomState(1).uniform(0.3, 2.9)).toBe(0.3 + (2.9 - 0.3) * u!)
    expect(new RandomState(1).uniform()).toBe(u)
  })

  it('clears the cached normal value when reseeded', () => {
    const rs = new RandomState(0)
    rs.normal()
    rs.seed(0)
    expect(rs.normal()).toBe(NORMAL_SEED0[0])
  })

  it('rejects a negative scale and non-finite bounds', () => {
    const rs = new RandomState(0)
    expect(() => rs.normal(0, -1)).toThrow('RandomState.normal: scale must be a finite number >= 0, got -1')
    expect(() => rs.uniform(0, Infinity)).toThrow('RandomState.uniform: high must be a finite number, got Infinity')
    expect(() => rs.uniform(-Number.MAX_VALUE, Number.MAX_VALUE)).toThrow(
      'RandomState.uniform: high - low must be a finite number, got Infinity',
    )
  })
})

describe('RandomState.randint', () => {
  it('draws by masked rejection on uint32 words (checked against the raw words)', () => {
    // [3, 13) -> max 9, mask 15: low nibbles 5 11 12 8 15 9 11 5 keep 5 8 9 5.
    const out = new RandomState(1).randint(3, 13, [4])
    expect(out.dtype).toBe('int32')
    expect(out.toFlatArray()).toEqual([8, 11, 12, 8])
  })

  it('treats a single bound as [0, low) and returns a number without a size', () => {
    const rs = new RandomState(1)
    expect([rs.randint(10), rs.randint(10)]).toEqual([5, 8])
  })

  it('returns whole words for a range of 2^32 and draws nothing for a range of 1', () => {
    const rs = new RandomState(1)
    expect(rs.randint(7, 7 + 2 ** 32, 2, 'float64').toFlatArray()).toEqual(WORDS_SEED1.slice(0, 2).map((w) => w + 7))
    expect(rs.randint(4, 5)).toBe(4)
    expect(rs.randint(-(2 ** 31), 2 ** 31)).toBe(WORDS_SEED1[2]! - 2 ** 31)
  })

  it("matches numpy's well-known outputs for seeds 0 and 42", () => {
    expect(new RandomState(0).randint(0, 100, 10).toFlatArray()).toEqual([44, 47, 64, 67, 67, 9, 83, 21, 36, 87])
    expect(new RandomState(42).randint(0, 10, 10).toFlatArray()).toEqual([6, 3, 7, 4, 6, 9, 2, 6, 7, 4])
    expect(new RandomState(0).randint(10, undefined, 3).toFlatArray()).toEqual([5, 0, 3])
  })

  it('rejects empty and non-integer ranges and int32 overflow', () => {
    const rs = new RandomState(0)
    expect(() => rs.randint(0)).toThrow('RandomState.randint: low must be less than high, got low 0, high 0')
    expect(() => rs.randint(0, 1.5)).toThrow('RandomState.randint: high must be an integer, got 1.5')
    expect(() => rs.randint(0, 2 ** 33)).toThrow(
      'RandomState.randint: high - low must be at most 2**32, got 8589934592',
    )
    expect(() => rs.randint(0, 2 ** 32, 2)).toThrow(
      'RandomState.randint: bounds must fit int32 (low >= -2**31, high <= 2**31), got low 0, high 4294967296',
    )
  })
})

describe('RandomState.shuffle and permutation', () => {
  it("shuffles in place with numpy's legacy Fisher-Yates (checked against the raw words)", () => {
    const items = [0, 1, 2, 3, 4]
    expect(new RandomState(1).shuffle(items)).toBe(items)
    expect(items).toEqual(referenceShuffle(5, WORDS_SEED1))
    expect(new RandomState(1).shuffle(Float64Array.of(0, 1, 2, 3, 4))).toEqual(
      Float64Array.from(referenceShuffle(5, WORDS_SEED1)),
    )
  })

  it('permutation(n) is a shuffled range as int32', () => {
    const out = new RandomState(1).permutation(6)
    expect(out.dtype).toBe('int32')
    expect(out.toFlatArray()).toEqual(referenceShuffle(6, WORDS_SEED1))
  })

  it("matches numpy's well-known permutation(10) for seeds 0 and 42", () => {
    expect(new RandomState(0).permutation(10).toFlatArray()).toEqual([2, 8, 4, 9, 1, 6, 7, 3, 0, 5])
    expect(new RandomState(42).permutation(10).toFlatArray()).toEqual([8, 1, 5, 0, 7, 2, 9, 4, 3, 6])
  })

  it('permutes the rows of a tensor with the same draws and leaves the input untouched', () => {
    const x = tensor([
      [0, 0.5],
      [1, 1.5],
      [2, 2.5],
      [3, 3.5],
      [4, 4.5],
    ])
    const out = new RandomState(1).permutation(x)
    const order = referenceShuffle(5, WORDS_SEED1)
    expect(out.shape).toEqual([5, 2])
    expect(out.dtype).toBe('float32')
    expect(out.toArray()).toEqual(order.map((r) => [r, r + 0.5]))
    expect(x.toArray()).toEqual([
      [0, 0.5],
      [1, 1.5],
      [2, 2.5],
      [3, 3.5],
      [4, 4.5],
    ])
  })

  it('draws nothing for n = 0 or 1', () => {
    const rs = new RandomState(1)
    expect(rs.permutation(0).shape).toEqual([0])
    expect(rs.permutation(1).toFlatArray()).toEqual([0])
    expect(rs.rand()).toBe(values('RandomState(1).rand()[0:10]')[0])
  })

  it('rejects tensors in shuffle, scalars and bad counts in permutation', () => {
    const rs = new RandomState(0)
    expect(() => rs.shuffle(tensor([1, 2]) as never)).toThrow(
      'RandomState.shuffle: cannot shuffle a Tensor in place (tensors are immutable); use permutation(x)',
    )
    expect(() => rs.shuffle('abc' as never)).toThrow(
      'RandomState.shuffle: x must be an array or a typed array, got "abc"',
    )
    expect(() => rs.permutation(tensor(3))).toThrow(
      'RandomState.permutation: x must have at least one axis, got shape []',
    )
    expect(() => rs.permutation(-1)).toThrow(
      'RandomState.permutation: n must be an integer >= 0 and <= 2147483647, got -1',
    )
  })
})

describe('RandomState seeding', () => {
  it("rejects seeds outside numpy's uint32 range, with the value at fault", () => {
    expect(() => new RandomState(-1)).toThrow('RandomState: seed must be an integer >= 0 and <= 4294967295, got -1')
    expect(() => new RandomState(2 ** 32)).toThrow(
      'RandomState: seed must be an integer >= 0 and <= 4294967295, got 4294967296',
    )
    expect(() => new RandomState([])).toThrow('RandomState: seed array must be non-empty')
    expect(() => new RandomState([1, 0.5])).toThrow(
      'RandomState: seed[1] must be an integer >= 0 and <= 4294967295, got 0.5',
    )
    expect(() => new RandomState(1).seed(NaN)).toThrow('RandomState.seed: seed must be an integer')
  })

  it('draws differently for two unseeded instances', () => {
    expect(new RandomState().rand(4).toFlatArray()).not.toEqual(new RandomState().rand(4).toFlatArray())
  })
})

describe('RandomState.getState and setState', () => {
  it("reports numpy's state after seeding: the key, pos 624 and no cached normal", () => {
    const state = new RandomState(1).getState()
    expect(state.algorithm).toBe('MT19937')
    expect(state.key.slice(0, 5)).toEqual(vector('init_genrand(1).mt[0:5]'))
    expect(state.key).toHaveLength(624)
    expect([state.pos, state.hasGauss, state.gauss]).toEqual([624, false, 0])
  })

  it('round-trips through JSON, the cached normal value included', () => {
    const rs = new RandomState(0)
    rs.normal()
    const saved = JSON.stringify(rs.getState())
    const ahead = [rs.normal(), rs.rand(), rs.normal()]
    expect(ahead[0]).toBe(NORMAL_SEED0[1])
    const restored = new RandomState(123)
    restored.setState(JSON.parse(saved))
    expect([restored.normal(), restored.rand(), restored.normal()]).toEqual(ahead)
  })

  it('rejects an invalid state and leaves the generator unchanged', () => {
    const rs = new RandomState(1)
    const good = rs.getState()
    expect(() => rs.setState({ ...good, key: good.key.slice(1) })).toThrow(
      'RandomState.setState: state.key must be an array of 624 uint32 integers',
    )
    expect(() => rs.setState({ ...good, pos: 625 })).toThrow(
      'RandomState.setState: state.pos must be an integer >= 0 and <= 624, got 625',
    )
    expect(() => rs.setState({ ...good, hasGauss: 1 as never })).toThrow(
      'RandomState.setState: state.hasGauss must be a boolean, got 1',
    )
    expect(() => rs.setState({ ...good, algorithm: 'PCG64' as never })).toThrow(
      'RandomState.setState: state.algorithm must be one of \'MT19937\', got "PCG64"',
    )
    expect(rs.rand()).toBe(values('RandomState(1).rand()[0:10]')[0])
  })
})
