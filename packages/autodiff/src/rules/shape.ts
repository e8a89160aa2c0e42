// Shape and layout ops: each moves the cotangent back where its values came from.
import { cast, pad, reshape, slice, sum, transpose } from '@gradstream/tensor'
import type { DType } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

/** The permutation that undoes `perm`. */
export function inversePermutation(perm: readonly number[]): number[] {
  const inverse = new Array<number>(perm.length)
  perm.forEach((axis, i) => {
    inverse[axis] = i
  })
  return inverse
}

export const reshapeVjp: VjpRule<'reshape'> = (g, [x]) => [reshape(g, x.shape)]

export const transposeVjp: VjpRule<'transpose'> = (g, _inputs, _y, { perm }) => [transpose(g, inversePermutation(perm))]

// The walker's unbroadcast sums g back to x's shape.
export const broadcastToVjp: VjpRule<'broadcastTo'> = (g) => [g]

export const concatVjp: VjpRule<'concat'> = (g, inputs, _y, { axis }, needed) => {
  let offset = 0
  return inputs.map((x, i) => {
    const begin = x.shape.map((_, a) => (a === axis ? offset : 0))
    offset += x.shape[axis]!
    return needed[i] ? slice(g, begin, x.shape) : null
  })
}

export const sliceVjp: VjpRule<'slice'> = (g, [x], _y, { begin, size }) => [
  pad(
    g,
    x.shape.map((d, a) => [begin[a]!, d - begin[a]! - size[a]!] as const),
  ),
]

export const padVjp: VjpRule<'pad'> = (g, [x], _y, { paddings }) => [
  slice(
    g,
    paddings.map(([before]) => before),
    x.shape,
  ),
]

// Split every axis into (repeat, original) and sum the repeats (TF's _TileGrad).
export const tileVjp: VjpRule<'tile'> = (g, [x], _y, { reps }) => {
  const split = x.shape.flatMap((d, a) => [reps[a]!, d])
  const repeatAxes = x.shape.map((_, a) => 2 * a)
  return [sum(reshape(g, split), repeatAxes)]
}

const isFloat = (dtype: DType) => dtype === 'float32' || dtype === 'float64'

// Between float dtypes the cotangent is cast back; nothing flows to or from integers and bools.
export const castVjp: VjpRule<'cast'> = (g, [x]) => [
  isFloat(x.dtype) && isFloat(g.dtype) ? (g.dtype === x.dtype ? g : cast(g, x.dtype)) : null,
]
