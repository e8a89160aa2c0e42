import type { Primitive, PrimitiveAttrs, PrimitiveInputs, Tensor } from '@gradstream/tensor'

/**
 * The vector-Jacobian product of one primitive: given the cotangent `g` of
 * its output, the cotangent of each input, or `null` where none flows (an
 * integer or bool input, or one whose gradient is not `needed`). A gradient
 * may keep the output's broadcast shape: the walker sums it back to the
 * input's shape (`unbroadcast`), once, for every rule.
 *
 * `needed[i]` says whether input i depends on a differentiated leaf; rules
 * skip the work for the others.
 */
export type VjpRule<P extends Primitive> = (
  g: Tensor,
  inputs: PrimitiveInputs<P>,
  output: Tensor,
  attrs: PrimitiveAttrs<P>,
  needed: readonly boolean[],
) => readonly (Tensor | null)[]

/**
 * The rule of a primitive with no gradient (comparisons, logic, `argMax`,
 * `sign`, `stopGradient`). The tape does not even record these, so whatever
 * depends on their output is a constant to it.
 */
export function noGradient(_g: Tensor, inputs: readonly Tensor[]): null[] {
  return inputs.map(() => null)
}
