import { DTypeError, ShapeError } from '../errors'
import { sizeOf, stridesOf } from '../shape'
import { fromKernel } from '../tensor'
import type { Tensor } from '../tensor'
import { checkDTypeIn, checkTensor, NUMERIC } from './argumentChecks'
import { parseEinsum } from './einsumEquation'
import { gather } from './gather'
import { matMul } from './matMul'
import { sum } from './reductions'
import { reshape } from './reshape'
import { transpose } from './transpose'

/** A tensor with one distinct letter per axis. */
interface Labelled {
  readonly x: Tensor
  readonly letters: readonly string[]
}

/** Checks each operand's rank, and that every letter has one size wherever it appears; returns the sizes. */
function letterSizes(tensors: readonly Tensor[], inputs: readonly (readonly string[])[]): Map<string, number> {
  const sizes = new Map<string, number>()
  const seenIn = new Map<string, number>()
  inputs.forEach((letters, i) => {
    const x = tensors[i]!
    if (letters.length !== x.rank) {
      throw new ShapeError(
        'einsum',
        `operand ${i} has rank ${x.rank} but its subscripts '${letters.join('')}' name ${letters.length} axes`,
      )
    }
    letters.forEach((letter, axis) => {
      const size = x.shape[axis]!
      const known = sizes.get(letter)
      if (known !== undefined && known !== size) {
        throw new ShapeError(
          'einsum',
          `letter '${letter}' is ${known} in operand ${seenIn.get(letter)} and ${size} in operand ${i}`,
        )
      }
      sizes.set(letter, size)
      seenIn.set(letter, i)
    })
  })
  return sizes
}

/** `x` with its axes permuted to `order` (a permutation of `letters`); no transpose when already in order. */
function arrange({ x, letters }: Labelled, order: readonly string[]): Tensor {
  const perm = order.map((letter) => letters.indexOf(letter))
  return perm.every((p, i) => p === i) ? x : transpose(x, perm)
}

/** The diagonal over repeated letters ('ii' -> 'i'), gathered from the flattened tensor so it is differentiable. */
function diagonal(x: Tensor, letters: readonly string[], sizes: Map<string, number>): Labelled {
  const unique = [...new Set(letters)]
  if (unique.length === letters.length) return { x, letters }
  const shape = unique.map((letter) => sizes.get(letter)!)
  const strides = stridesOf(x.shape)
  const outStrides = stridesOf(shape)
  const indices = new Int32Array(sizeOf(shape))
  for (let i = 0; i < indices.length; i++) {
    // The coordinate of each unique letter, then the flat index that puts it on every axis it labels.
    const coordinates = unique.map((_, u) => Math.floor(i / outStrides[u]!) % shape[u]!)
    indices[i] = letters.reduce(
      (index, letter, axis) => index + coordinates[unique.indexOf(letter)]! * strides[axis]!,
      0,
    )
  }
  const flat = gather(reshape(x, [x.size]), fromKernel(indices, [indices.length], 'int32'))
  return { x: reshape(flat, shape), letters: unique }
}

/** Sums out the axes whose letters appear neither in `keep` nor in the other operand. */
function sumUnused(operand: Labelled, keep: readonly string[], other: readonly string[]): Labelled {
  const unused = operand.letters.filter((letter) => !keep.includes(letter) && !other.includes(letter))
  if (unused.length === 0) return operand
  const axes = unused.map((letter) => operand.letters.indexOf(letter))
  return { x: sum(operand.x, axes), letters: operand.letters.filter((letter) => !unused.includes(letter)) }
}

/** The two-operand contraction as one (batched) matMul: [batch, aFree, k] by [batch, k, bFree]. */
function contract(a: Labelled, b: Labelled, output: readonly string[], sizes: Map<string, number>): Labelled {
  const shared = a.letters.filter((letter) => b.letters.includes(letter))
  const batch = shared.filter((letter) => output.includes(letter))
  const summed = shared.filter((letter) => !output.includes(letter))
  const aFree = a.letters.filter((letter) => !shared.includes(letter))
  const bFree = b.letters.filter((letter) => !shared.includes(letter))
  const size = (letters: readonly string[]) => sizeOf(letters.map((letter) => sizes.get(letter)!))
  const lead = batch.length > 0 ? [size(batch)] : []
  const left = reshape(arrange(a, [...batch, ...aFree, ...summed]), [...lead, size(aFree), size(summed)])
  const right = reshape(arrange(b, [...batch, ...summed, ...bFree]), [...lead, size(summed), size(bFree)])
  const letters = [...batch, ...aFree, ...bFree]
  return {
    x: reshape(
      matMul(left, right),
      letters.map((letter) => sizes.get(letter)!),
    ),
    letters,
  }
}

/**
 * Einstein summation over one or two operands, numpy's and TF's `einsum`:
 * letters label axes, a letter shared by the operands but absent from the
 * output is summed over, a letter repeated within one operand takes the
 * diagonal, and without `->` the output is the letters that appear once, in
 * alphabetical order. For example `'ij,jk->ik'` (matrix product),
 * `'bij,bjk->bik'` (batch matmul), `'ij->ji'` (transpose), `'ij,ij->i'`
 * (row-wise dot), `'i,j->ij'` (outer product), `'ii->i'` (diagonal),
 * `'ij->'` (sum). Ellipses are not supported.
 *
 * It is lowered to gather (diagonals), sum, transpose, reshape and one
 * matMul, so it is differentiable with their rules, and each output element
 * of a contraction is matMul's sequential sum over the contracted letters in
 * their row-major order (TF1 may order that sum differently).
 *
 * @example einsum('ij,jk->ik', tensor([[1, 2]]), tensor([[3], [4]])).toArray() // [[11]]
 * @example einsum('ii->i', tensor([[1, 2], [3, 4]])).toArray() // [1, 4]
 */
export function einsum(equation: string, ...tensors: Tensor[]): Tensor {
  tensors.forEach((x, i) => checkTensor('einsum', `operand ${i}`, x))
  const { inputs, output } = parseEinsum(equation, tensors.length)
  tensors.forEach((x, i) => checkDTypeIn('einsum', `operand ${i}`, x, NUMERIC))
  if (tensors.length === 2 && tensors[0]!.dtype !== tensors[1]!.dtype) {
    throw new DTypeError(
      'einsum',
      `dtypes differ: operand 0 is ${tensors[0]!.dtype}, operand 1 is ${tensors[1]!.dtype}`,
    )
  }
  const sizes = letterSizes(tensors, inputs)
  const operands = tensors.map((x, i) => diagonal(x, inputs[i]!, sizes))
  const [a, b] = operands.map((operand, i) => sumUnused(operand, output, operands[1 - i]?.letters ?? []))
  const result = b === undefined ? a! : contract(a!, b, output, sizes)
  return arrange(result, output)
}
