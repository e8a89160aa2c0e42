import { add } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { ruleFor } from './rules/index'
import type { Tape, TapeNode } from './tape'
import { unbroadcast } from './unbroadcast'
import { VjpRuleError } from './vjpRuleError'

/**
 * Walks `tape` backwards from the tensors in `seeds`, each with its
 * cotangent, and returns the cotangent of every tensor it reaches. Gradients
 * meeting at a tensor add up (also seeds given twice for one tensor). The
 * rules run with public ops, so a tape active around this call records the
 * backward pass too (that is how second derivatives and jvp work).
 */
export function backprop(tape: Tape, seeds: readonly (readonly [Tensor, Tensor])[]): Map<Tensor, Tensor> {
  const grads = new Map<Tensor, Tensor>()
  for (let i = 0; i < seeds.length; i++) accumulate(grads, seeds[i]![0], seeds[i]![1])
  const { nodes } = tape
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index]!
    const inputs = node.kind === 'primitive' ? node.inputs : node.node.inputs
    const y = node.kind === 'primitive' ? node.output : node.node.output
    const g = grads.get(y)
    if (g === undefined) continue
    grads.delete(y)
    const needed = new Array<boolean>(inputs.length)
    for (let i = 0; i < inputs.length; i++) needed[i] = tape.isDependent(inputs[i]!)
    const inputGrads = inputCotangents(node, g, needed)
    for (let i = 0; i < inputs.length; i++) {
      const gx = inputGrads[i]
      if (!needed[i] || gx === null || gx === undefined) continue
      const x = inputs[i]!
      accumulate(grads, x, unbroadcast(gx, x.shape))
    }
  }
  return grads
}

/** The cotangents a node's rule gives its inputs, one (or null) per input. */
function inputCotangents(node: TapeNode, g: Tensor, needed: readonly boolean[]): readonly (Tensor | null)[] {
  // A customVjp node checks what its rule returns itself, naming customVjp.
  if (node.kind === 'custom') return node.node.vjp(g)
  const { op, inputs, output, attrs } = node
  const inputGrads = ruleFor(op)(g, inputs, output, attrs, needed)
  if (inputGrads.length !== inputs.length) {
    throw new VjpRuleError(
      'backprop',
      `the ${op} rule returned ${inputGrads.length} gradients for ${inputs.length} inputs; a VJP rule returns one gradient (or null) per input`,
    )
  }
  return inputGrads
}

function accumulate(grads: Map<Tensor, Tensor>, x: Tensor, g: Tensor): void {
  const previous = grads.get(x)
  grads.set(x, previous === undefined ? g : add(previous, g))
}
