import { CheckpointError, describe } from '@gradstream/core'

/** The three fields of a .npy header, as numpy's `read_array_header` requires them. */
export interface NpyHeader {
  readonly descr: string
  readonly fortranOrder: boolean
  readonly shape: readonly number[]
}

/** numpy's header text: `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`, keys sorted. */
export function formatNpyHeader({ descr, fortranOrder, shape }: NpyHeader): string {
  return `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? 'True' : 'False'}, 'shape': ${pythonTuple(shape)}, }`
}

/** A shape as Python writes a tuple: `()`, `(3,)`, `(2, 3)`. */
export function pythonTuple(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
}

/**
 * Parses the Python dict literal of a .npy header. Only what numpy writes is read (string, True/False and
 * a tuple of integers), by a small parser rather than an evaluator, and only the keys descr, fortran_order
 * and shape, each once, as numpy requires.
 */
export function parseNpyHeader(fn: string, text: string, where = ''): NpyHeader {
  const reader = new LiteralReader(fn, where, text)
  const fields = new Map<string, unknown>()
  reader.expect('{')
  while (!reader.skip('}')) {
    const key = reader.string()
    reader.expect(':')
    if (fields.has(key)) reader.fail(`the key '${key}' appears twice`)
    fields.set(key, key === 'shape' ? reader.tuple() : key === 'fortran_order' ? reader.boolean() : reader.string())
    if (!reader.skip(',')) {
      reader.expect('}')
      break
    }
  }
  reader.end()
  const keys = [...fields.keys()].sort().join(', ')
  if (keys !== 'descr, fortran_order, shape') {
    reader.fail(`the header must have the keys descr, fortran_order and shape, got ${keys || 'none'}`)
  }
  return {
    descr: fields.get('descr') as string,
    fortranOrder: fields.get('fortran_order') as boolean,
    shape: fields.get('shape') as number[],
  }
}

/** A cursor over the header text; every fault names what was expected and where. */
class LiteralReader {
  readonly #fn: string
  readonly #where: string
  readonly #text: string
  #at = 0

  constructor(fn: string, where: string, text: string) {
    this.#fn = fn
    this.#where = where
    this.#text = text
  }

  fail(message: string): never {
    throw new CheckpointError(this.#fn, `${this.#where}the header is not one numpy writes: ${message}`)
  }

  skip(token: string): boolean {
    this.#space()
    if (!this.#text.startsWith(token, this.#at)) return false
    this.#at += token.length
    return true
  }

  expect(token: string): void {
    if (!this.skip(token)) this.fail(`expected '${token}' at character ${this.#at}, got ${this.#next()}`)
  }

  string(): string {
    this.#space()
    const quote = this.#text[this.#at]
    const close = quote === "'" || quote === '"' ? this.#text.indexOf(quote, this.#at + 1) : -1
    if (close < 0) this.fail(`expected a quoted string at character ${this.#at}, got ${this.#next()}`)
    const value = this.#text.slice(this.#at + 1, close)
    if (value.includes('\\')) this.fail(`escapes in strings are not read, got ${describe(value)}`)
    this.#at = close + 1
    return value
  }

  boolean(): boolean {
    if (this.skip('True')) return true
    if (this.skip('False')) return false
    return this.fail(`expected True or False at character ${this.#at}, got ${this.#next()}`)
  }

  /** `()`, `(3,)`, `(2, 3)`: non-negative integers, a trailing comma required for one. */
  tuple(): number[] {
    this.expect('(')
    const dims: number[] = []
    while (!this.skip(')')) {
      this.#space()
      const digits = /^\d+L?/.exec(this.#text.slice(this.#at, this.#at + 24))?.[0]
      if (digits === undefined) this.fail(`expected a dimension at character ${this.#at}, got ${this.#next()}`)
      dims.push(Number(digits.replace('L', '')))
      this.#at += digits.length
      if (!this.skip(',')) {
        if (dims.length === 1) this.fail(`a one-dimension shape needs a trailing comma, (${dims[0]},)`)
        this.expect(')')
        break
      }
    }
    if (!dims.every(Number.isSafeInteger)) this.fail(`a dimension of (${dims.join(', ')}) is too large`)
    return dims
  }

  /** After the dict only the padding may follow: spaces and one newline at the end. */
  end(): void {
    if (!/^ *\n?$/.test(this.#text.slice(this.#at)))
      this.fail(`unexpected text after the dict at character ${this.#at}`)
  }

  #space(): void {
    while (this.#text[this.#at] === ' ') this.#at++
  }

  #next(): string {
    return this.#at >= this.#text.length ? 'the end' : describe(this.#text.slice(this.#at, this.#at + 10))
  }
}
