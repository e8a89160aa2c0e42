// numpy's legacy MT19937 (numpy/random/src/mt19937 and legacy distributions),
// word for word, so RandomState reproduces numpy's streams exactly.

const N = 624
const M = 397
const MATRIX_A = 0x9908b0df
const UPPER_MASK = 0x80000000
const LOWER_MASK = 0x7fffffff

/** The number of 32-bit words in the MT19937 state. */
export const MT_STATE_WORDS = N

/** Smallest 2^k − 1 that is >= `max` (0 < max < 2³²): numpy's `gen_mask`. */
function maskFor(max: number): number {
  return 2 ** (32 - Math.clz32(max)) - 1
}

/**
 * The Mersenne Twister bit generator with numpy's seeding and its legacy
 * double and bounded-integer routines. Uint32Array stores reduce every
 * sum and product mod 2³², as the C code's uint32 arithmetic does.
 */
export class MT19937 {
  /** The 624 state words (numpy's `key`). */
  readonly key = new Uint32Array(N)
  /** Index of the next word to temper; 624 means "twist first". */
  pos = N

  /** `init_genrand(seed)`, numpy's seeding from one integer. */
  seed(seed: number): void {
    const key = this.key
    key[0] = seed
    for (let i = 1; i < N; i++) {
      const prev = key[i - 1]!
      key[i] = Math.imul(1812433253, prev ^ (prev >>> 30)) + i
    }
    this.pos = N
  }

  /** `init_by_array(words)`, numpy's seeding from an array of uint32 words. */
  seedByArray(words: readonly number[]): void {
    const key = this.key
    this.seed(19650218)
    let i = 1
    let j = 0
    for (let k = Math.max(N, words.length); k > 0; k--) {
      const prev = key[i - 1]!
      key[i] = (key[i]! ^ Math.imul(prev ^ (prev >>> 30), 1664525)) + words[j]! + j
      i++
      j++
      if (i >= N) {
        key[0] = key[N - 1]!
        i = 1
      }
      if (j >= words.length) j = 0
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = key[i - 1]!
      key[i] = (key[i]! ^ Math.imul(prev ^ (prev >>> 30), 1566083941)) - i
      i++
      if (i >= N) {
        key[0] = key[N - 1]!
        i = 1
      }
    }
    key[0] = 0x80000000 // a non-zero state is guaranteed by the top bit
    this.pos = N
  }

  /** The next tempered uint32 word. */
  nextUint32(): number {
    if (this.pos === N) this.#twist()
    let y = this.key[this.pos++]!
    y ^= y >>> 11
    y ^= (y << 7) & 0x9d2c5680
    y ^= (y << 15) & 0xefc60000
    return (y ^ (y >>> 18)) >>> 0
  }

  /** numpy's `random_sample`: 53 random bits from two words, a double in [0, 1). */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5
    const b = this.nextUint32() >>> 6
    return (a * 67108864 + b) / 9007199254740992
  }

  /**
   * An integer in [0, max] (max < 2³²) by masked rejection, numpy's legacy
   * `random_interval` and masked `randint`: draw a word, keep the bits of the
   * smallest mask covering `max`, retry while above `max`. `max = 0` draws nothing.
   */
  nextBounded(max: number): number {
    if (max === 0) return 0
    const mask = maskFor(max)
    let value: number
    do value = (this.nextUint32() & mask) >>> 0
    while (value > max)
    return value
  }

  #twist(): void {
    const key = this.key
    // Words past k were not yet updated this pass, words before it were, as in numpy's loop.
    for (let k = 0; k < N; k++) {
      const y = (key[k]! & UPPER_MASK) | (key[(k + 1) % N]! & LOWER_MASK)
      key[k] = key[(k + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0)
    }
    this.pos = 0
  }
}
