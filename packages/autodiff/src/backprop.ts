import { add } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { ruleFor } from './rules/index'
import type { Tape } from './tape'
import { unbroadcast } from './unbroadcast'
import { VjpRuleError } from './vjpRuleError'

/**
 * Walks `tape` backwards from `output`, whose cotangent is `cotangent`, and
 * returns the cotangent of every tensor it reaches. Gradients meeting at a
 * tensor add up. The rules run with public ops, so a tape active around this
 * call records the backward pass too (that is how second derivatives work).
 */
export function backprop(tape: Tape, output: Tensor, cotangent: Tensor): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>([[output, cotangent]])
  for (let node = tape.outputs.length - 1; node >= 0; node--) {
    const y = tape.outputs[node]!
    const g = grads.get(y)
    if (g === undefined) continue
    grads.delete(y)
    const op = tape.ops[node]!
    const inputs = tape.inputs[node]!
    const needed = inputs.map((x) => tape.isDependent(x))
    const inputGrads = ruleFor(op)(g, inputs, y, tape.attrs[node]!, needed)
    if (inputGrads.length !== inputs.length) {
      throw new VjpRuleError(
        'backprop',
        `the ${op} rule returned ${inputGrads.length} gradients for ${inputs.length} inputs; a VJP rule returns one gradient (or null) per input`,
      )
    }
    for (let i = 0; i < inputs.length; i++) {
      const gx = inputGrads[i]
      if (!needed[i] || gx === null || gx === undefined) continue
      const x = inputs[i]!
      const fitted = unbroadcast(gx, x.shape)
      const previous = grads.get(x)
      grads.set(x, previous === undefined ? fitted : add(previous, fitted))
    }
  }
  return grads
}
