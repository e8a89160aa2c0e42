import { ConfigError, checkString, describe } from '@gradstream/core'

/** An einsum equation split into letters: one list per operand, and the output's. */
export interface EinsumSubscripts {
  readonly inputs: readonly (readonly string[])[]
  readonly output: readonly string[]
}

const LETTER = /^[a-zA-Z]$/

/** The letters of one term, refusing anything but letters, with `where` naming the term in messages. */
function lettersOf(term: string, where: string): string[] {
  if (term.includes('.')) throw new ConfigError('einsum', `ellipsis ('...') is not supported, in ${where} '${term}'`)
  const letters = [...term]
  const bad = letters.find((c) => !LETTER.test(c))
  if (bad !== undefined) {
    throw new ConfigError('einsum', `subscripts must be letters a-z or A-Z, got '${bad}' in ${where} '${term}'`)
  }
  return letters
}

/** numpy's implicit output: the letters that appear once in all inputs, in alphabetical order. */
function implicitOutput(inputs: readonly string[][]): string[] {
  const counts = new Map<string, number>()
  for (const letter of inputs.flat()) counts.set(letter, (counts.get(letter) ?? 0) + 1)
  return [...counts.keys()].filter((letter) => counts.get(letter) === 1).sort()
}

/**
 * Parses `'ij,jk->ik'` (spaces ignored; without `->` the output is numpy's
 * implicit one) for `operandCount` tensors, one or two. Throws a ConfigError
 * naming what is wrong with the equation.
 */
export function parseEinsum(equation: unknown, operandCount: number): EinsumSubscripts {
  checkString('einsum', 'equation', equation)
  const compact = equation.replace(/\s/g, '')
  const sides = compact.split('->')
  if (sides.length > 2) throw new ConfigError('einsum', `equation has more than one '->': ${describe(equation)}`)
  const terms = sides[0]!.split(',')
  if (terms.length > 2) {
    throw new ConfigError('einsum', `only one or two operands are supported, the equation names ${terms.length}`)
  }
  if (terms.length !== operandCount) {
    throw new ConfigError('einsum', `the equation names ${terms.length} operand(s) but ${operandCount} were given`)
  }
  const inputs = terms.map((term, i) => lettersOf(term, `operand ${i}`))
  if (sides.length === 1) return { inputs, output: implicitOutput(inputs) }
  const output = lettersOf(sides[1]!, 'the output')
  const repeated = output.find((letter, i) => output.indexOf(letter) !== i)
  if (repeated !== undefined) throw new ConfigError('einsum', `output letter '${repeated}' repeats in '${sides[1]}'`)
  const unknown = output.find((letter) => !inputs.some((term) => term.includes(letter)))
  if (unknown !== undefined) throw new ConfigError('einsum', `output letter '${unknown}' names no input axis`)
  return { inputs, output }
}
