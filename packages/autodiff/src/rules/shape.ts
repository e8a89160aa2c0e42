// Shape and layout ops: each moves the cotangent back where its values came from.
import {
  cast,
  mirrorPad,
  mirrorPadGrad,
  pad,
  reshape,
  reverse,
  slice,
  sum,
  transpose,
  zerosLike,
} from '@gradstream/tensor'
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

// MirrorPad and MirrorPadGrad are each other's adjoints (TF's _MirrorPadGrad and _MirrorPadGradGrad).
export const mirrorPadVjp: VjpRule<'mirrorPad'> = (g, _inputs, _y, { paddings, mode }) => [
  mirrorPadGrad(g, paddings, mode),
]

export const mirrorPadGradVjp: VjpRule<'mirrorPadGrad'> = (g, _inputs, _y, { paddings, mode }) => [
  mirrorPad(g, paddings, mode),
]

export const reverseVjp: VjpRule<'reverse'> = (g, _inputs, _y, { axes }) => [reverse(g, axes)]

// TF's StridedSliceGrad with public ops: undo the reversals of negative strides, spread each strided
// axis by putting |stride| - 1 zeros after every element, then pad the run into place.
export const stridedSliceVjp: VjpRule<'stridedSlice'> = (g, [x], _y, { begin, strides }) => {
  if (g.size === 0) return [zerosLike(x)]
  const backwards = strides.flatMap((s, a) => (s < 0 ? [a] : []))
  const forwards = backwards.length > 0 ? reverse(g, backwards) : g
  const steps = strides.map(Math.abs)
  const counts = g.shape
  const spread = steps.every((s) => s === 1)
    ? forwards
    : slice(
        reshape(
          pad(
            reshape(
              forwards,
              counts.flatMap((n) => [n, 1]),
            ),
            steps.flatMap((s) => [[0, 0] as const, [0, s - 1] as const]),
          ),
          counts.map((n, a) => n * steps[a]!),
        ),
        counts.map(() => 0),
        counts.map((n, a) => (n - 1) * steps[a]! + 1),
      )
  // The lowest index read on each axis: begin itself, or the last one read on a backward axis.
  const low = begin.map((b, a) => (strides[a]! < 0 ? b + (counts[a]! - 1) * strides[a]! : b))
  return [
    pad(
      spread,
      x.shape.map((d, a) => [low[a]!, d - low[a]! - spread.shape[a]!] as const),
    ),
  ]
}

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
