// Reductions and running reductions. The output cotangent is first given back
// the reduced axes (as size-1 axes), then spread over the input (TF's
// _SumGrad, _ProdGrad, _MinOrMaxGrad, _CumsumGrad, _CumprodGrad).
import { broadcastTo, cast, cumprod, cumsum, div, equal, mul, reshape, sum, transpose } from '@gradstream/tensor'
import type { ReduceAttrs, Tensor } from '@gradstream/tensor'
import { inversePermutation } from './shape'
import type { VjpRule } from './VjpRule'

/** `t` (a reduction's output or its cotangent) with the reduced axes of `shape` back as size-1 axes. */
function withKeptDims(t: Tensor, shape: readonly number[], { axes, keepDims }: ReduceAttrs): Tensor {
  return keepDims ? t : reshape(t, keptShape(shape, axes))
}

/** True when the reduced axes lead, so the reduced result already broadcasts against the input. */
function reducesLeadingAxes({ axes }: ReduceAttrs): boolean {
  return axes.every((axis, i) => axis === i)
}

function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, axis) => (axes.includes(axis) ? 1 : d))
}

export const sumVjp: VjpRule<'sum'> = (g, [x], _y, attrs) => [
  broadcastTo(reducesLeadingAxes(attrs) ? g : withKeptDims(g, x.shape, attrs), x.shape),
]

// TF's L2LossGrad: x · g, the scalar g broadcast over x, one rounding per element.
export const l2LossVjp: VjpRule<'l2Loss'> = (g, [x]) => [mul(x, g)]

// Every element's share is the product of all the others, from an exclusive
// running product from each side: exact where x has zeros, unlike y / x.
export const prodVjp: VjpRule<'prod'> = (g, [x], _y, attrs) => {
  const { axes } = attrs
  const others = x.shape.map((_, axis) => axis).filter((axis) => !axes.includes(axis))
  const perm = [...axes, ...others]
  const permuted = transpose(x, perm)
  const reducedSize = axes.reduce((size, axis) => size * x.shape[axis]!, 1)
  const columns = reshape(permuted, [reducedSize, x.size / reducedSize || 0])
  const left = cumprod(columns, 0, { exclusive: true })
  const right = cumprod(columns, 0, { exclusive: true, reverse: true })
  const othersProduct = transpose(reshape(mul(left, right), permuted.shape), inversePermutation(perm))
  return [mul(withKeptDims(g, x.shape, attrs), othersProduct)]
}

// The gradient is split equally among the elements equal to the extreme (TF).
const extremeVjp: VjpRule<'max' | 'min'> = (g, [x], y, attrs) => {
  const hits = cast(equal(withKeptDims(y, x.shape, attrs), x), x.dtype)
  const count = sum(hits, attrs.axes, true)
  return [mul(div(hits, count), withKeptDims(g, x.shape, attrs))]
}
export const maxVjp: VjpRule<'max'> = extremeVjp
export const minVjp: VjpRule<'min'> = extremeVjp

export const cumsumVjp: VjpRule<'cumsum'> = (g, _inputs, _y, { axis, exclusive, reverse }) => [
  cumsum(g, axis, { exclusive, reverse: !reverse }),
]

// TF's rule, which divides by x: like TF's, it is not finite where x has zeros.
export const cumprodVjp: VjpRule<'cumprod'> = (g, [x], y, { axis, exclusive, reverse }) => [
  div(cumsum(mul(y, g), axis, { exclusive, reverse: !reverse }), x),
]
