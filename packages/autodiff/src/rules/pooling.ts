// Pooling gradients (TF's _MaxPoolGrad, _AvgPoolGrad and _AvgPoolGradGrad),
// written with differentiable ops so that they have gradients in turn, as
// TF1's do.
import { avgPool, avgPoolGrad, reshape, unsortedSegmentSum } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

// Each output's cotangent goes to the element its maximum came from, which
// the forward scan recorded (the window's first maximum, as TF1's
// MaxPoolGrad picks); overlapping windows add up, in output order as TF1
// does. A segment sum rather than a MaxPoolGrad primitive: its gradient is a
// gather of the incoming cotangent at the same indices, which is TF's
// MaxPoolGradGrad, and nothing flows to x through the indices, as in TF.
export const maxPoolVjp: VjpRule<'maxPool'> = (g, [x], _y, { argmax }) => [
  reshape(unsortedSegmentSum(reshape(g, [g.size]), argmax, x.size), x.shape),
]

export const avgPoolVjp: VjpRule<'avgPool'> = (g, [x], _y, { ksize, strides, padding }) => [
  avgPoolGrad(x.shape, g, { ksize, strides, padding }),
]

// avgPoolGrad is linear in dy and the adjoint of avgPool, so its own adjoint is avgPool.
export const avgPoolGradVjp: VjpRule<'avgPoolGrad'> = (g, _inputs, _y, { ksize, strides, padding }) => [
  avgPool(g, { ksize, strides, padding }),
]
