import { add } from '@gradstream/tensor'
import type { Tensor } from '@gradstream/tensor'
import { ruleFor } from './rules/index'
import type { Tape, TapeNode } from './tape'
import { unbroadcast } from './unbroadcast'
import { VjpRuleError } from './vjpRuleError'

/**
 * Walks `tape` backwards from the tensors in `seeds`, each with its
 * cotangent, and returns the cotangent of every source of the tape it
 * reaches. Gradients meeting at a tensor add up (also seeds given twice for
 * one tensor); a seed for a tensor that does not depend on the sources
 * reaches none. The rules run with public ops, so a tape active around this
 * call records the backward pass too (that is how second derivatives and jvp work).
 */
export function backprop(tape: Tape, seeds: readonly (readonly [Tensor, Tensor])[]): Map<Tensor, Tensor> {
  const { nodes } = tape
  const sourceCount = tape.sources.length
  // By slot (see Tape): sources first, then each node's output.
  const cotangents = new Array<Tensor | undefined>(sourceCount + nodes.length)
  for (let i = 0; i < seeds.length; i++) {
    const [y, g] = seeds[i]!
    const slot = tape.slotOf(y)
    if (slot !== undefined) accumulate(cotangents, slot, g)
  }
  for (let index = nodes.length - 1; index >= 0; index--) {
    const node = nodes[index]!
    const inputs = node.kind === 'primitive' ? node.inputs : node.node.inputs
    const slot = tape.slotOf(node.kind === 'primitive' ? node.output : node.node.output)!
    const g = cotangents[slot]
    if (g === undefined) continue
    cotangents[slot] = undefined
    const inputSlots = new Array<number | undefined>(inputs.length)
    const needed = new Array<boolean>(inputs.length)
    for (let i = 0; i < inputs.length; i++) {
      inputSlots[i] = tape.slotOf(inputs[i]!)
      needed[i] = inputSlots[i] !== undefined
    }
    const inputGrads = inputCotangents(node, g, needed)
    for (let i = 0; i < inputs.length; i++) {
      const gx = inputGrads[i]
      const inputSlot = inputSlots[i]
      if (inputSlot === undefined || gx === null || gx === undefined) continue
      accumulate(cotangents, inputSlot, unbroadcast(gx, inputs[i]!.shape))
    }
  }
  return sourceCotangents(tape, cotangents)
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

function accumulate(cotangents: (Tensor | undefined)[], slot: number, g: Tensor): void {
  const previous = cotangents[slot]
  cotangents[slot] = previous === undefined ? g : add(previous, g)
}

function sourceCotangents(tape: Tape, cotangents: readonly (Tensor | undefined)[]): Map<Tensor, Tensor> {
  const bySource = new Map<Tensor, Tensor>()
  tape.sources.forEach((source, slot) => {
    const g = cotangents[slot]
    if (g !== undefined) bySource.set(source, g)
  })
  return bySource
}
