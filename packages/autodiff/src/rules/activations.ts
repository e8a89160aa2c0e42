// Activations whose gradients TF computes from the output y (its
// SigmoidGrad, TanhGrad and EluGrad kernels), in the same association.
import { eluGrad, less, mul, reluGrad, sub, where } from '@gradstream/tensor'
import type { VjpRule } from './VjpRule'

// (g * y) * (1 - y): this association reproduces TF1's float32 transcripts.
export const sigmoidVjp: VjpRule<'sigmoid'> = (g, _inputs, y) => [mul(mul(g, y), sub(1, y))]

export const tanhVjp: VjpRule<'tanh'> = (g, _inputs, y) => [mul(g, sub(1, mul(y, y)))]

// g * (y + 1) where y < 0 (that is, x < 0), g elsewhere; both give g at 0.
export const eluVjp: VjpRule<'elu'> = (g, _inputs, y) => [eluGrad(g, y)]

// eluGrad is linear in dy, with the same factor; in y its slope is dy where y < 0.
export const eluGradVjp: VjpRule<'eluGrad'> = (g, [dy, y]) => [eluGrad(g, y), where(less(y, 0), mul(dy, g), 0)]

// TF's ReluGrad from the output: g where y > 0, 0 where y <= 0 (0 at the kink).
export const reluVjp: VjpRule<'relu'> = (g, _inputs, y) => [reluGrad(g, y)]

// TF's ReluGradGrad: reluGrad is linear in dy with the same mask, and piecewise constant in y.
export const reluGradVjp: VjpRule<'reluGrad'> = (g, [, y]) => [reluGrad(g, y), null]
