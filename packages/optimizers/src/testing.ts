// Test helpers shared by the optimizer tests (not exported from the package).
import { tensor } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { applyUpdates } from './applyUpdates'
import type { GradientTransformation } from './transformation'

/** Runs `opt` on one parameter `w` from `x0`, feeding the given gradients; returns `w` after each update. */
export function runSteps<S>(
  opt: GradientTransformation<S>,
  x0: readonly number[],
  grads: readonly (readonly number[])[],
): { xs: number[][]; state: S } {
  let params: { w: Tensor } = { w: tensor([...x0]) }
  let state = opt.init(params)
  const xs: number[][] = []
  for (const g of grads) {
    const result = opt.update({ w: tensor([...g]) }, state, params)
    params = applyUpdates(params, result.updates)
    state = result.state
    xs.push(params.w.toFlatArray())
  }
  return { xs, state }
}
