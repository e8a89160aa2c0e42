// The seed's learning-rate example by hand: gradient descent on x² from x = 5, the rate
// 0.1·0.96^step (TF1's exponential_decay with decaySteps 1 and staircase), the gradient 2x.

/** Runs `steps` updates from x = 5 and returns the final x, rounded to float32 as a float32 variable holds it. */
export function handWrittenScalarGd(steps: number): number {
  const x = new Float32Array([5])
  for (let step = 0; step < steps; step++) {
    const rate = 0.1 * Math.pow(0.96, step)
    x[0] = x[0]! - rate * 2 * x[0]!
  }
  return x[0]!
}
