import { add, div, mean, mul, sqrt, square, stopGradient, sub } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'

/**
 * TF1's `tf.nn.moments(x, axes, keep_dims=True)`: the mean, and the biased
 * variance `mean((x − stopGradient(mean))²)`. The stop-gradient changes no
 * gradient (the variance's derivative in its mean is zero); TF has it too.
 */
export function moments(x: Tensor, axes: readonly number[]): { readonly mean: Tensor; readonly variance: Tensor } {
  const average = mean(x, axes, true)
  return { mean: average, variance: mean(square(sub(x, stopGradient(average))), axes, true) }
}

/**
 * TF1's `tf.nn.batch_normalization(x, mean, variance, beta, gamma, epsilon)`
 * in its float32 order: `inv = gamma / √(variance + epsilon)`, then
 * `x·inv + (beta − mean·inv)`. TF computes `rsqrt`; this divides by `sqrt`,
 * which can differ from TF's CPU kernel in the last bit.
 */
export function batchNormalization(
  x: Tensor,
  statistics: { readonly mean: Tensor; readonly variance: Tensor },
  beta: Tensor,
  gamma: Tensor,
  epsilon: number,
): Tensor {
  const inv = mul(div(1, sqrt(add(statistics.variance, epsilon))), gamma)
  return add(mul(x, inv), sub(beta, mul(statistics.mean, inv)))
}
