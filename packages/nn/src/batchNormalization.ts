import { add, mul, rsqrt, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/**
 * TF1's `tf.nn.batch_normalization(x, mean, variance, beta, gamma, epsilon)`
 * in its float32 order: `inv = rsqrt(variance + epsilon) · gamma`, then
 * `x·inv + (beta − mean·inv)`.
 */
export function batchNormalization(
  x: Tensor,
  statistics: { readonly mean: Tensor; readonly variance: Tensor },
  beta: Tensor,
  gamma: Tensor,
  epsilon: number,
): Tensor {
  const inv = mul(rsqrt(add(statistics.variance, epsilon)), gamma)
  return add(mul(x, inv), sub(beta, mul(statistics.mean, inv)))
}
