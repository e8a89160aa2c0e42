// Pooling gradients (TF's _MaxPoolGrad, _AvgPoolGrad and _AvgPoolGradGrad),
// written with differentiable ops so that they have gradients in turn, as
// TF1's do.
import { avgPool, avgPoolGrad, gather, maxPoolGrad, reshape } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

// Each output's cotangent goes to the element its maximum came from, which
// the forward scan recorded (the window's first maximum, as TF1's
// MaxPoolGrad picks); overlapping windows add up, in output order as TF1
// does. Nothing flows to x through the indices, as in TF. A scatter kernel
// of its own rather than unsortedSegmentSum, which validates and loops more
// generally: measured on LeNet's pools (2x2 over [64, 24, 24, 6] and
// [64, 8, 8, 16]), the scatter takes about 2/3 and 1/2 of the segment sum's time.
export const maxPoolVjp: VjpRule<'maxPool'> = (g, [x], _y, { argmax }) => [maxPoolGrad(g, argmax, x.shape)]

// TF's MaxPoolGradGrad: the cotangent of the input gradient, read at the maxima.
export const maxPoolGradVjp: VjpRule<'maxPoolGrad'> = (g, [, argmax]) => [gather(reshape(g, [g.size]), argmax), null]

export const avgPoolVjp: VjpRule<'avgPool'> = (g, [x], _y, { ksize, strides, padding }) => [
  avgPoolGrad(x.shape, g, { ksize, strides, padding }),
]

// avgPoolGrad is linear in dy and the adjoint of avgPool, so its own adjoint is avgPool.
export const avgPoolGradVjp: VjpRule<'avgPoolGrad'> = (g, _inputs, _y, { ksize, strides, padding }) => [
  avgPool(g, { ksize, strides, padding }),
]
