// Philox4x32-10 as TensorFlow 1.x implements it (core/lib/random/philox_random.h),
// so seeded ops reproduce TF's numbers bit for bit.

const M0 = 0xd2511f53
const M1 = 0xcd9e8d57
const W0 = 0x9e3779b9
const W1 = 0xbb67ae85
const M0_HI = M0 >>> 16
const M0_LO = M0 & 0xffff
const M1_HI = M1 >>> 16
const M1_LO = M1 & 0xffff
const TWO_32 = 0x1_0000_0000

/**
 * High 32 bits of the 64-bit product of uint32 `a` and the constant split as `bHi`·2¹⁶ + `bLo`.
 * Each partial product stays below 2⁵³, so double arithmetic is exact (no BigInt in the hot loop).
 */
export function mulHigh(a: number, bHi: number, bLo: number): number {
  const aHi = a >>> 16
  const aLo = a & 0xffff
  const low = aLo * bLo
  const middle = aHi * bLo + aLo * bHi + (low >>> 16)
  return (aHi * bHi + Math.floor(middle / 0x10000)) >>> 0
}

/** The low and high uint32 words of a non-negative safe integer. */
export function splitWords(value: number): [lo: number, hi: number] {
  return [value >>> 0, Math.floor(value / TWO_32) >>> 0]
}

/**
 * TF's `PhiloxRandom`: a 128-bit counter and a 64-bit key; each call returns
 * four uint32 words and advances the counter by one.
 */
export class Philox {
  readonly #key = new Uint32Array(2)
  readonly #counter = new Uint32Array(4)
  readonly #block = new Uint32Array(4)

  /**
   * TF's `GuardedPhiloxRandom::Init(seed, seed2)`: key = the words of `seed`,
   * counter = [0, 0, words of `seed2`]. Both are non-negative safe integers.
   */
  constructor(seed: number, seed2: number) {
    this.#key.set(splitWords(seed))
    this.#counter.set(splitWords(seed2), 2)
  }

  /** Makes this generator an exact copy of `other` (no allocation). */
  copyFrom(other: Philox): void {
    this.#key.set(other.#key)
    this.#counter.set(other.#counter)
  }

  /**
   * Runs the 10 rounds on the current counter and returns the 4 output words,
   * then increments the counter. The returned array is reused by the next call.
   */
  next(): Uint32Array {
    const counter = this.#counter
    let c0 = counter[0]!
    let c1 = counter[1]!
    let c2 = counter[2]!
    let c3 = counter[3]!
    let k0 = this.#key[0]!
    let k1 = this.#key[1]!
    for (let round = 0; round < 10; round++) {
      if (round > 0) {
        k0 = (k0 + W0) >>> 0
        k1 = (k1 + W1) >>> 0
      }
      const hi0 = mulHigh(c0, M0_HI, M0_LO)
      const lo0 = Math.imul(c0, M0) >>> 0
      const hi1 = mulHigh(c2, M1_HI, M1_LO)
      const lo1 = Math.imul(c2, M1) >>> 0
      c0 = (hi1 ^ c1 ^ k0) >>> 0
      c1 = lo1
      c2 = (hi0 ^ c3 ^ k1) >>> 0
      c3 = lo0
    }
    const block = this.#block
    block[0] = c0
    block[1] = c1
    block[2] = c2
    block[3] = c3
    this.#skipOne()
    return block
  }

  /**
   * Advances the counter by `count` calls (a non-negative safe integer),
   * with the carry rule of TF's `Skip`. Uint32Array stores wrap mod 2³², as C's uint32 does.
   */
  skip(count: number): void {
    const counter = this.#counter
    const countLo = count >>> 0
    const countHi = Math.floor(count / TWO_32) >>> 0
    counter[0] = counter[0]! + countLo
    const high = counter[0]! < countLo ? (countHi + 1) >>> 0 : countHi
    counter[1] = counter[1]! + high
    if (counter[1]! < high) {
      counter[2] = counter[2]! + 1
      if (counter[2] === 0) counter[3] = counter[3]! + 1
    }
  }

  #skipOne(): void {
    const counter = this.#counter
    for (let word = 0; word < 4; word++) {
      counter[word] = counter[word]! + 1
      if (counter[word] !== 0) return
    }
  }
}
